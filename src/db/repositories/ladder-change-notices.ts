import { sql, type Kysely } from 'kysely';
import type { AssessmentRow, Database, LadderChangeNoticeRow } from '../schema.js';

/**
 * "The ladder changed" notices (docs/ladder-changes.md#exactly-once). The scheduler finds each person's latest
 * assessment of a skill whose requirements fingerprint differs from the catalog's, claims a notice for it with an
 * insert that only one replica can win, and queues its DM in the check-in outbox in the same transaction. The unique
 * (team, assessment, catalog fingerprint) key keeps it to one notice across replicas and restarts; the outbox sends it.
 */

export interface LadderNow {
  skillId: string;
  roleId: string;
  fingerprint: string;
}

export type StaleAssessment = AssessmentRow & { catalog_fingerprint: string };

/**
 * Latest assessments (one per person and skill) made against other requirements than `ladder` has now, with no
 * notice claimed yet for this ladder: at most `limit`, oldest first. Spans workspaces on purpose (the scheduler
 * serves them all); each row carries its team_id. Assessments of a skill or role no longer in the catalog, and
 * older rows with no recorded versions, are never returned.
 */
export async function findStaleAssessments(db: Kysely<Database>, ladder: readonly LadderNow[], limit: number): Promise<StaleAssessment[]> {
  if (ladder.length === 0) return [];
  const values = sql.join(ladder.map((l) => sql`(${l.skillId}::text, ${l.roleId}::text, ${l.fingerprint}::text)`));
  const result = await sql<StaleAssessment>`
    with current_ladder (skill_id, role_id, fingerprint) as (values ${values})
    select a.*, c.fingerprint as catalog_fingerprint
    from assessments a
    join current_ladder c on c.skill_id = a.skill_id and c.role_id = a.role_id
    where a.requirements_fingerprint is not null
      and a.requirements_fingerprint <> c.fingerprint
      and not exists (
        select 1 from assessments newer
        where newer.team_id = a.team_id and newer.user_id = a.user_id and newer.skill_id = a.skill_id
          and (newer.created_at > a.created_at or (newer.created_at = a.created_at and newer.id > a.id)))
      and not exists (
        select 1 from ladder_change_notices n
        where n.team_id = a.team_id and n.assessment_id = a.id and n.catalog_fingerprint = c.fingerprint)
    order by a.id
    limit ${limit}`.execute(db);
  return result.rows;
}

/**
 * Claims the notice for one assessment and ladder and, in the same transaction, queues its DM in the check-in outbox
 * (a `ladder_change` delivery on the person's schedule), which then sends it exactly once with the outbox's lease,
 * reconciliation and retries (docs/ladder-changes.md#exactly-once). True for exactly one caller, ever (the row stays).
 * `nothing` records a ladder change that needs no DM, so the assessment is not looked at again for this ladder.
 * Without a schedule to carry it (never the case for a saved assessment) the notice is recorded as `failed`.
 */
export async function queueLadderNotice(
  db: Kysely<Database>,
  n: { teamId: string; userId: string; skillId: string; assessmentId: number; catalogFingerprint: string; status: 'queued' | 'nothing'; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const notice = await trx
      .insertInto('ladder_change_notices')
      .values({ team_id: n.teamId, user_id: n.userId, skill_id: n.skillId, assessment_id: n.assessmentId, catalog_fingerprint: n.catalogFingerprint, status: n.status, created_at: n.now, updated_at: n.now })
      .onConflict((oc) => oc.columns(['team_id', 'assessment_id', 'catalog_fingerprint']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!notice || n.status === 'nothing') return notice !== undefined;
    const queued = await trx
      .insertInto('checkin_deliveries')
      .columns(['team_id', 'user_id', 'schedule_id', 'occurrence_at', 'kind', 'notice_id'])
      .expression((eb) =>
        eb
          .selectFrom('checkin_schedules')
          .select(['team_id', 'user_id', 'id', sql<Date>`now()`.as('occurrence_at'), sql<string>`'ladder_change'`.as('kind'), sql<number>`${notice.id}::integer`.as('notice_id')])
          .where('team_id', '=', n.teamId)
          .where('user_id', '=', n.userId),
      )
      .returning('id')
      .executeTakeFirst();
    if (!queued) {
      await trx.updateTable('ladder_change_notices').set({ status: 'failed', last_error: 'no schedule to carry the DM' }).where('id', '=', notice.id).where('team_id', '=', n.teamId).execute();
    }
    return true;
  });
}

/** The notice a `ladder_change` delivery tells, with the assessment it is about (gone when the person forgot themselves). */
export async function findQueuedNotice(db: Kysely<Database>, teamId: string, noticeId: number): Promise<(LadderChangeNoticeRow & { assessment: AssessmentRow | undefined }) | undefined> {
  const notice = await db.selectFrom('ladder_change_notices').selectAll().where('team_id', '=', teamId).where('id', '=', noticeId).executeTakeFirst();
  if (!notice) return undefined;
  const assessment = await db.selectFrom('assessments').selectAll().where('team_id', '=', teamId).where('id', '=', notice.assessment_id).executeTakeFirst();
  return { ...notice, assessment };
}

/** A person's notices, oldest first (for their export). */
export async function listLadderNoticesOf(db: Kysely<Database>, teamId: string, userId: string): Promise<LadderChangeNoticeRow[]> {
  return db.selectFrom('ladder_change_notices').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).orderBy('id').execute();
}
