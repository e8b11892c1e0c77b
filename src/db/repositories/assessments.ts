import { sql, type Kysely } from 'kysely';
import type { AssessmentContent, AssessmentRow, CheckinScheduleRow, Database, RequirementVersions } from '../schema.js';
import { upsertScheduleQuery, type ScheduleSettings } from './checkin-schedules.js';

/**
 * Assessments are append-only history: each submission adds a row, and only the same submission saved again (the
 * same Save, retried or replayed) touches a row it made. Every query is scoped by team.
 */

export type NewAssessment = AssessmentContent & {
  teamId: string;
  userId: string;
  skillId: string;
  /** What identifies one press of Save (the modal's view id): saving the same key again updates that row. */
  submissionKey: string;
  createdAt: Date;
  /** The requirement texts it was made against and their fingerprint (docs/ladder-changes.md#versions); absent: unknown. */
  requirements?: { versions: RequirementVersions; fingerprint: string } | null;
};

/**
 * Saves one submission: the assessment (a new history row) and the person's check-in schedule, in ONE statement,
 * so it commits or fails as a whole, in one round trip, within one statement timeout (docs/database.md).
 * Idempotent by `submissionKey`: a Save pressed again after a slow answer, or a replayed request, updates the row
 * it already made (`firstTime: false`) instead of adding a second one.
 */
export async function saveSubmission(
  db: Kysely<Database>,
  a: NewAssessment,
  schedule: ScheduleSettings,
): Promise<{ assessment: AssessmentRow; firstTime: boolean; followUpAt: Date | null }> {
  const content = {
    ...contentColumns(a),
    requirement_versions: a.requirements ? JSON.stringify(a.requirements.versions) : null,
    requirements_fingerprint: a.requirements?.fingerprint ?? null,
  };
  const row = await db
    // Data-modifying WITH clauses always run to completion, whether or not the final select reads them.
    .with('schedule', (qc) => upsertScheduleQuery(qc, schedule).returning(['id', 'follow_up_at']))
    .with('saved', (qc) =>
      qc
        .insertInto('assessments')
        .values({ team_id: a.teamId, user_id: a.userId, skill_id: a.skillId, submission_key: a.submissionKey, created_at: a.createdAt, ...content })
        .onConflict((oc) => oc.columns(['team_id', 'submission_key']).doUpdateSet(content))
        // xmax is 0 on a row this statement inserted, and set on one it updated.
        .returningAll()
        .returning(sql<boolean>`(xmax = 0)`.as('first_time')),
    )
    .selectFrom('saved')
    .selectAll('saved')
    // The schedule's pending follow-up, if any: it must follow a new check-in time (services/assessments.ts).
    .select((eb) => eb.selectFrom('schedule').select('follow_up_at').as('schedule_follow_up_at'))
    .executeTakeFirstOrThrow();
  const { first_time: firstTime, schedule_follow_up_at: followUpAt, ...assessment } = row;
  return { assessment, firstTime, followUpAt: followUpAt ?? null };
}

/** The columns that hold what the person stated (the rest say who, when and which submission). */
function contentColumns(a: AssessmentContent) {
  return {
    role_id: a.roleId,
    ratings: JSON.stringify(a.ratings),
    current_level: a.currentLevel,
    target_level: a.targetLevel,
    target_date: a.targetDate,
    goals: a.goals,
  };
}

