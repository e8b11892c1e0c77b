import { expect, it } from 'vitest';
import { listLatestAssessments, loadGrowthRecord } from '../../../src/db/repositories/assessments.js';
import { findSchedule } from '../../../src/db/repositories/checkin-schedules.js';
import { deleteTeamData } from '../../../src/db/repositories/forget.js';
import { countingStatements, describeEachDatabase } from '../../helpers/test-database.js';

const TEAM = 'T0GROWTH1';
const OTHER = 'T0GROWTH2';
const DAY = 24 * 3600_000;

describeEachDatabase('growth record SQL (assessments, history and schedule in one statement)', (database) => {
  const assess = (teamId: string, skillId: string, level: string, daysAgo: number) =>
    database.db
      .insertInto('assessments')
      .values({ team_id: teamId, user_id: 'UADA', skill_id: skillId, role_id: 'dev', ratings: JSON.stringify({ junior: 'fully' }), current_level: level, target_level: 'senior', target_date: null, goals: `${skillId} ${level}`, created_at: new Date(Date.UTC(2026, 11, 1) - daysAgo * DAY) })
      .execute();
  const count = () => countingStatements(database.db);

  it('reads what the separate reads read, in one statement, only from the workspace asked', async () => {
    for (let i = 0; i < 9; i++) await assess(TEAM, 'nats', i % 2 ? 'middle' : 'junior', 40 - i);
    await assess(TEAM, 'go', 'senior', 1);
    await assess(OTHER, 'nats', 'staff', 0);
    await database.db
      .insertInto('checkin_schedules')
      .values({ team_id: TEAM, user_id: 'UADA', cadence: 'weekly', weekday: 1, local_time: '10:00', tz: 'Europe/Madrid', anchor_date: null, next_run_at: new Date('2026-12-07T09:00:00Z'), updated_at: new Date() })
      .execute();
    const { db, statements } = count();
    const record = await loadGrowthRecord(db, TEAM, 'UADA', 6);
    expect(statements).toHaveLength(1);
    expect(record.latest).toEqual(await listLatestAssessments(database.db, TEAM, 'UADA'));
    expect(record.latest.map((a) => a.skill_id)).toEqual(['go', 'nats']);
    expect(record.latest[1]!.ratings).toEqual({ junior: 'fully' });
    expect(record.schedule).toEqual(await findSchedule(database.db, TEAM, 'UADA'));
    // At most 6 per skill, newest first.
    const nats = record.history.filter((h) => h.skill_id === 'nats');
    expect(nats).toHaveLength(6);
    expect(nats.map((h) => h.created_at.getTime())).toEqual([...nats.map((h) => h.created_at.getTime())].sort((a, b) => b - a));
    expect(record.history.filter((h) => h.skill_id === 'go')).toHaveLength(1);
    expect(record.history.some((h) => h.current_level === 'staff')).toBe(false);
    await deleteTeamData(database.db, TEAM);
    await deleteTeamData(database.db, OTHER);
  });

  it('someone with a schedule and no assessments, and someone with neither', async () => {
    await database.db
      .insertInto('checkin_schedules')
      .values({ team_id: TEAM, user_id: 'UADA', cadence: 'monthly', weekday: 3, local_time: '09:30', tz: 'UTC', anchor_date: null, next_run_at: null, paused: true, updated_at: new Date() })
      .execute();
    expect(await loadGrowthRecord(database.db, TEAM, 'UADA', 6)).toEqual({ latest: [], history: [], schedule: expect.objectContaining({ cadence: 'monthly', paused: true, next_run_at: null }) });
    expect(await loadGrowthRecord(database.db, TEAM, 'UNOBODY', 6)).toEqual({ latest: [], history: [], schedule: undefined });
    await deleteTeamData(database.db, TEAM);
  });
});
