import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../sandbox/sandbox-fixture.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HAS_CHROMIUM } from './chromium.js';

/** `/skill export` in the sandbox page: the files arrive in the DM as links that download them (docs/check-in-delivery.md#export). */
describe.skipIf(!HAS_CHROMIUM)('sandbox page: export my data', () => {
  let f: SandboxFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    f = await startSandboxFixture();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 820 }, locale: 'en-GB' });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`http://127.0.0.1:${f.sandbox.port}/?user=U0SBXADA`);
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  it('types /skill export, then finds the JSON and CSV in the DM and downloads them', async () => {
    await page.getByTestId('composer').fill('/skill export');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('message').filter({ hasText: 'your data is in your direct messages' }).waitFor();
    await page.getByTestId('nav-app').click();
    await page.getByTestId('tab-messages').click();
    const files = page.getByTestId('file');
    await files.first().waitFor();
    expect(await files.count()).toBe(2);
    expect(await files.allTextContents()).toEqual([expect.stringMatching(/^skill-ladder-T0SANDBOX-\d{4}-\d{2}-\d{2}\.json/), expect.stringMatching(/^skill-ladder-assessments-.*\.csv/)]);
    const href = await files.first().getAttribute('href');
    const download = await page.request.get(new URL(href!, page.url()).toString());
    expect(download.status()).toBe(200);
    expect(JSON.parse(await download.text())).toMatchObject({ format: 'skill-ladder-export', team_id: 'T0SANDBOX', user_id: 'U0SBXADA' });
  });
});
