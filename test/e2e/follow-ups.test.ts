import { beforeEach, describe, expect, it } from 'vitest';
import { emitDueOccurrences } from '../../src/db/repositories/checkin-deliveries.js';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { deleteUserData } from '../../src/db/repositories/forget.js';
import { ACTION } from '../../src/ids.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeSlackUser } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { saveAgreement } from '../../src/services/agreements.js';
import { pauseCheckins, pauseCheckinsUntil, resumeCheckins } from '../../src/services/checkins.js';
import { revokeShareNow } from '../../src/services/sharing.js';
import { computeNextRun, GRACE_MS } from '../../src/time/check-in-time.js';
import { databaseTargets, type TestDatabase } from '../helpers/test-database.js';
import { TEAM, USERS, type SlackAppHarness, useSlackHarness } from '../helpers/slack-app-harness.js';

const ADA = USERS.en; // Europe/London; check-ins on Mondays at 10:00
const ROSA = USERS.es; // her lead, Europe/Madrid, reads Spanish
const text = (value: unknown) => JSON.stringify(value);

/** Follow-ups of agreed next steps, end to end through Bolt, the scheduler and the fake Slack (docs/follow-ups.md). */
describe.each(databaseTargets())('follow-ups of what two people agreed, on $name', ({ create }) => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  let clock = new Date();
  useSlackHarness(create, { now: () => clock }, (started) => ({ database, slack } = started));
  beforeEach(async () => {
    // Sunday 29 Nov: Ada's first check-in will be Monday 7 Dec, 10:00 London.
    clock = new Date('2026-11-29T12:00:00Z');
    await assess(ADA);
    await share(ADA, ROSA);
  });

  const assess = (user: FakeSlackUser) => slack.assess(user, { current: 'senior', target: 'lead' });

  const share = (owner: FakeSlackUser, viewer: FakeSlackUser) => slack.share(owner, viewer, { duration: 'revoke' });

  const STEPS = 'Pair with Sam on the consumer rewrite\nWrite the ADR for stream limits';
  /** Rosa and Ada agreed on steps in their 1:1 on Monday 30 Nov, with a follow-up on `followUpOn` (the service the modal saves with). */
  const agree = async (followUpOn: string) => {
    const before = clock;
    clock = new Date('2026-11-30T15:00:00Z');
    const saved = await saveAgreement(slack.deps, { teamId: TEAM, ownerId: ADA.id, authorId: ROSA.id, choice: { skillId: 'nats', steps: STEPS, followUpOn, otherId: null } });
    clock = before;
    return saved;
  };
  /** The emit step alone, as a pass starts: the day's DMs are queued in the outbox, not yet sent. */
  const queue = (at: string) => emitDueOccurrences(database.db, { batch: 10, graceMs: GRACE_MS, computeNext: computeNextRun, asOf: new Date(at) });
  const tick = (at: string) => runSchedulerPass(slack.deps, createSenderClient(slack.deps.config, { timeoutMs: 2000 }), { workerId: 'follow-ups', now: new Date(at) });
  /** Scheduled DMs only: the confirmation and share DMs came before. */
  const followUpsTo = (user: FakeSlackUser) => slack.fake.dmsTo(user.id).filter((m) => text(m.blocks).includes(ACTION.followUpDone) || text(m.blocks).includes(ACTION.openBrief) || text(m.blocks).includes(ACTION.pause));

  it('Rosa records from her brief with a follow-up date; on that day at Ada\'s check-in time Ada gets the agreed steps with Update and Done, Rosa a short DM in Spanish with Open brief — once', async () => {
    clock = new Date('2026-11-30T15:00:00Z');
    const { reply } = await slack.command(`prep <@${ADA.id}|ada>`, { user: ROSA });
    await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, ACTION.recordAgreement, { user: ROSA, expectReply: false });
    const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.user_id === ROSA.id && v.callback_id === 'agreement_modal'), 'the agreement modal');
    const answer = await slack.submit(
      modal,
      {
        agreement_skill: { value: { type: 'static_select', selected_option: { value: 'nats' } } },
        agreement_steps: { value: { type: 'plain_text_input', value: STEPS } },
        agreement_follow_up: { value: { type: 'datepicker', selected_date: '2026-12-03' } },
      },
      { user: ROSA },
    );
    // The confirmation gives the follow-up's day and time, in Rosa's language and zone (10:00 London is 11:00 Madrid).
    expect(answer.body).toContain('Revisión: jue 3 dic, 11:00');
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toEqual(new Date('2026-12-03T10:00:00Z')); // Thursday, 10:00 London
    expect((await tick('2026-12-03T09:59:00Z')).emitted).toBe(0);
    const pass = await tick('2026-12-03T10:00:00Z');
    expect(pass).toMatchObject({ emitted: 2, sent: 2 });

    const [ada] = followUpsTo(ADA);
    expect(followUpsTo(ADA)).toHaveLength(1);
    assertValidMessage(ada as never);
    expect(text(ada!.blocks)).toContain('Follow-up of your 1:1');
    expect(text(ada!.blocks)).toContain(`agreed with <@${ROSA.id}> on 30 Nov 2026`);
    expect(text(ada!.blocks)).toContain('Pair with Sam on the consumer rewrite');
    expect(text(ada!.blocks)).toContain('Update my assessment');
    expect(text(ada!.blocks)).not.toContain(ACTION.pause); // no check-in is due on a Thursday

    const [rosa] = followUpsTo(ROSA);
    expect(followUpsTo(ROSA)).toHaveLength(1);
    assertValidMessage(rosa as never);
    expect(text(rosa!.blocks)).toContain(`Hoy es la revisión de lo que acordaste con <@${ADA.id}>`);
    expect(text(rosa!.blocks)).toContain('Abrir resumen');
    expect(text(rosa!.blocks)).not.toContain('consumer rewrite'); // the steps are Ada's

    // Later passes send nothing more.
    expect(await tick('2026-12-03T10:05:00Z')).toMatchObject({ emitted: 0, sent: 0 });
    expect(followUpsTo(ADA)).toHaveLength(1);
    expect(followUpsTo(ROSA)).toHaveLength(1);
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toBeNull();
  });

  it('Done marks the steps done and redraws the buttons; Open brief shows Rosa the brief while the share holds', async () => {
    await agree('2026-12-03');
    await tick('2026-12-03T10:00:00Z');
    clock = new Date('2026-12-03T11:00:00Z');
    const [ada] = followUpsTo(ADA);
    const { reply } = await slack.click(ada!, ACTION.followUpDone, { user: ADA, posted: true, channel: { id: ada!.channel, name: 'dm' } });
    const redrawn = reply!.body as { blocks: unknown[] };
    expect(text(redrawn.blocks)).toContain('Marked done on 3 Dec 2026');
    expect(text(redrawn.blocks)).not.toContain(ACTION.followUpDone);
    expect(text(redrawn.blocks)).toContain('Pair with Sam'); // the rest of the message stays
    const notes = await database.db.selectFrom('conversation_notes').select(['done_at']).execute();
    expect(notes).toEqual([{ done_at: new Date('2026-12-03T11:00:00Z') }]);

    // Someone else's Done (a forged value) changes nothing.
    const [rosa] = followUpsTo(ROSA);
    const forged = await slack.click(ada!, ACTION.followUpDone, { user: ROSA, posted: true, channel: { id: rosa!.channel, name: 'dm' } });
    expect(text(forged.reply!.body)).toContain('desactualizado');

    await slack.click(rosa!, ACTION.openBrief, { user: ROSA, expectReply: false });
    // The fake Slack validates every view it is given; this one is the brief of Ada's shared skill, in Spanish.
    const brief = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'one_on_one_brief' && v.user_id === ROSA.id && text(v.blocks).includes('NATS')), 'the brief');
    expect(text(brief.blocks)).toContain('Preguntas');
  });

  it('a check-in due the same day comes in the same message: one DM that day', async () => {
    await agree('2026-12-07'); // Monday: Ada's check-in day
    const pass = await tick('2026-12-07T10:00:00Z');
    expect(pass.sent).toBe(2); // Ada's one message and Rosa's
    const ada = slack.fake.dmsTo(ADA.id).filter((m) => text(m.blocks).includes(ACTION.followUpDone) || text(m.blocks).includes(ACTION.pause));
    expect(ada).toHaveLength(1);
    assertValidMessage(ada[0] as never);
    expect(text(ada[0]!.blocks)).toContain('Follow-up of your 1:1');
    expect(text(ada[0]!.blocks)).toContain(ACTION.pause); // the check-in's controls
    // The check-in cursor moved on a week; no follow-up is left.
    const schedule = (await findSchedule(database.db, TEAM, ADA.id))!;
    expect(schedule.next_run_at).toEqual(new Date('2026-12-14T10:00:00Z'));
    expect(schedule.follow_up_at).toBeNull();
  });

  it('revoking the share cancels Rosa\'s follow-up, also one already queued; Ada still gets hers', async () => {
    await agree('2026-12-03');
    const share = await database.db.selectFrom('growth_shares').select('id').executeTakeFirstOrThrow();
    // Queued (emitted) but not yet sent, then revoked.
    expect((await queue('2026-12-03T10:00:00Z')).emitted).toBe(2);
    await revokeShareNow(slack.deps, createSenderClient(slack.deps.config), TEAM, ADA.id, share.id);
    const pass = await tick('2026-12-03T10:01:00Z');
    expect(pass.sent).toBe(1);
    expect(followUpsTo(ADA)).toHaveLength(1);
    expect(followUpsTo(ROSA)).toHaveLength(0);
    const statuses = await database.db.selectFrom('checkin_deliveries').select(['kind', 'status']).orderBy('kind').execute();
    expect(statuses).toEqual([
      { kind: 'follow_up', status: 'sent' },
      { kind: 'lead_follow_up', status: 'cancelled' },
    ]);
  });

  it('a share that ends between queueing and sending: the lead\'s DM is cancelled at send time', async () => {
    await agree('2026-12-03');
    await queue('2026-12-03T10:00:00Z');
    clock = new Date('2026-12-03T10:01:00Z');
    await database.db.updateTable('growth_shares').set({ expires_at: new Date('2026-12-03T10:00:30Z') }).execute();
    const pass = await tick('2026-12-03T10:01:00Z');
    expect(pass).toMatchObject({ sent: 1, cancelled: 1 });
    expect(followUpsTo(ROSA)).toHaveLength(0);
  });

  it("Ada's /skill forget before the date: her notes and the follow-ups go, nobody gets a DM", async () => {
    await agree('2026-12-03');
    await deleteUserData(database.db, TEAM, ADA.id);
    expect(await tick('2026-12-03T10:00:00Z')).toMatchObject({ emitted: 0, sent: 0 });
    expect(followUpsTo(ROSA)).toHaveLength(0);
    expect(await database.db.selectFrom('conversation_notes').selectAll().execute()).toEqual([]);
  });

  it("Rosa's /skill forget: Ada still gets her follow-up, Rosa none", async () => {
    await agree('2026-12-03');
    await deleteUserData(database.db, TEAM, ROSA.id);
    expect(await tick('2026-12-03T10:00:00Z')).toMatchObject({ emitted: 1, sent: 1 });
    expect(followUpsTo(ADA)).toHaveLength(1);
    expect(text(followUpsTo(ADA)[0]!.blocks)).toContain('agreed on 30 Nov 2026'); // no name left
    expect(followUpsTo(ROSA)).toHaveLength(0);
  });

  it('paused until after the date: the follow-up comes on the first day back at 10:00', async () => {
    await agree('2026-12-03');
    clock = new Date('2026-12-01T09:00:00Z');
    await pauseCheckinsUntil(slack.deps, TEAM, ADA.id, '2026-12-10');
    expect(await tick('2026-12-03T10:00:00Z')).toMatchObject({ emitted: 0, sent: 0 });
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toEqual(new Date('2026-12-10T10:00:00Z'));
    expect(await tick('2026-12-10T10:00:00Z')).toMatchObject({ emitted: 2, sent: 2 });
    expect(followUpsTo(ADA)).toHaveLength(1);
  });

  it('already queued when Ada pauses until after the date: nothing during the pause, then both DMs on the first day back, once', async () => {
    await agree('2026-12-03');
    expect((await queue('2026-12-03T10:00:00Z')).emitted).toBe(2);
    clock = new Date('2026-12-03T10:00:30Z');
    await pauseCheckinsUntil(slack.deps, TEAM, ADA.id, '2026-12-10');
    expect(await tick('2026-12-03T10:01:00Z')).toMatchObject({ sent: 0 });
    expect(followUpsTo(ADA)).toHaveLength(0);
    expect(followUpsTo(ROSA)).toHaveLength(0);
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toEqual(new Date('2026-12-10T10:00:00Z'));
    expect(await tick('2026-12-10T10:00:00Z')).toMatchObject({ emitted: 2, sent: 2 });
    expect(followUpsTo(ADA)).toHaveLength(1);
    expect(text(followUpsTo(ADA)[0]!.blocks)).toContain('Pair with Sam');
    expect(followUpsTo(ROSA)).toHaveLength(1);
    expect(await tick('2026-12-14T10:00:00Z')).toMatchObject({ emitted: 1, sent: 1 }); // Monday's check-in only
    expect(followUpsTo(ADA).filter((m) => text(m.blocks).includes(ACTION.followUpDone))).toHaveLength(1);
  });

  it('already queued when Ada pauses with no end date: held until she resumes, then with her next check-in', async () => {
    await agree('2026-12-03');
    await queue('2026-12-03T10:00:00Z');
    clock = new Date('2026-12-03T10:00:30Z');
    await pauseCheckins(slack.deps, TEAM, ADA.id);
    expect(await tick('2026-12-03T10:01:00Z')).toMatchObject({ sent: 0 });
    clock = new Date('2026-12-05T12:00:00Z');
    await resumeCheckins(slack.deps, TEAM, ADA.id);
    expect(await tick('2026-12-05T12:00:00Z')).toMatchObject({ sent: 0 }); // two days late: not at a bad hour
    expect(await tick('2026-12-07T10:00:00Z')).toMatchObject({ sent: 2 });
    const ada = followUpsTo(ADA);
    expect(ada).toHaveLength(1);
    expect(text(ada[0]!.blocks)).toContain('Pair with Sam');
    expect(text(ada[0]!.blocks)).toContain(ACTION.pause); // Monday's check-in, in the same message
    expect(followUpsTo(ROSA)).toHaveLength(1);
  });

  it('a queued follow-up whose last attempt may have posted is left on its way by a pause: sent once, never again', async () => {
    await agree('2026-12-03');
    await queue('2026-12-03T10:00:00Z');
    await database.db.updateTable('checkin_deliveries').set({ last_error: 'uncertain: http_503', attempts: 1 }).where('kind', '=', 'follow_up').execute();
    clock = new Date('2026-12-03T10:00:30Z');
    await pauseCheckinsUntil(slack.deps, TEAM, ADA.id, '2026-12-10');
    expect(await tick('2026-12-03T10:01:00Z')).toMatchObject({ sent: 2 });
    expect(await tick('2026-12-10T10:00:00Z')).toMatchObject({ emitted: 0, sent: 0 }); // the first day back: no follow-up again
    expect(await tick('2026-12-14T10:00:00Z')).toMatchObject({ emitted: 1, sent: 1 }); // Monday's check-in only
    expect(followUpsTo(ADA).filter((m) => text(m.blocks).includes(ACTION.followUpDone))).toHaveLength(1);
    expect(followUpsTo(ROSA)).toHaveLength(1);
  });

  it('Ada moves the follow-up from /skill me (Change follow-up): nothing on the old date, the DMs on the new one; a past date is refused; emptied, nothing is sent', async () => {
    await agree('2026-12-03');
    clock = new Date('2026-12-01T12:00:00Z');
    const { reply } = await slack.command('me', { user: ADA });
    const me = reply.body as { blocks: unknown[] };
    assertValidMessage(me as never);
    expect(text(me.blocks)).toContain('Change follow-up');
    const open = async (callbackId = 'follow_up_move_modal') => {
      await slack.click({ blocks: me.blocks, ts: reply.messageTs }, ACTION.moveFollowUp, { user: ADA, expectReply: false });
      return slack.waitFor(() => slack.fake.openViews().find((v) => v.user_id === ADA.id && v.callback_id === callbackId), callbackId);
    };
    const dateValue = (date: string | null) => ({ follow_up_date: { value: { type: 'datepicker', selected_date: date } } });
    let modal = await open();
    expect(text(modal.blocks)).toContain('"initial_date":"2026-12-03"');
    const refused = await slack.submit(modal, dateValue('2026-11-30'), { user: ADA });
    expect(JSON.parse(refused.body)).toEqual({ response_action: 'errors', errors: { follow_up_date: 'Pick a day after today.' } });
    const moved = await slack.submit(modal, dateValue('2026-12-08'), { user: ADA });
    expect(moved.body).toContain('The follow-up is now on 8 Dec 2026, at your check-in time.');
    slack.fake.closeView(modal.id);
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toEqual(new Date('2026-12-08T10:00:00Z'));

    expect(await tick('2026-12-03T10:00:00Z')).toMatchObject({ emitted: 0, sent: 0 });
    expect(await tick('2026-12-08T10:00:00Z')).toMatchObject({ emitted: 2, sent: 2 });
    expect(followUpsTo(ADA)).toHaveLength(1);

    // Sent: it can no longer move, and the button is gone.
    const after = await slack.command('me', { user: ADA });
    expect(text((after.reply.body as { blocks: unknown[] }).blocks)).not.toContain('Change follow-up');
    // A click on the old button says so.
    modal = await open('follow_up_move_modal_done');
    expect(text(modal.blocks)).toContain('already sent or marked done');
  });

  it('emptying the date in Change follow-up drops it: nothing is sent', async () => {
    const { note } = await agree('2026-12-03');
    clock = new Date('2026-12-01T12:00:00Z');
    const { reply } = await slack.command('me', { user: ADA });
    await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, ACTION.moveFollowUp, { user: ADA, expectReply: false, value: String(note.id) });
    const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.user_id === ADA.id && v.callback_id === 'follow_up_move_modal'), 'the change modal');
    const answer = await slack.submit(modal, { follow_up_date: { value: { type: 'datepicker', selected_date: null } } }, { user: ADA });
    expect(answer.body).toContain('No follow-up any more');
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toBeNull();
    expect(await tick('2026-12-03T10:00:00Z')).toMatchObject({ emitted: 0, sent: 0 });
  });

  it('the follow-up keeps to Ada\'s check-in time when she changes it: a new time by re-assessing, a new zone in Slack', async () => {
    await agree('2026-12-03');
    clock = new Date('2026-12-01T12:00:00Z');
    await slack.assess(ADA, { current: 'senior', target: 'lead', time: '16:00' });
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toEqual(new Date('2026-12-03T16:00:00Z')); // 16:00 London
    await slack.event({ type: 'user_change', user: { id: ADA.id, team_id: TEAM, tz: 'America/New_York', locale: 'en-US' } });
    // The event is handled after its ack; 16:00 New York is 21:00 UTC.
    await expect.poll(async () => (await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toEqual(new Date('2026-12-03T21:00:00Z'));
    expect(await tick('2026-12-03T16:00:00Z')).toMatchObject({ emitted: 0, sent: 0 });
    expect(await tick('2026-12-03T21:00:00Z')).toMatchObject({ emitted: 2, sent: 2 });
    expect(text(followUpsTo(ADA)[0]!.blocks)).toContain('Pair with Sam');
  });

  it('found hours late (the service was down): not at a bad hour and not lost — at the next check-in time', async () => {
    await agree('2026-12-03');
    expect(await tick('2026-12-03T13:00:00Z')).toMatchObject({ emitted: 0, sent: 0 }); // three hours late
    expect((await findSchedule(database.db, TEAM, ADA.id))!.follow_up_at).toEqual(new Date('2026-12-04T10:00:00Z'));
    expect(await tick('2026-12-04T10:00:00Z')).toMatchObject({ emitted: 2, sent: 2 });
    expect(text(followUpsTo(ADA)[0]!.blocks)).toContain('Pair with Sam');
  });
});
