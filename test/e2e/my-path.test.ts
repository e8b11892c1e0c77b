import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { ACTION, VIEW } from '../../src/ids.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';

const text = (value: unknown) => JSON.stringify(value);

describeEachDatabase('My path end to end', (database) => {
  let slack: SlackAppHarness;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database });
  });
  afterAll(async () => {
    await slack?.close();
  });
  beforeEach(async () => {
    await database.truncate();
    slack.fake.reset();
  });

  /**
   * Assesses NATS from Middle to Lead with the harness's default ratings (Middle fully, Senior partly, Lead not
   * yet): two expectations left on the path.
   */
  const assess = (user = USERS.en) => slack.assess(user, { current: 'middle', target: 'lead' });

  /** The view as the app last sent it (the fake stores Slack's output shape, with ids and state). */
  const sentView = (view: FakeView) =>
    [...slack.fake.callsTo('views.open'), ...slack.fake.callsTo('views.update')]
      .filter((call) => (call.response as { view?: { id?: string } }).view?.id === view.id)
      .sort((a, b) => a.at - b.at)
      .at(-1)!.args.view;

  /** The "My path" modal once it has left "loading" (it opens at once, then is filled in). */
  const pathModal = (user = USERS.en, says = 'Middle → *Lead*') =>
    slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === VIEW.myPath && v.user_id === user.id && text(v.blocks).includes(says)), 'the My path modal');

  it('the confirmation DM shows the compact path, and its My path button opens the whole path', async () => {
    await assess();
    const dm = await slack.waitFor(() => slack.fake.dmsTo(USERS.en.id)[0], 'the confirmation DM');
    assertValidMessage(dm);
    expect(text(dm.blocks)).toContain('*2 expectations left on your path to Lead.*');
    expect(text(dm.blocks)).toContain('*Senior* · Partly · _Required_');
    expect(text(dm.blocks)).toContain('*Lead* · Not yet · _Required_');
    expect(text(dm.blocks)).toContain('What changes from Middle to Lead');

    await slack.click(dm, ACTION.openPath, { expectReply: false });
    const modal = await pathModal();
    assertValidView(sentView(modal));
    expect(text(modal.title)).toContain('My path');
    expect(text(modal.blocks)).toContain('Backend Developer (Go)');
    expect(text(modal.blocks)).toContain('Rated fully met on the way: Middle.');
    expect(text(modal.blocks)).toMatch(/From Middle to Lead: \d+ words? new/);
  });

  it('/skill me and App Home: the line and the button, which opens the path in the person’s language', async () => {
    await assess();
    const { reply } = await slack.command('me');
    const me = reply.body as { text: string; blocks: KnownBlock[] };
    assertValidMessage(me);
    expect(text(me.blocks)).toContain('2 expectations left on your path to Lead.');
    await slack.click({ blocks: me.blocks, ts: reply.messageTs }, ACTION.openPath, { expectReply: false });
    assertValidView(sentView(await pathModal()));

    const home = await slack.waitFor(() => slack.fake.homeViewFor(USERS.en.id), 'App Home');
    expect(text(home.blocks)).toContain('2 expectations left on your path to Lead.');
    slack.fake.reset();
    await slack.interactWithView(home, ACTION.openPath);
    assertValidView(sentView(await pathModal()));

    await assess(USERS.es);
    const spanish = (await slack.command('me', { user: USERS.es })).reply;
    const blocks = (spanish.body as { blocks: KnownBlock[] }).blocks;
    expect(text(blocks)).toContain('2 expectativas pendientes en tu camino a Lead.');
    await slack.click({ blocks, ts: spanish.messageTs }, ACTION.openPath, { user: USERS.es, expectReply: false });
    const modal = await pathModal(USERS.es, 'Qué cambia de Middle a Lead');
    expect(text(modal.title)).toContain('Mi camino');
    expect(text(modal.blocks)).toContain('*Senior* · En parte · _Obligatorio_');
  });

  it('an old assessment with levels the catalog no longer has, or a forged skill, reads sensibly and never crashes', async () => {
    await database.db
      .insertInto('assessments')
      .values({ team_id: TEAM, user_id: USERS.en.id, skill_id: 'nats', role_id: 'cobol', ratings: JSON.stringify({ wizard: 'partly' }), current_level: 'wizard', target_level: 'archmage', target_date: null, submission_key: null })
      .execute();
    const { reply } = await slack.command('me');
    const me = reply.body as { blocks: KnownBlock[] };
    assertValidMessage(me);
    expect(text(me.blocks)).toContain('levels or roles changed since you assessed it');
    expect(text(me.blocks)).not.toContain(ACTION.openPath);

    // A stale button (or a forged value) opens a modal that says so.
    await slack.click({ blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: ACTION.openPath, text: { type: 'plain_text', text: 'My path' }, value: 'no-such-skill' }] }] }, ACTION.openPath, { expectReply: false });
    const modal = await pathModal(USERS.en, 'levels or roles changed');
    assertValidView(sentView(modal));
    await slack.click({ blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: ACTION.openPath, text: { type: 'plain_text', text: 'My path' }, value: 'nats' }] }] }, ACTION.openPath, { expectReply: false });
    assertValidView(sentView(await pathModal(USERS.en, 'levels or roles changed')));
  });

  it('the check-in DM says how many expectations are left on the path', async () => {
    await assess();
    const schedule = await findSchedule(database.db, TEAM, USERS.en.id);
    const result = await runSchedulerPass(slack.deps, createSenderClient(slack.deps.config, { timeoutMs: 2000 }), { workerId: 'test-path', now: schedule!.next_run_at! });
    expect(result.sent).toBe(1);
    const dm = await slack.waitFor(() => slack.fake.dmsTo(USERS.en.id).find((m) => text(m.blocks).includes(ACTION.pause)), 'the check-in DM');
    assertValidMessage(dm);
    expect(text(dm.blocks)).toContain('2 expectations left on your path to Lead.');
  });
});