export async function findLatestAssessment(db: Kysely<Database>, teamId: string, userId: string, skillId: string): Promise<AssessmentRow | undefined> {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('skill_id', '=', skillId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest assessment of each skill the person has assessed, newest first. */
export async function listLatestAssessments(db: Kysely<Database>, teamId: string, userId: string): Promise<AssessmentRow[]> {
  const rows = await db
    .selectFrom('assessments')
    .selectAll()
    .distinctOn('skill_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('skill_id')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
}

/** Recent history per skill (date and level), newest first, at most `perSkill` entries each. `loadGrowthRecord` reads it with the latest and the schedule in one statement. */
export async function listAssessmentHistory(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
  perSkill: number,
): Promise<Pick<AssessmentRow, 'id' | 'skill_id' | 'current_level' | 'target_level' | 'created_at'>[]> {
  const ranked = db
    .selectFrom('assessments')
    .select(['id', 'skill_id', 'current_level', 'target_level', 'created_at'])
    .select(sql<number>`row_number() over (partition by skill_id order by created_at desc, id desc)`.as('rank'))
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .as('ranked');
  const rows = await db
    .selectFrom(ranked)
    .select(['id', 'skill_id', 'current_level', 'target_level', 'created_at'])
    .where('rank', '<=', perSkill)
    .orderBy('skill_id')
    .orderBy('created_at', 'desc')
    .execute();
  return rows;
}

/** A person's latest assessment per skill, their recent history per skill, and their check-in schedule. */
export interface GrowthRecord {
  /** The latest assessment of each skill, newest first (as listLatestAssessments). */
  latest: AssessmentRow[];
  /** Per skill, newest first, at most `perSkill` entries each (as listAssessmentHistory). */
  history: Pick<AssessmentRow, 'id' | 'skill_id' | 'current_level' | 'target_level' | 'created_at'>[];
  schedule: CheckinScheduleRow | undefined;
}

// Every column, as a record so that a column added to the table and not here is a compile error (the one read
// below would silently drop it otherwise).
const SCHEDULE_COLUMN_SET: Record<keyof CheckinScheduleRow, true> = {
  id: true, team_id: true, user_id: true, cadence: true, weekday: true, local_time: true, tz: true, anchor_date: true, paused: true,
  next_run_at: true, dm_channel: true, stopped_reason: true, effective_cadence: true, unanswered_checkins: true, paused_until: true,
  follow_up_at: true, created_at: true, updated_at: true,
};
const ASSESSMENT_COLUMN_SET: Record<keyof AssessmentRow, true> = {
  id: true, team_id: true, user_id: true, skill_id: true, role_id: true, ratings: true, current_level: true, target_level: true,
  target_date: true, goals: true, submission_key: true, requirement_versions: true, requirements_fingerprint: true, created_at: true,
};
const SCHEDULE_COLUMNS = Object.keys(SCHEDULE_COLUMN_SET) as (keyof CheckinScheduleRow)[];
const ASSESSMENT_COLUMNS = Object.keys(ASSESSMENT_COLUMN_SET) as (keyof AssessmentRow)[];

/**
 * What My skills, App Home and a shared picture show, in ONE statement instead of three (latest, history, schedule):
 * the ranked history carries the latest of each skill as its first entry, and the schedule rides along on every row
 * (a `(select 1)` drives the query so a person with no assessments still gets their schedule).
 */
export async function loadGrowthRecord(db: Kysely<Database>, teamId: string, userId: string, perSkill: number): Promise<GrowthRecord> {
  const scheduleColumns = sql.join(SCHEDULE_COLUMNS.map((c) => sql`s.${sql.ref(c)} as ${sql.ref(`s_${c}`)}`));
  const assessmentColumns = sql.join(ASSESSMENT_COLUMNS.map((c) => sql`r.${sql.ref(c)}`));
  const result = await sql<Record<string, unknown>>`
    select ${scheduleColumns}, ${assessmentColumns}, r.rank
      from (select 1) as one
      left join checkin_schedules s on s.team_id = ${teamId} and s.user_id = ${userId}
      left join lateral (
             select * from (
               select a.*, row_number() over (partition by a.skill_id order by a.created_at desc, a.id desc) as rank
                 from assessments a
                where a.team_id = ${teamId} and a.user_id = ${userId}
             ) as ranked
              where ranked.rank <= ${perSkill}
           ) as r on true
     order by r.skill_id, r.rank`.execute(db);
  const first = result.rows[0];
  const schedule = first && first.s_id !== null ? (Object.fromEntries(SCHEDULE_COLUMNS.map((c) => [c, first[`s_${c}`]])) as unknown as CheckinScheduleRow) : undefined;
  const latest: AssessmentRow[] = [];
  const history: GrowthRecord['history'] = [];
  for (const row of result.rows) {
    if (row.id === null) continue;
    const assessment = Object.fromEntries(ASSESSMENT_COLUMNS.map((c) => [c, row[c]])) as unknown as AssessmentRow;
    if (Number(row.rank) === 1) latest.push(assessment);
    const { id, skill_id, current_level, target_level, created_at } = assessment;
    history.push({ id, skill_id, current_level, target_level, created_at });
  }
  latest.sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
  return { latest, history, schedule };
}

export async function countAssessments(db: Kysely<Database>, teamId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The newest two assessments of each skill (whole rows), newest first: what the 1:1 brief compares. */
export async function listLastTwoAssessments(db: Kysely<Database>, teamId: string, userId: string): Promise<AssessmentRow[]> {
  const ranked = db
    .selectFrom('assessments')
    .selectAll()
    .select(sql<number>`row_number() over (partition by skill_id order by created_at desc, id desc)`.as('rank'))
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .as('ranked');
  const rows = await db.selectFrom(ranked).selectAll().where('rank', '<=', 2).orderBy('skill_id').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(({ rank: _rank, ...row }) => row);
}
