import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxFixture } from '../sandbox/sandbox-fixture.js';
import { HAS_CHROMIUM } from './chromium.js';
import { openSandboxInBrowser } from './sandbox-browser.js';

/**
 * The sandbox page in headless Chromium, end to end: type a command, click through the card, fill in the modal
 * (an error first), see the DM and App Home, move the clock to a check-in and snooze it. Screenshots of the main
 * screens go to test-results/screenshots, or to SANDBOX_SCREENSHOTS_DIR (`npm run screenshots` → docs/screenshots).
 */

const SHOTS = path.resolve(process.env.SANDBOX_SCREENSHOTS_DIR ?? 'test-results/screenshots');

describe.skipIf(!HAS_CHROMIUM)('sandbox page in Chromium', () => {
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
  const modal = () => page.locator('[data-testid="modal"][data-callback-id="assessment_modal"]');
  const field = (blockId: string) => modal().locator(`[data-block-id="${blockId}"]`);

  it('says on screen that it is a sandbox, not Slack', async () => {
    await expect.poll(() => page.getByTestId('sandbox-banner').textContent()).toContain('It is not Slack');
    expect(await page.getByTestId('user-switcher').inputValue()).toBe('U0SBXADA');
  });

  it('runs /skill nats senior from the composer and shows the card, only to me', async () => {
    await page.getByTestId('composer').fill('/skill nats senior');
    await page.getByTestId('composer').press('Enter');
    const card = messages().filter({ hasText: 'what Senior expects' });
    await card.waitFor();
    expect(await card.getByTestId('only-visible-to-you').count()).toBe(1);
    expect(await card.locator('[data-block-type="header"]').count()).toBeGreaterThan(0);
    expect(await card.locator('.sk-button.primary').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('composer').inputValue()).toBe('');
    await shot('card');
  });

  it('clicks the next level and the card changes in place', async () => {
    await messages().first().locator('[data-action-id="open_level:next"]').click();
    await messages().filter({ hasText: 'what Lead expects' }).waitFor();
    expect(await messages().count()).toBe(1);
  });

  it('opens the modal, redraws it on a role change keeping what I typed, shows field errors, then saves', async () => {
    await messages().first().locator('[data-action-id="assess_open"]').click();
    await modal().waitFor();
    await field('assess_goals').locator('textarea').fill('Run design reviews for the *events* team');
    // The role select dispatches an action; the app redraws the requirement texts with views.update.
    await field('assess_role').locator('select').selectOption('go');
    await modal().filter({ hasText: 'architectures in Go services' }).waitFor();
    expect(await field('assess_goals').locator('textarea').inputValue()).toBe('Run design reviews for the *events* team');

    for (const [level, rating] of Object.entries({ junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' })) {
      await field(`assess_rating_${level}`).locator(`input[value="${rating}"]`).check();
    }
    await field('assess_current').locator('select').selectOption('lead');
    await field('assess_target').locator('select').selectOption('junior');
    await page.getByTestId('modal-submit').click();
    const error = field('assess_target').getByTestId('field-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Your target cannot be below your current level.');
    expect(await field('assess_goals').locator('textarea').inputValue()).toContain('design reviews');
    await error.scrollIntoViewIfNeeded();
    await shot('modal-with-error');

    await field('assess_current').locator('select').selectOption('senior');
    await field('assess_target').locator('select').selectOption('lead');
    await page.getByTestId('modal-submit').click();
    await modal().waitFor({ state: 'detached' });
  });

  it('shows App Home and the confirmation DM', async () => {
    await page.getByTestId('nav-app').click();
    const home = page.getByTestId('home');
    await home.filter({ hasText: 'Lead' }).waitFor();
    expect(await home.textContent()).toMatch(/Senior → Lead/);
    await shot('app-home');
    await page.getByTestId('tab-messages').click();
    await messages().filter({ hasText: 'Saved your NATS / NATS JetStream self-assessment' }).waitFor();
    // Goals are the person's text: shown literally, never formatted.
    expect(await page.getByTestId('messages').locator('strong', { hasText: 'events' }).count()).toBe(0);
  });

  it('shows the confirm dialog before a dangerous button; cancelling changes nothing', async () => {
    await page.getByTestId('composer').fill('/skill forget');
    await page.getByTestId('composer').press('Enter');
    const prompt = messages().filter({ has: page.locator('[data-action-id="forget_confirm"]') });
    await prompt.waitFor();
    await prompt.locator('[data-action-id="forget_confirm"]').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await prompt.count()).toBe(1);
    // The prompt's own Cancel button answers by replacing the prompt.
    await prompt.locator('[data-action-id="forget_cancel"]').click();
    await prompt.waitFor({ state: 'detached' });
  });

  it('fast-forwards to the next check-in, shows the DM, and snoozes it', async () => {
    await page.getByTestId('ff-next').click();
    const checkin = messages().filter({ has: page.locator('[data-action-id="checkin_snooze:1d"]') });
    await checkin.waitFor();
    await checkin.scrollIntoViewIfNeeded();
    await shot('checkin-dm');
    await checkin.locator('[data-action-id="checkin_snooze:1d"]').click();
    await messages().filter({ hasText: 'Snoozed until' }).waitFor();
    await expect.poll(() => page.getByTestId('next-checkin').textContent()).toMatch(/Next check-in/);
  });

  it('switches to the Spanish user in Madrid and gets Spanish', async () => {
    await page.getByTestId('user-switcher').selectOption('U0SBXROSA');
    await page.getByTestId('nav-general').click();
    await page.getByTestId('composer').fill('/skill nats senior');
    await page.getByTestId('composer').press('Enter');
    await messages().filter({ hasText: 'Autoevaluarme' }).waitFor();
    expect(await page.getByTestId('messages').textContent()).not.toContain('what Lead expects');
    await shot('card-es');
  });
});
