import { afterEach, beforeEach, expect, it } from 'vitest';
import { emitDueOccurrences } from '../../src/db/repositories/checkin-deliveries.js';
import { findSchedule, upsertSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { pauseCheckins, resumeCheckins, snoozeCheckins } from '../../src/services/checkins.js';
import { computeNextRun, GRACE_MS, nextOccurrence } from '../../src/time/check-in-time.js';
import { fakeUsers, seedSchedules, TEAM, userId } from '../helpers/checkins.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { BOT_TOKEN, testDeps } from '../helpers/test-deps.js';

// Sunday 6 Dec 2026, 10:00 in Madrid (CET, UTC+1); everyone's next check-in is Monday 10:00 Madrid.
const NOW = new Date('2026-12-06T09:00:00Z');
const spanishWhenOdd = (i: number) => (i % 2 ? 'es-ES' : 'en-GB');

describeEachDatabase('check-in controls: services', (database) => {
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
