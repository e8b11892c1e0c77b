import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssessmentRow, Database, Rating } from '../schema.js';

/** Assessments are append-only history: insert and read, never update. Every query is scoped by team. */

export interface NewAssessment {
  teamId: string;
  userId: string;
  skillId: string;
  roleId: string;
  ratings: Record<string, Rating>;
  currentLevel: string;
  targetLevel: string;
  targetDate: string | null;
  goals: string;
  createdAt?: Date;
}

export async function insertAssessment(db: Kysely<Database> | Transaction<Database>, a: NewAssessment): Promise<AssessmentRow> {
  return db
    .insertInto('assessments')
    .values({
      team_id: a.teamId,
      user_id: a.userId,
      skill_id: a.skillId,
      role_id: a.roleId,
      ratings: JSON.stringify(a.ratings),
      current_level: a.currentLevel,
      target_level: a.targetLevel,
      target_date: a.targetDate,
      goals: a.goals,
      ...(a.createdAt ? { created_at: a.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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

/** Recent history per skill (date and level), newest first, at most `perSkill` entries each. */
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

export async function countAssessments(db: Kysely<Database>, teamId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
