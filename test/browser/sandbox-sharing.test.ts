import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxFixture } from '../sandbox/sandbox-fixture.js';
import { HAS_CHROMIUM } from './chromium.js';
import { openSandboxInBrowser } from './sandbox-browser.js';

/**
 * Sharing in the sandbox page, in headless Chromium: Ada assesses herself and shares NATS with Grace (the lead in
 * "Acting as"), Grace opens it from her DM, prepares the 1:1 and records what they agreed, Ada sees the agreement in
 * `/skill me`, and Ada sees the opening and revokes it (docs/sharing.md).
 */

const LEAD = 'U0SBXLEAD';

describe.skipIf(!HAS_CHROMIUM)('sharing in the sandbox page', () => {
  let f: SandboxFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ f, browser, page } = await openSandboxInBrowser());
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  const messages = () => page.getByTestId('message');
  const modal = (callbackId: string) => page.locator(`[data-testid="modal"][data-callback-id="${callbackId}"]`);
  const command = async (text: string) => {
    await page.getByTestId('nav-general').click();
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('composer').press('Enter');
  };

  it('Ada assesses NATS and shares it with the lead by name; the person is filled in', async () => {
    await command('/skill assess nats');
    const assess = modal('assessment_modal');
    await assess.waitFor();
    for (const [level, rating] of Object.entries({ junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' })) {
      await assess.locator(`[data-block-id="assess_rating_${level}"] input[value="${rating}"]`).check();
    }
    await assess.locator('[data-block-id="assess_current"] select').selectOption('senior');
    await assess.locator('[data-block-id="assess_target"] select').selectOption('lead');
    await assess.locator('[data-block-id="assess_goals"] textarea').fill('Own the events platform');
    await page.getByTestId('modal-submit').click();
    await assess.waitFor({ state: 'detached' });

    await command('/skill share nats @grace');
    const share = modal('share_modal');
    await share.waitFor();
    expect(await share.locator('[data-block-id="share_person"] select').inputValue()).toBe(LEAD);
    await share.locator('[data-block-id="share_note"] textarea').fill('For our Thursday 1:1');
    await page.getByTestId('modal-submit').click();
    const done = modal('share_modal_done');
    await done.waitFor();
    expect(await done.textContent()).toContain('can now see your NATS / NATS JetStream until');
    await page.getByTestId('modal-close').click();
    await done.waitFor({ state: 'detached' });
  });

  it('as the lead: the DM has no assessment content; Open shows the picture, read-only', async () => {
    await page.getByTestId('user-switcher').selectOption(LEAD);
    await page.getByTestId('nav-app').click();
    await page.getByTestId('tab-messages').click();
    const dm = messages().filter({ hasText: 'shared their growth picture with you' });
    await dm.waitFor();
    expect(await dm.textContent()).toContain('For our Thursday 1:1');
    expect(await dm.textContent()).not.toContain('Own the events platform');
    await dm.locator('[data-action-id="shared_open"]').click();
    const picture = modal('shared_picture');
    await picture.waitFor();
    expect(await picture.textContent()).toContain('Own the events platform');
    expect(await picture.textContent()).toContain('Senior → Lead');
    expect(await picture.getByTestId('modal-submit').count()).toBe(0);
    // Read-only: the one button prepares a 1:1 brief for the lead, pushed over the picture.
    expect(await picture.locator('.modal-body button').allTextContents()).toEqual(['Prepare 1:1']);
    await picture.locator('[data-action-id="brief_prepare"]').click();
    const brief = modal('one_on_one_brief');
    // It opens as "Preparing the brief…" and is then replaced by the brief itself.
    await brief.getByText('Senior → Lead').first().waitFor();
    // What they agree is written down from the brief, as Ada's note (docs/one-on-one-brief.md#agreed-next-steps).
    await brief.locator('[data-action-id="agreement_record"]').click();
    const agreement = modal('agreement_modal');
    await agreement.waitFor();
    // Empty steps: Slack's own required check, before the app hears anything (the app's field errors: test/e2e/agreements.test.ts).
    await page.getByTestId('modal-submit').click();
    await agreement.getByText('Please complete this required field.').waitFor();
    await agreement.locator('[data-block-id="agreement_steps"] textarea').fill('Ada drafts the JetStream runbook');
    // A follow-up in two days: a DM to Ada that day at her check-in time, and a short one to the lead.
    await agreement.locator('[data-block-id="agreement_follow_up"] input[type="date"]').fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await page.getByTestId('modal-submit').click();
    const saved = modal('agreement_modal_done');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('sees it in /skill me');
    expect(await saved.textContent()).toContain('a DM with these steps');
    await page.getByTestId('modal-close').click();
    await saved.waitFor({ state: 'detached' });
    await page.getByTestId('modal-close').click();
    await brief.waitFor({ state: 'detached' });
    await page.getByTestId('modal-close').click();
    await picture.waitFor({ state: 'detached' });
  });

  it('as Ada: /skill me shows what she and the lead agreed', async () => {
    await page.getByTestId('user-switcher').selectOption('U0SBXADA');
    await command('/skill me');
    const me = messages().filter({ hasText: 'Ada drafts the JetStream runbook' });
    await me.waitFor();
    expect(await me.textContent()).toMatch(/Agreed with @\S+.* on \d{1,2} \w{3} \d{4}: Ada drafts the JetStream runbook/);
    // Ada moves the follow-up a day later (Change follow-up): the steps stay, only the date moves.
    await me.locator('[data-action-id="follow_up_move"]').click();
    const move = modal('follow_up_move_modal');
    await move.waitFor();
    await move.locator('[data-block-id="follow_up_date"] input[type="date"]').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
    await page.getByTestId('modal-submit').click();
    const moved = modal('follow_up_move_modal_done');
    await moved.getByText('The follow-up is now on').waitFor();
    await page.getByTestId('modal-close').click();
    await moved.waitFor({ state: 'detached' });
  });

  it('the follow-up day: To next check-in brings Ada the agreed steps with Done, and the lead a short DM with Open brief', async () => {
    await page.getByTestId('user-switcher').selectOption('U0SBXADA');
    await page.getByTestId('nav-app').click();
    await page.getByTestId('tab-messages').click();
    await page.getByTestId('ff-next').click();
    const followUp = messages().filter({ hasText: 'Follow-up of your 1:1' });
    await followUp.waitFor();
    expect(await followUp.textContent()).toContain('Ada drafts the JetStream runbook');
    await followUp.locator('[data-action-id="follow_up_done"]').click();
    await messages().filter({ hasText: 'Marked done on' }).waitFor();

    await page.getByTestId('user-switcher').selectOption(LEAD);
    await page.getByTestId('nav-app').click();
    await page.getByTestId('tab-messages').click();
    const lead = messages().filter({ hasText: 'A follow-up today' });
    await lead.waitFor();
    expect(await lead.textContent()).not.toContain('JetStream runbook'); // the steps are Ada's
    await lead.locator('[data-action-id="brief_open"]').click();
    const brief = modal('one_on_one_brief');
    await brief.getByText('Ada drafts the JetStream runbook').first().waitFor();
    await page.getByTestId('modal-close').click();
    await brief.waitFor({ state: 'detached' });
  });

  it('as Ada again: /skill sharing shows the opening; Revoke (confirmed) ends it and the lead’s DM says so, without Open', async () => {
    await page.getByTestId('user-switcher').selectOption('U0SBXADA');
    await command('/skill sharing');
    const list = messages().filter({ hasText: 'Who can see my growth' });
    await list.waitFor();
    expect(await list.textContent()).toContain('Opened once');
    await list.locator('[data-action-id="share_revoke"]').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await messages().filter({ hasText: 'can no longer open your growth picture' }).waitFor();

    await page.getByTestId('user-switcher').selectOption(LEAD);
    await page.getByTestId('nav-app').click();
    await page.getByTestId('tab-messages').click();
    await messages().filter({ hasText: 'stopped sharing their growth picture with you' }).waitFor();
    expect(await page.getByTestId('messages').locator('[data-action-id="shared_open"]').count()).toBe(0);
  });
});
