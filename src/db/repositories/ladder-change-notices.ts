import { sql, type Kysely } from 'kysely';
import type { AssessmentRow, Database, LadderChangeNoticeRow, LadderChangeNoticeStatus } from '../schema.js';

/**
 * "The ladder changed" notices (docs/ladder-changes.md#exactly-once). The scheduler finds each person's latest
 * assessment of a skill whose requirements fingerprint differs from the catalog's, claims a notice for it with an
 * insert that only one replica can win, and then sends. The unique (team, assessment, catalog fingerprint) key
 * is what keeps it to one DM across replicas and restarts.
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
 * Claims the notice for one assessment and ladder: true for exactly one caller, ever (the row stays). `nothing`
 * records a ladder change that needs no DM, so the assessment is not looked at again for this ladder.
 */
export async function claimLadderNotice(
  db: Kysely<Database>,
  n: { teamId: string; userId: string; skillId: string; assessmentId: number; catalogFingerprint: string; status: 'sending' | 'nothing'; now: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('ladder_change_notices')
    .values({ team_id: n.teamId, user_id: n.userId, skill_id: n.skillId, assessment_id: n.assessmentId, catalog_fingerprint: n.catalogFingerprint, status: n.status, created_at: n.now, updated_at: n.now })
    .onConflict((oc) => oc.columns(['team_id', 'assessment_id', 'catalog_fingerprint']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** After the send: `sent` (with where), or `failed` (with why). A notice is never sent again either way. */
export async function markLadderNotice(
  db: Kysely<Database>,
  n: { teamId: string; assessmentId: number; catalogFingerprint: string; status: Exclude<LadderChangeNoticeStatus, 'sending' | 'nothing'>; channel?: string | null; ts?: string | null; error?: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('ladder_change_notices')
    .set({ status: n.status, dm_channel: n.channel ?? null, slack_ts: n.ts ?? null, last_error: n.error ?? null, updated_at: n.now })
    .where('team_id', '=', n.teamId)
    .where('assessment_id', '=', n.assessmentId)
    .where('catalog_fingerprint', '=', n.catalogFingerprint)
    .execute();
}

/** A person's notices, oldest first (for their export). */
export async function listLadderNoticesOf(db: Kysely<Database>, teamId: string, userId: string): Promise<LadderChangeNoticeRow[]> {
  return db.selectFrom('ladder_change_notices').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).orderBy('id').execute();
}
