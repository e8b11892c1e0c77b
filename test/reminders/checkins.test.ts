import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { emitDueOccurrences } from '../../src/db/repositories/checkin-deliveries.js';
import { findSchedule, upsertSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { ACTION } from '../../src/ids.js';
import { handlePause, handleResume, handleSnooze } from '../../src/listeners/actions/checkin-actions.js';
import { runTickCommand } from '../../src/cli/tick.js';
import { pauseCheckins, resumeCheckins, snoozeCheckins } from '../../src/services/checkins.js';
import type { TestDatabase } from '../helpers/test-database.js';
import { databaseTargets } from '../helpers/test-database.js';
import { BOT_TOKEN, captureLogger, fakeUsers, seedSchedules, TEAM, testCatalog, testDeps, testSender, userId } from './helpers.js';
import { GRACE_MS, nextOccurrence, computeNextRun, snoozeUntil } from '../../src/time/check-in-time.js';

// Sunday 6 Dec 2026, 10:00 in Madrid (CET, UTC+1).
const NOW = new Date('2026-12-06T09:00:00Z');
const DAY = 24 * 3600_000;

describe('schedule arithmetic for DB rows', () => {
  const row = { cadence: 'weekly' as const, weekday: 1, local_time: '10:00', tz: 'Europe/Madrid', anchor_date: null };

  it('computeNextRun wraps nextOccurrence for a stored row', () => {
    expect(computeNextRun(row, NOW)).toEqual(new Date('2026-12-07T09:00:00Z'));
    expect(computeNextRun({ ...row, cadence: 'biweekly', anchor_date: '2026-12-14' }, NOW)).toEqual(new Date('2026-12-14T09:00:00Z'));
    expect(computeNextRun({ ...row, cadence: 'off' }, NOW)).toBeNull();
    expect(() => computeNextRun({ ...row, tz: '+01:00' }, NOW)).toThrow(RangeError);
  });

  it('snoozes by calendar days in the person zone, across DST', () => {
    // Saturday 28 Mar 2026 10:00 CET → Sunday 29 Mar 10:00 CEST: 23 hours later, not 24.
    const saturday = new Date('2026-03-28T09:00:00Z');
    expect(snoozeUntil(saturday, '1d', 'Europe/Madrid')).toEqual(new Date('2026-03-29T08:00:00Z'));
    expect(snoozeUntil(saturday, '1w', 'Europe/Madrid')).toEqual(new Date('2026-04-04T08:00:00Z'));
    expect(snoozeUntil(NOW, '1d', 'Not/AZone')).toEqual(new Date(NOW.getTime() + DAY));
  });
});

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

describe.each(databaseTargets())('check-in controls on $name', ({ create }) => {
  let database: TestDatabase;
  let fake: FakeSlack;
  const deps = (now = NOW) => testDeps(database.db, { now: () => now, apiUrl: fake.apiUrl });
  const schedule = (i = 0) => findSchedule(database.db, TEAM, userId(i));

  beforeAll(async () => {
    database = await create();
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.truncate();
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(4, { locale: (i) => (i % 2 ? 'es-ES' : 'en-GB') }) });
    await seedSchedules(database.db, { count: 4, withAssessments: true, nextRunAt: () => new Date('2026-12-07T09:00:00Z'), locale: (i) => (i % 2 ? 'es-ES' : 'en-GB') });
  });
  afterEach(async () => {
    await fake.close();
  });

  describe('services', () => {
    it('snooze moves the next check-in to now + 1 day / 1 week, un-pauses, and drops a queued retry', async () => {
      await database.db
        .insertInto('checkin_deliveries')
        .values({ team_id: TEAM, user_id: userId(0), schedule_id: (await schedule())!.id, occurrence_at: new Date('2026-11-30T09:00:00Z'), run_after: NOW })
        .execute();
      await pauseCheckins(deps(), TEAM, userId(0));
      const day = await snoozeCheckins(deps(), TEAM, userId(0), '1d');
      expect(day).toMatchObject({ status: 'ok', schedule: { paused: false, next_run_at: new Date('2026-12-07T09:00:00Z') } });
      const week = await snoozeCheckins(deps(), TEAM, userId(1), '1w');
      expect(week).toMatchObject({ status: 'ok', schedule: { next_run_at: new Date('2026-12-13T09:00:00Z') } });
      expect(await database.db.selectFrom('checkin_deliveries').selectAll().execute()).toHaveLength(0);
      expect(await snoozeCheckins(deps(), TEAM, 'U_NOBODY', '1d')).toEqual({ status: 'no-schedule' });
      expect(await snoozeCheckins(deps(), 'T_OTHER', userId(0), '1d')).toEqual({ status: 'no-schedule' });
    });

    it('pause clears the next run so nothing is emitted; resume recomputes from now', async () => {
      await pauseCheckins(deps(), TEAM, userId(0));
      expect(await schedule()).toMatchObject({ paused: true, next_run_at: null });
      const emitted = await emitDueOccurrences(database.db, { batch: 100, graceMs: GRACE_MS, computeNext: computeNextRun, asOf: new Date('2026-12-07T09:30:00Z') });
      expect(emitted.emitted).toBe(3); // the three others, not the paused one

      const later = new Date('2026-12-16T12:00:00Z'); // Wednesday: next Monday is the 21st
      await database.db.updateTable('checkin_schedules').set({ stopped_reason: 'account_inactive' }).where('user_id', '=', userId(0)).execute();
      const resumed = await resumeCheckins(deps(later), TEAM, userId(0));
      expect(resumed).toMatchObject({ status: 'ok', schedule: { paused: false, next_run_at: new Date('2026-12-21T09:00:00Z'), stopped_reason: null } });
      expect(await schedule()).toMatchObject({ paused: false, stopped_reason: null, next_run_at: new Date('2026-12-21T09:00:00Z') });
      expect(await resumeCheckins(deps(), TEAM, 'U_NOBODY')).toEqual({ status: 'no-schedule' });
    });

    it('editing the schedule moves the next run and the scheduler follows it', async () => {
      const rule = { cadence: 'weekly' as const, weekday: 3, localTime: '16:30', tz: 'America/Sao_Paulo' };
      await upsertSchedule(database.db, {
        teamId: TEAM,
        userId: userId(2),
        cadence: rule.cadence,
        weekday: rule.weekday,
        localTime: rule.localTime,
        tz: rule.tz,
        anchorDate: null,
        nextRunAt: nextOccurrence(rule, NOW),
        now: NOW,
      });
      expect((await schedule(2))!.next_run_at).toEqual(new Date('2026-12-09T19:30:00Z'));
      const at = (iso: string) => emitDueOccurrences(database.db, { batch: 100, graceMs: GRACE_MS, computeNext: computeNextRun, asOf: new Date(iso) });
      await at('2026-12-07T09:00:00Z'); // the other three
      expect((await at('2026-12-09T19:29:59Z')).emitted).toBe(0);
      expect((await at('2026-12-09T19:30:00Z')).emitted).toBe(1);
      expect((await schedule(2))!.next_run_at).toEqual(new Date('2026-12-16T19:30:00Z'));
    });
  });

  describe('Snooze / Pause / Resume buttons', () => {
    function args(options: { user?: number; actionId: string; value?: string; fromMessage?: boolean }) {
      const ack = vi.fn(async () => undefined);
      const respond = vi.fn(async (_message: unknown) => ({}) as never);
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
  });

  describe('tick --at', () => {
    const io = (out: string[], err: string[]) => ({
      loadConfig: async () => loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-test-0001', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'error' }),
      openDatabase: async () => ({ ...database, close: async () => undefined }),
      loadCatalog: async () => testCatalog(),
      createClient: () => testSender(fake, 2000),
      stdout: { write: (text: string) => void out.push(text) },
      stderr: { write: (text: string) => void err.push(text) },
    });

    it('runs one pass as if it were that instant: Monday 10:00 Madrid goes out at 09:00Z, not before', async () => {
      const out: string[] = [];
      const err: string[] = [];
      expect(await runTickCommand(['--at', '2026-12-07T08:59:00Z'], io(out, err))).toBe(0);
      expect(JSON.parse(out[0]!)).toMatchObject({ at: '2026-12-07T08:59:00.000Z', emitted: 0, sent: 0 });
      expect(await runTickCommand(['--at', '2026-12-07T09:00:00Z', '--worker', 'cli-test'], io(out, err))).toBe(0);
      expect(JSON.parse(out[1]!)).toMatchObject({ emitted: 4, sent: 4, errors: 0 });
      expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
      expect((await schedule())!.next_run_at).toEqual(new Date('2026-12-14T09:00:00Z'));
      expect(err).toEqual([]);
    });

    it('rejects an instant without a zone', async () => {
      const err: string[] = [];
      expect(await runTickCommand(['--at', '2026-12-07 09:00'], io([], err))).toBe(2);
      expect(err.join('')).toMatch(/--at must be an ISO instant/);
      expect(await runTickCommand(['--when', 'x'], io([], err))).toBe(2);
    });
  });
});
