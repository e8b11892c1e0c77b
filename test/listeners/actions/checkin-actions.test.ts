import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { findSchedule } from '../../../src/db/repositories/checkin-schedules.js';
import { ACTION } from '../../../src/ids.js';
import { handlePause, handleResume, handleSnooze } from '../../../src/listeners/actions/checkin-actions.js';
import { assertValidMessage } from '../../../src/sandbox/fake-slack/block-kit-validator.js';
import { startFakeSlack, type FakeSlack } from '../../../src/sandbox/fake-slack/fake-slack-server.js';
import { fakeUsers, seedSchedules, TEAM, testSender, userId } from '../../helpers/checkins.js';
import { describeEachDatabase } from '../../helpers/test-database.js';
import { BOT_TOKEN, captureLogger, testDeps } from '../../helpers/test-deps.js';

// Sunday 6 Dec 2026, 10:00 in Madrid (CET, UTC+1); everyone's next check-in is Monday 10:00 Madrid.
const NOW = new Date('2026-12-06T09:00:00Z');
const spanishWhenOdd = (i: number) => (i % 2 ? 'es-ES' : 'en-GB');

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

describeEachDatabase('check-in controls: Snooze / Pause / Resume buttons', (database) => {
  let fake: FakeSlack;
  const deps = (now = NOW) => testDeps(database.db, { now: () => now, apiUrl: fake.apiUrl });
  const schedule = (i = 0) => findSchedule(database.db, TEAM, userId(i));

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(4, { locale: spanishWhenOdd }) });
    await seedSchedules(database.db, { count: 4, withAssessments: true, nextRunAt: () => new Date('2026-12-07T09:00:00Z'), locale: spanishWhenOdd });
  });
  afterEach(async () => {
    await fake.close();
  });

  function args(options: { user?: number; actionId: string; value?: string; fromMessage?: boolean; ackFails?: boolean; respondFails?: boolean }) {
    const ack = vi.fn(async () => {
      if (options.ackFails) throw new Error('ack failed: the request was already answered');
    });
    const respond = vi.fn(async (_message: unknown) => {
      if (options.respondFails) throw new Error('response_url answered 404: expired_url');
      return {} as never;
    });
    const logger = captureLogger();
    const body = {
      type: 'block_actions',
      user: { id: userId(options.user ?? 0), team_id: TEAM },
      team: { id: TEAM },
      actions: [{ action_id: options.actionId, type: 'button', ...(options.value !== undefined ? { value: options.value } : {}) }],
      ...(options.fromMessage === false
        ? { container: { type: 'view', view_id: 'V1' } }
        : { container: { type: 'message', message_ts: '1.000001' }, response_url: fake.createResponseUrl({ userId: userId(options.user ?? 0) }) }),
    };
    const client = testSender(fake, 2000);
    return { ack, respond, logger, all: { ack, respond, logger, body, client, action: body.actions[0] } as unknown as ActionArgs };
  }

  it('Snooze 1 day on a DM: acks, moves the run, and redraws the DM with "Snoozed until Mon 7 Dec, 10:00"', async () => {
    const a = args({ actionId: `${ACTION.snooze}:1d`, value: '1d' });
    await handleSnooze(deps())(a.all);
    expect(a.ack).toHaveBeenCalledTimes(1);
    expect(a.ack.mock.invocationCallOrder[0]).toBeLessThan(a.respond.mock.invocationCallOrder[0]!);
    expect((await schedule())!.next_run_at).toEqual(new Date('2026-12-07T09:00:00Z'));
    const reply = a.respond.mock.calls[0]![0] as unknown as { replace_original: boolean; text: string; blocks: unknown[] };
    expect(reply.replace_original).toBe(true);
    expect(reply.text).toContain('Snoozed until Mon 7 Dec, 10:00.');
    assertValidMessage(reply);
  });

  it('answers in Spanish for a Spanish speaker', async () => {
    const a = args({ user: 1, actionId: `${ACTION.snooze}:1w`, value: '1w' });
    await handleSnooze(deps())(a.all);
    const reply = a.respond.mock.calls[0]![0] as unknown as { text: string };
    expect(reply.text).toContain('Pospuesto hasta el dom 13 dic, 10:00.');
  });

  it('Pause then Resume on a DM: paused message offers Resume; resumed shows the next check-in', async () => {
    const pause = args({ actionId: ACTION.pause, value: 'pause' });
    await handlePause(deps())(pause.all);
    expect(await schedule()).toMatchObject({ paused: true, next_run_at: null });
    const paused = pause.respond.mock.calls[0]![0] as unknown as { text: string; blocks: unknown[] };
    expect(paused.text).toContain('You paused check-ins on Sun 6 Dec, 10:00.');
    expect(JSON.stringify(paused.blocks)).toContain(ACTION.resume);
    assertValidMessage(paused);

    const resume = args({ actionId: ACTION.resume, value: 'resume' });
    await handleResume(deps())(resume.all);
    expect(await schedule()).toMatchObject({ paused: false, next_run_at: new Date('2026-12-07T09:00:00Z') });
    const resumed = resume.respond.mock.calls[0]![0] as unknown as { text: string };
    expect(resumed.text).toContain('You resumed check-ins on Sun 6 Dec, 10:00; the next one was set for Mon 7 Dec, 10:00.');
  });

  it('from the Home tab (no response_url): changes the schedule and does not respond', async () => {
    const a = args({ actionId: ACTION.pause, fromMessage: false });
    await handlePause(deps())(a.all);
    expect(a.ack).toHaveBeenCalledTimes(1);
    expect(a.respond).not.toHaveBeenCalled();
    expect(await schedule()).toMatchObject({ paused: true });
  });

  it('a forged snooze value changes nothing and says the button is stale', async () => {
    const a = args({ actionId: `${ACTION.snooze}:1y`, value: '1y' });
    await handleSnooze(deps())(a.all);
    expect((await schedule())!.next_run_at).toEqual(new Date('2026-12-07T09:00:00Z'));
    expect(a.respond).toHaveBeenCalledWith(expect.objectContaining({ replace_original: false, response_type: 'ephemeral' }));
  });

  it('a person without a schedule is told so', async () => {
    await database.db.deleteFrom('checkin_schedules').where('user_id', '=', userId(0)).execute();
    const a = args({ actionId: ACTION.resume, value: 'resume' });
    await handleResume(deps())(a.all);
    expect(a.respond).toHaveBeenCalledWith(expect.objectContaining({ text: expect.stringContaining("don't have check-ins") }));
  });

  it('logs and apologises when the change fails', async () => {
    const broken = { ...deps(), db: undefined as never };
    const a = args({ actionId: ACTION.pause, value: 'pause' });
    await handlePause(broken)(a.all);
    expect(a.logger.lines.some((l) => l.includes('check-in action failed') && l.includes(userId(0)))).toBe(true);
    expect(a.respond).toHaveBeenCalledWith(expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('Something went wrong') }));
  });

  it('ack fails: the error goes to Bolt and the schedule is untouched', async () => {
    const a = args({ actionId: ACTION.pause, value: 'pause', ackFails: true });
    await expect(handlePause(deps())(a.all)).rejects.toThrow('ack failed');
    expect(await schedule()).toMatchObject({ paused: false });
  });

  it('respond fails: the pause stands, and the failure and the failed apology are logged with team, user and action', async () => {
    const a = args({ actionId: ACTION.pause, value: 'pause', respondFails: true });
    await handlePause(deps())(a.all);
    expect(await schedule()).toMatchObject({ paused: true });
    expect(a.respond).toHaveBeenCalledTimes(2);
    const logged = a.logger.lines.join('');
    expect(logged).toMatch(new RegExp(`check-in action failed.*"teamId":"${TEAM}".*"userId":"${userId(0)}".*"action":"pause".*expired_url`));
    expect(logged).toMatch(/check-in action: could not tell the user about the failure/);
  });

  it('views.publish fails: the DM is still redrawn, and the App Home failure is logged with context', async () => {
    fake.failNext('views.publish', { error: 'internal_error' });
    const a = args({ actionId: ACTION.pause, value: 'pause' });
    await handlePause(deps())(a.all);
    expect(a.respond).toHaveBeenCalledWith(expect.objectContaining({ replace_original: true, text: expect.stringContaining('You paused check-ins on') }));
    expect(a.logger.lines.join('')).toMatch(new RegExp(`App Home refresh failed.*"userId":"${userId(0)}".*internal_error`));
  });
});
