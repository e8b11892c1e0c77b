import type { Browser, Page } from 'playwright-core';
import { startSandboxFixture, type SandboxFixture } from '../sandbox/sandbox-fixture.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

export interface SandboxInBrowser {
  f: SandboxFixture;
  browser: Browser;
  page: Page;
}

/**
 * A sandbox and the page that plays it in headless Chromium, opened as `user` (Ada unless told; null: not opened
 * yet). A script error on the page fails the test; a step fails with Playwright's own message (what it waited for)
 * well before vitest's test timeout.
 */
export async function openSandboxInBrowser(options: { user?: string | null } = {}): Promise<SandboxInBrowser> {
  const f = await startSandboxFixture();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, locale: 'en-GB' });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  const user = options.user === undefined ? 'U0SBXADA' : options.user;
  if (user !== null) await page.goto(`http://127.0.0.1:${f.sandbox.port}/?user=${user}`);
  return { f, browser, page };
}
