import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// One press of Save is one assessment. The modal's view id identifies the submission: a Save retried after a slow
// answer, or a replayed request, lands on the same row instead of adding a second one. Rows saved before this
// migration, and rows not made from a modal, have no key (NULLs never collide in a unique index).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessments').addColumn('submission_key', 'text').execute();
  await sql`create unique index assessments_one_per_submission on assessments (team_id, submission_key)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists assessments_one_per_submission`.execute(db);
  await db.schema.alterTable('assessments').dropColumn('submission_key').execute();
}
