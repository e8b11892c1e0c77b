import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxFixture } from '../sandbox/sandbox-fixture.js';
import { HAS_CHROMIUM } from './chromium.js';
import { openSandboxInBrowser } from './sandbox-browser.js';

/**
 * The sandbox plays the comparison card and My path: type a comparison, see what is new marked, step and swap it
 * in place; assess, then open My path from the confirmation DM and from `/skill me`; the same in Spanish.
 * Screenshots as in sandbox-page.test.ts (`npm run screenshots` → docs/screenshots).
 */

const SHOTS = path.resolve(process.env.SANDBOX_SCREENSHOTS_DIR ?? 'test-results/screenshots');

describe.skipIf(!HAS_CHROMIUM)('sandbox page: comparison card and My path', () => {
  let f: SandboxFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ f, browser, page } = await openSandboxInBrowser());
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  const messages = () => page.getByTestId('message');
  const assessment = () => page.locator('[data-testid="modal"][data-callback-id="assessment_modal"]');
  const pathModal = () => page.locator('[data-testid="modal"][data-callback-id="my_path_modal"]');

  async function type(command: string) {
    await page.getByTestId('composer').fill(command);
    await page.getByTestId('composer').press('Enter');
  }

  /** Fills in and saves the self-assessment: Middle → Lead, Senior partly, Lead not yet (two expectations left). */
  async function assess() {
    await type('/skill assess nats');
    const field = (blockId: string) => assessment().locator(`[data-block-id="${blockId}"]`);
    await field('assess_current').waitFor();
    await field('assess_role').locator('select').selectOption('go');
    await assessment().filter({ hasText: 'architectures in Go services' }).waitFor();
    for (const [level, rating] of Object.entries({ junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' })) {
      await field(`assess_rating_${level}`).locator(`input[value="${rating}"]`).check();
    }
    await field('assess_current').locator('select').selectOption('middle');
    await field('assess_target').locator('select').selectOption('lead');
    await page.getByTestId('modal-submit').click();
    await assessment().waitFor({ state: 'detached' });
  }

  it('plays a comparison: what is new in bold, what is no longer said struck; ▶ and ⇄ change it in place', async () => {
    await type('/skill nats senior vs lead');
    const card = messages().filter({ hasText: 'NATS / NATS JetStream · Senior → Lead' });
    await card.waitFor();
    expect(await card.getByTestId('only-visible-to-you').count()).toBe(1);
    expect(await card.locator('strong').count()).toBeGreaterThan(0);
    expect(await card.locator('del').count()).toBeGreaterThan(0);
    expect(await card.textContent()).toMatch(/From Senior to Lead: \d+ words? new/);
    await card.scrollIntoViewIfNeeded();
    await shot('compare-card');

    await card.locator('[data-action-id="open_compare:next"]').click();
    await messages().filter({ hasText: 'NATS / NATS JetStream · Lead → Principal' }).waitFor();
    await messages().first().locator('[data-action-id="open_compare:swap"]').click();
    await messages().filter({ hasText: 'NATS / NATS JetStream · Principal → Lead' }).waitFor();
    expect(await messages().count()).toBe(1);
  });

  it('opens My path from the confirmation DM after an assessment, and from /skill me', async () => {
    await assess();
    await page.getByTestId('nav-app').click();
    await page.getByTestId('tab-messages').click();
    const dm = messages().filter({ hasText: '2 expectations left on your path to Lead.' });
    await dm.waitFor();
    await dm.locator('[data-action-id="open_path"]').click();
    await pathModal().filter({ hasText: 'What changes from Middle to Lead' }).waitFor();
    expect(await pathModal().textContent()).toContain('Still to cover on the way');
    expect(await pathModal().locator('strong').count()).toBeGreaterThan(0);
    await shot('my-path');
    await page.getByTestId('modal-close').click();
    await pathModal().waitFor({ state: 'detached' });

    await page.getByTestId('nav-general').click();
    await type('/skill me');
    const me = messages().filter({ has: page.locator('[data-action-id="open_path"]') });
    await me.waitFor();
    await me.locator('[data-action-id="open_path"]').click();
    await pathModal().filter({ hasText: 'What changes from Middle to Lead' }).waitFor();
    await page.getByTestId('modal-close').click();
    await pathModal().waitFor({ state: 'detached' });
  });

  it('does both in Spanish for Rosa', async () => {
    await page.getByTestId('user-switcher').selectOption('U0SBXROSA');
    // The page speaks Rosa's language once the switch is done: only then does the composer type as her.
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
    await page.getByTestId('nav-general').click();
    await type('/skill nats senior contra lead');
    const card = messages().filter({ hasText: 'negrita' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/De Senior a Lead: \d+ palabras? nuevas?/);
    await card.locator('[data-action-id="open_compare:next"]').click();
    await messages().filter({ hasText: 'NATS / NATS JetStream · Lead → Principal' }).waitFor();

    await assess();
    await type('/skill me');
    const me = messages().filter({ hasText: '2 expectativas pendientes en tu camino a Lead.' });
    await me.waitFor();
    await me.locator('[data-action-id="open_path"]').click();
    await pathModal().filter({ hasText: 'Qué cambia de Middle a Lead' }).waitFor();
    expect(await pathModal().textContent()).toContain('Mi camino');
  });
});
