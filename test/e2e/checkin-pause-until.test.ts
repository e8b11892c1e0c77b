import { beforeEach, describe, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { ACTION, VIEW } from '../../src/ids.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { databaseTargets, type TestDatabase } from '../helpers/test-database.js';
import { TEAM, USERS, type SlackAppHarness, useSlackHarness } from '../helpers/slack-app-harness.js';

const text = (value: unknown) => JSON.stringify(value);

/** "Pause until…" end to end: the command, the DM's modal, App Home and the scheduler (docs/time-zones.md#pause-until). */
describe.each(databaseTargets())('pause check-ins until a date, on $name', ({ create }) => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  let clock = new Date();
  useSlackHarness(create, { now: () => clock }, (started) => ({ database, slack } = started));
  beforeEach(async () => {
    clock = new Date('2026-11-29T12:00:00Z'); // Sunday; the first check-in is Monday 7 Dec, 10:00 local
  });

  const assess = (user = USERS.en) => slack.assess(user, { current: 'senior', target: 'lead' });
  const tick = (at: string) => runSchedulerPass(slack.deps, createSenderClient(slack.deps.config, { timeoutMs: 2000 }), { workerId: 'pause', now: new Date(at) });
  const checkins = (user = USERS.en) => slack.fake.dmsTo(user.id).filter((m) => text(m.blocks).includes(ACTION.pause) || text(m.blocks).includes(ACTION.resume));
  const reply = async (command: string, user = USERS.en) => (await slack.command(command, { user })).reply.body as { text: string; blocks?: unknown[] };

  it('/skill pause until 2027-01-10: nothing is sent until then, and check-ins resume by themselves', async () => {
    await assess();
    const answer = await reply('pause until 2027-01-10');
    expect(answer.text).toBe('Check-ins paused until 10 Jan 2027. The next one is Mon 11 Jan, 10:00.');
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ paused: false, paused_until: '2027-01-10', next_run_at: new Date('2027-01-11T10:00:00Z') });
    for (const monday of ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04']) {
      expect((await tick(`${monday}T10:00:00Z`)).emitted).toBe(0);
    }
    expect(checkins()).toHaveLength(0);
    expect((await tick('2027-01-11T10:00:00Z')).sent).toBe(1);
    expect(checkins()).toHaveLength(1);
    expect((await tick('2027-01-18T10:00:00Z')).sent).toBe(1); // and the rhythm continues
  });

  it('in Spanish and the person format; ISO always; clear answers to bad dates', async () => {
    await assess(USERS.es);
    expect((await reply('pausa hasta 10/01/2027', USERS.es)).text).toBe('Seguimientos en pausa hasta el 10 ene 2027. El siguiente es el lun 11 ene, 10:00.');
    expect((await findSchedule(database.db, TEAM, USERS.es.id))!.next_run_at).toEqual(new Date('2027-01-11T09:00:00Z')); // 10:00 in Madrid
    expect((await reply('pausa hasta el 20 de enero de 2027', USERS.es)).text).toMatch(/^Seguimientos en pausa hasta el 20 ene 2027\. El siguiente es el lun 25 ene, 10:00\.$/);
    expect((await reply('pause until 2027-02-01', USERS.es)).text).toMatch(/^Seguimientos en pausa hasta el 1 feb 2027/);
    expect((await reply('pausa hasta ayer', USERS.es)).text).toContain('No entiendo «ayer» como fecha.');
    expect((await reply('pausa hasta 1/11/2026', USERS.es)).text).toBe('Elige un día posterior a hoy.');
    expect((await reply('pausa', USERS.es)).text).toContain('/skill pausa hasta 10/01/2027');
    expect((await reply('pause until 10 Jan 2027')).text).toBe("You don't have check-ins set up yet. Assess a skill to schedule them.");
  });

  it('from the check-in DM: a modal with a date picker; App Home then shows the pause and Resume now', async () => {
    await assess();
    expect((await tick('2026-12-07T10:00:00Z')).sent).toBe(1);
    clock = new Date('2026-12-07T11:00:00Z');
    await slack.click(checkins()[0]!, ACTION.pauseUntil, { expectReply: false });
    const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === VIEW.pauseUntil), 'the pause modal');
    expect(text(modal.blocks)).toContain('"initial_date":"2026-12-14"');

    const past = await slack.submit(modal, { pause_until_date: { value: { type: 'datepicker', selected_date: '2026-12-07' } } });
    expect(JSON.parse(past.body)).toEqual({ response_action: 'errors', errors: { pause_until_date: 'Pick a day after today.' } });

    const saved = await slack.submit(modal, { pause_until_date: { value: { type: 'datepicker', selected_date: '2026-12-24' } } });
    const update = JSON.parse(saved.body) as { response_action: string; view: { blocks: unknown[] } };
    expect(update.response_action).toBe('update');
    assertValidView(update.view as never);
    expect(text(update.view.blocks)).toContain('Check-ins paused until 24 Dec 2026. The next one is Mon 28 Dec, 10:00.');

    const home = await slack.waitFor(() => {
      const view = slack.fake.homeViewFor(USERS.en.id);
      return view && text(view.blocks).includes('paused until') ? view : undefined;
    }, 'App Home showing the pause');
    expect(text(home.blocks)).toContain('Check-ins are paused until 24 Dec 2026. Next check-in: Mon 28 Dec, 10:00 (Europe/London)');
    expect(text(home.blocks)).toContain('Resume now');

    await slack.interactWithView(home, ACTION.resume);
    await slack.waitFor(() => !text(slack.fake.homeViewFor(USERS.en.id)?.blocks).includes('Resume now'), 'App Home after Resume now');
    expect(await findSchedule(database.db, TEAM, USERS.en.id)).toMatchObject({ paused_until: null, next_run_at: new Date('2026-12-14T10:00:00Z') });
    assertValidMessage(checkins()[0]!);
  });
});
