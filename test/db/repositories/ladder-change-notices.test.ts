import { expect, it } from 'vitest';
import { deleteTeamData, deleteUserData } from '../../../src/db/repositories/forget.js';
import { findStaleAssessments, listLadderNoticesOf, queueLadderNotice } from '../../../src/db/repositories/ladder-change-notices.js';
import { loadPersonalData } from '../../../src/db/repositories/personal-data.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

const TEAM = 'T0LADDER1';
const OTHER = 'T0LADDER2';
const now = new Date('2027-01-04T09:00:00Z');

describeEachDatabase('ladder change notices: claimed and queued once, exported, forgotten', (database) => {
  const assessment = async (teamId: string, userId: string, fingerprint: string | null, createdAt = now) =>
    database.db
      .insertInto('assessments')
      .values({
        team_id: teamId,
        user_id: userId,
        skill_id: 'nats',
        role_id: 'dev',
        ratings: JSON.stringify({ junior: 'fully' }),
        current_level: 'junior',
        target_level: 'middle',
        target_date: null,
        requirement_versions: fingerprint ? JSON.stringify({ junior: { hash: 'h-old', text: 'Old text', name: 'Junior' } }) : null,
        requirements_fingerprint: fingerprint,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const ladder = [{ skillId: 'nats', roleId: 'dev', fingerprint: 'now' }];
  const claim = (teamId: string, userId: string, assessmentId: number) =>
    queueLadderNotice(database.db, { teamId, userId, skillId: 'nats', assessmentId, catalogFingerprint: 'now', status: 'queued', now });
  const schedule = (teamId: string, userId: string) =>
    database.db
      .insertInto('checkin_schedules')
      .values({ team_id: teamId, user_id: userId, cadence: 'off', weekday: 1, local_time: '10:00', tz: 'Europe/Madrid', anchor_date: null, next_run_at: null, dm_channel: null, stopped_reason: null, effective_cadence: null, updated_at: now })
      .execute();
  const queued = () => database.db.selectFrom('checkin_deliveries').select(['team_id', 'user_id', 'kind', 'notice_id', 'status']).orderBy('id').execute();

  it('finds only latest assessments with other versions and no notice; a claim is won once', async () => {
    const older = await assessment(TEAM, 'U1', 'before', new Date('2026-12-01T00:00:00Z'));
    const latest = await assessment(TEAM, 'U1', 'before');
    await assessment(TEAM, 'U2', 'now'); // same ladder
    await assessment(TEAM, 'U3', null); // saved before versions were recorded
    const stale = await findStaleAssessments(database.db, ladder, 10);
    expect(stale.map((row) => [row.id, row.catalog_fingerprint])).toEqual([[latest.id, 'now']]);
    expect(stale.map((row) => row.id)).not.toContain(older.id);

    await schedule(TEAM, 'U1');
    const won = await Promise.all([claim(TEAM, 'U1', latest.id), claim(TEAM, 'U1', latest.id), claim(TEAM, 'U1', latest.id)]);
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await findStaleAssessments(database.db, ladder, 10)).toEqual([]);
    // Its DM waits in the outbox, once.
    const [notice] = await listLadderNoticesOf(database.db, TEAM, 'U1');
    expect(notice!.status).toBe('queued');
    expect(await queued()).toEqual([{ team_id: TEAM, user_id: 'U1', kind: 'ladder_change', notice_id: notice!.id, status: 'pending' }]);
    await deleteTeamData(database.db, TEAM);
  });

  it('without a schedule to carry it, the notice is recorded as failed and nothing is queued', async () => {
    const mine = await assessment(TEAM, 'U9', 'before');
    expect(await claim(TEAM, 'U9', mine.id)).toBe(true);
    expect((await listLadderNoticesOf(database.db, TEAM, 'U9')).map((n) => [n.status, n.last_error])).toEqual([['failed', 'no schedule to carry the DM']]);
    expect(await queued()).toEqual([]);
    await deleteTeamData(database.db, TEAM);
  });

  it('the export lists them with the assessed texts; forget deletes them for a person and for a workspace', async () => {
    const mine = await assessment(TEAM, 'U1', 'before');
    const theirs = await assessment(TEAM, 'U2', 'before');
    const elsewhere = await assessment(OTHER, 'U1', 'before');
    for (const [team, user] of [[TEAM, 'U1'], [TEAM, 'U2'], [OTHER, 'U1']] as const) await schedule(team, user);
    await claim(TEAM, 'U1', mine.id);
    await claim(TEAM, 'U2', theirs.id);
    await claim(OTHER, 'U1', elsewhere.id);

    const data = (await loadPersonalData(database.db, TEAM, 'U1')) as { ladder_change_notices: unknown[]; assessments: { requirement_versions: unknown }[] };
    expect(data.ladder_change_notices).toEqual([{ skill_id: 'nats', assessment_id: mine.id, status: 'queued', dm_channel: null, slack_ts: null, created_at: now, updated_at: now }]);
    expect(data.assessments[0]!.requirement_versions).toEqual({ junior: { hash: 'h-old', text: 'Old text', name: 'Junior' } });

    await deleteUserData(database.db, TEAM, 'U1');
    expect(await listLadderNoticesOf(database.db, TEAM, 'U1')).toEqual([]);
    expect((await queued()).map((d) => [d.team_id, d.user_id])).toEqual([
      [TEAM, 'U2'],
      [OTHER, 'U1'],
    ]);
    expect(await listLadderNoticesOf(database.db, TEAM, 'U2')).toHaveLength(1);
    expect(await listLadderNoticesOf(database.db, OTHER, 'U1')).toHaveLength(1);
    await deleteTeamData(database.db, TEAM);
    expect(await listLadderNoticesOf(database.db, TEAM, 'U2')).toEqual([]);
    expect(await listLadderNoticesOf(database.db, OTHER, 'U1')).toHaveLength(1);
    await deleteTeamData(database.db, OTHER);
  });
});
