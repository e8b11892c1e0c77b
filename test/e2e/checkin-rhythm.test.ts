import { describe, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { ACTION } from '../../src/ids.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { databaseTargets, type TestDatabase } from '../helpers/test-database.js';
import { TEAM, USERS, type SlackAppHarness, useSlackHarness } from '../helpers/slack-app-harness.js';
import type { Fill } from '../helpers/view-state.js';

const text = (value: unknown) => JSON.stringify(value);

/** Less nagging, end to end through Bolt and the scheduler (docs/time-zones.md#after-an-assessment). */
describe.each(databaseTargets())('check-in rhythm after an assessment, on $name', ({ create }) => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  let clock = new Date();
  useSlackHarness(create, { now: () => clock }, (started) => ({ database, slack } = started));

  const assess = (user = USERS.en, fill: Fill = { current: 'senior', target: 'lead' }) => slack.assess(user, fill);
  const tick = (at: string) => runSchedulerPass(slack.deps, createSenderClient(slack.deps.config, { timeoutMs: 2000 }), { workerId: 'rhythm', now: new Date(at) });
  const checkins = (user = USERS.en) => slack.fake.dmsTo(user.id).filter((m) => text(m.blocks).includes(ACTION.pause));

  it('the first check-in comes one full week after the assessment, and the confirmation says so', async () => {
    clock = new Date('2026-12-06T12:00:00Z'); // Sunday 6 Dec, 12:00 in London; the check-in is Monday 10:00
    const confirmation = await assess();
    // Not Monday 7 Dec (the next Monday), but Monday 14 Dec.
    expect(text(confirmation.blocks)).toContain('Next check-in: Mon 14 Dec, 10:00');
    expect((await findSchedule(database.db, TEAM, USERS.en.id))!.next_run_at).toEqual(new Date('2026-12-14T10:00:00Z'));
    expect((await tick('2026-12-07T10:00:00Z')).emitted).toBe(0);
    expect(checkins()).toHaveLength(0);
    expect((await tick('2026-12-14T10:00:00Z')).sent).toBe(1);
    expect(checkins()).toHaveLength(1);
  });

  it('an occurrence less than half a period after a later assessment is skipped, never sent', async () => {
    clock = new Date('2026-12-06T12:00:00Z');
    await assess();
    // Ada assesses again on Friday 11 Dec (that save alone moves the first check-in a week on); the cursor is then
    // put back on Monday 14 Dec, as a resume or a snooze ending could, to see the scheduler skip it.
    clock = new Date('2026-12-11T18:00:00Z');
    await assess(USERS.en, { current: 'senior', target: 'principal' });
    await database.db.updateTable('checkin_schedules').set({ next_run_at: new Date('2026-12-14T10:00:00Z') }).where('user_id', '=', USERS.en.id).execute();
    const skipped = await tick('2026-12-14T10:00:00Z'); // 2 days 16 hours after the assessment: under 3½ days
    expect(skipped).toMatchObject({ emitted: 0, skipped: 1 });
    expect(checkins()).toHaveLength(0);
    // The cursor moved on to the next Monday, which is sent.
    expect((await findSchedule(database.db, TEAM, USERS.en.id))!.next_run_at).toEqual(new Date('2026-12-21T10:00:00Z'));
    expect((await tick('2026-12-21T10:00:00Z')).sent).toBe(1);
  });

  it('in Spanish, the confirmation gives the later date in Madrid time', async () => {
    clock = new Date('2026-12-06T12:00:00Z');
    const confirmation = await assess(USERS.es);
    expect(text(confirmation.blocks)).toContain('Próximo seguimiento: lun 14 dic, 10:00');
  });

  it('backs off after two unanswered check-ins, says so with "Keep weekly", and any answer restores the cadence', async () => {
    clock = new Date('2026-11-29T12:00:00Z'); // Sunday; first check-in Monday 7 Dec 10:00 London
    await assess();
    const schedule = () => findSchedule(database.db, TEAM, USERS.en.id);
    expect((await tick('2026-12-07T10:00:00Z')).sent).toBe(1);
    expect((await tick('2026-12-14T10:00:00Z')).sent).toBe(1);
    expect(await schedule()).toMatchObject({ cadence: 'weekly', effective_cadence: null, unanswered_checkins: 2 });
    expect(text(checkins()[1]!.blocks)).not.toContain(ACTION.keepCadence);

    // Two unanswered in a row: the third comes at the usual time but steps down, and says so.
    expect((await tick('2026-12-21T10:00:00Z')).sent).toBe(1);
    const third = checkins()[2]!;
    assertValidMessage(third);
    expect(text(third.blocks)).toContain('The last check-ins went unanswered, so they now come every 2 weeks. Any answer brings back every week.');
    expect(text(third.blocks)).toContain('Keep weekly');
    expect(await schedule()).toMatchObject({ effective_cadence: 'biweekly', unanswered_checkins: 1, next_run_at: new Date('2027-01-04T10:00:00Z') });
    expect((await tick('2026-12-28T10:00:00Z')).emitted).toBe(0); // the skipped week
    expect((await tick('2027-01-04T10:00:00Z')).sent).toBe(1);
    // Two unanswered at every 2 weeks: monthly (the first Monday of February).
    expect((await tick('2027-01-18T10:00:00Z')).sent).toBe(1);
    expect(await schedule()).toMatchObject({ effective_cadence: 'monthly', next_run_at: new Date('2027-02-01T10:00:00Z') });
    expect(text(checkins()[4]!.blocks)).toContain('so they now come every month');

    // "Keep weekly": back to weekly from now, and the DM says when the next one is.
    clock = new Date('2027-01-19T09:00:00Z');
    const kept = await slack.click(checkins()[4]!, ACTION.keepCadence);
    const redrawn = kept.reply!.body as { text: string; blocks: unknown[] };
    assertValidMessage(redrawn as never);
    expect(text(redrawn.blocks)).toContain('Check-ins are back to every week; the next one is Mon 25 Jan, 10:00.');
    expect(text(redrawn.blocks)).not.toContain(ACTION.keepCadence);
    expect(await schedule()).toMatchObject({ effective_cadence: null, unanswered_checkins: 0, next_run_at: new Date('2027-01-25T10:00:00Z') });
  });

  it('any button on a check-in counts as an answer: a snooze keeps the weekly rhythm', async () => {
    clock = new Date('2026-11-29T12:00:00Z');
    await assess();
    await tick('2026-12-07T10:00:00Z');
    clock = new Date('2026-12-07T11:00:00Z');
    await slack.click(checkins()[0]!, `${ACTION.snooze}:1d`, { value: '1d' });
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ unanswered_checkins: 0, next_run_at: new Date('2026-12-08T11:00:00Z') });
    await tick('2026-12-08T11:00:00Z');
    await tick('2026-12-14T10:00:00Z');
    // Without the snooze, 14 Dec would be the third unanswered one; counted from the snooze, it is the second.
    expect(checkins().slice(1).map((m) => text(m.blocks).includes(ACTION.keepCadence))).toEqual([false, false]);
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ effective_cadence: null, unanswered_checkins: 2 });
    await tick('2026-12-21T10:00:00Z');
    expect(text(checkins()[3]!.blocks)).toContain(ACTION.keepCadence);
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ effective_cadence: 'biweekly' });
  });

  it('in Spanish: the back-off notice and "Mantener semanal"', async () => {
    clock = new Date('2026-11-29T12:00:00Z');
    await assess(USERS.es);
    for (const at of ['2026-12-07T09:00:00Z', '2026-12-14T09:00:00Z', '2026-12-21T09:00:00Z']) await tick(at);
    const third = checkins(USERS.es)[2]!;
    expect(text(third.blocks)).toContain('No respondiste a los últimos seguimientos, así que ahora llegan cada 2 semanas.');
    expect(text(third.blocks)).toContain('Mantener semanal');
    clock = new Date('2026-12-21T12:00:00Z');
    const kept = await slack.click(third, ACTION.keepCadence, { user: USERS.es });
    expect((kept.reply!.body as { text: string }).text).toMatch(/^Los seguimientos vuelven a llegar cada semana; el siguiente es el lun 28 dic, 10:00\./);
  });

  it('"Update my assessment" on a check-in is an answer even before saving; the same button on a card is not', async () => {
    clock = new Date('2026-11-29T12:00:00Z');
    await assess();
    for (const at of ['2026-12-07T10:00:00Z', '2026-12-14T10:00:00Z', '2026-12-21T10:00:00Z']) await tick(at);
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ effective_cadence: 'biweekly', next_run_at: new Date('2027-01-04T10:00:00Z') });
    clock = new Date('2026-12-22T09:00:00Z');
    const dm = { id: slack.fake.dmChannelFor(USERS.en.id)!, name: 'dm' };
    // The same button elsewhere (a card in a channel, or a message that is not a check-in) changes nothing.
    await slack.click({ ...checkins()[2]!, ts: '1700000000.000100' }, ACTION.assess, { channel: dm, expectReply: false });
    await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal'), 'the modal');
    await new Promise((r) => setTimeout(r, 300));
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ effective_cadence: 'biweekly' });
    for (const view of slack.fake.openViews()) slack.fake.closeView(view.id);

    await slack.click(checkins()[2]!, ACTION.assess, { channel: dm, expectReply: false });
    // The answer is recorded after the modal opens (its trigger id comes first): wait for it.
    for (let i = 0; i < 100 && (await findSchedule(database.db, TEAM, USERS.en.id))!.effective_cadence !== null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ effective_cadence: null, unanswered_checkins: 0, next_run_at: new Date('2026-12-28T10:00:00Z') });
  });
});
