import { afterEach, beforeEach, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { keepChosenCadence, pauseCheckinsUntil, snoozeCheckins } from '../../src/services/checkins.js';
import { applyProfileChange } from '../../src/services/time-zone-change.js';
import { fakeUsers, seedSchedules, TEAM, userId } from '../helpers/checkins.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { BOT_TOKEN, testDeps } from '../helpers/test-deps.js';

// Sunday 6 Dec 2026, 10:00 in Madrid; schedules are weekly, Monday 10:00 Madrid.
const NOW = new Date('2026-12-06T09:00:00Z');

describeEachDatabase('pause until a date: services', (database) => {
  let fake: FakeSlack;
  const deps = (now = NOW) => testDeps(database.db, { now: () => now, apiUrl: fake.apiUrl });
  const schedule = (i = 0) => findSchedule(database.db, TEAM, userId(i));

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(2) });
    await seedSchedules(database.db, { count: 2, withAssessments: true, nextRunAt: () => new Date('2026-12-07T09:00:00Z') });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('moves the next run to the first occurrence on or after the first day back, drops queued check-ins, and counts as an answer', async () => {
    await database.db
      .insertInto('checkin_deliveries')
      .values({ team_id: TEAM, user_id: userId(0), schedule_id: (await schedule())!.id, occurrence_at: new Date('2026-11-30T09:00:00Z'), run_after: NOW })
      .execute();
    await database.db.updateTable('checkin_schedules').set({ effective_cadence: 'monthly', unanswered_checkins: 3 }).where('user_id', '=', userId(0)).execute();
    const paused = await pauseCheckinsUntil(deps(), TEAM, userId(0), '2027-01-10');
    expect(paused).toMatchObject({ status: 'ok', schedule: { paused: false, paused_until: '2027-01-10', effective_cadence: null, unanswered_checkins: 0, next_run_at: new Date('2027-01-11T09:00:00Z') } });
    expect(await database.db.selectFrom('checkin_deliveries').selectAll().execute()).toHaveLength(0);
    expect(await pauseCheckinsUntil(deps(), 'T_OTHER', userId(0), '2027-01-10')).toEqual({ status: 'no-schedule' });
  });

  it('a move to another zone or "Keep weekly" keeps the pause; a snooze ends it', async () => {
    await pauseCheckinsUntil(deps(), TEAM, userId(0), '2027-01-10');
    // Moving to New York: still Monday 10:00, now New York's, and still not before 10 January.
    expect(await applyProfileChange(deps(), { teamId: TEAM, userId: userId(0), tz: 'America/New_York', locale: 'en-US' })).toBe('moved');
    expect(await schedule()).toMatchObject({ tz: 'America/New_York', paused_until: '2027-01-10', next_run_at: new Date('2027-01-11T15:00:00Z') });
    await keepChosenCadence(deps(), TEAM, userId(0));
    expect((await schedule())!.next_run_at).toEqual(new Date('2027-01-11T15:00:00Z'));
    await snoozeCheckins(deps(), TEAM, userId(0), '1d');
    expect(await schedule()).toMatchObject({ paused_until: null, next_run_at: new Date('2026-12-07T09:00:00Z') });
  });
});
