import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// "The ladder changed" (docs/ladder-changes.md): each assessment keeps the requirement texts it was made against
// (level id → {hash, text, name}) and a fingerprint of those hashes; null for assessments saved before this
// migration (unknown: never noticed, never marked). One row per notice claimed: the unique key is what makes the
// DM go at most once across replicas and restarts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('assessments')
    .addColumn('requirement_versions', 'jsonb')
    .addColumn('requirements_fingerprint', 'text')
    .execute();
  await db.schema
    .createTable('ladder_change_notices')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('skill_id', 'text', (col) => col.notNull())
    .addColumn('assessment_id', 'integer', (col) => col.notNull())
    .addColumn('catalog_fingerprint', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('sending', 'sent', 'failed', 'nothing')`))
    .addColumn('last_error', 'text')
    .addColumn('dm_channel', 'text')
    .addColumn('slack_ts', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('ladder_change_notices_once', ['team_id', 'assessment_id', 'catalog_fingerprint'])
    .execute();
  await db.schema.createIndex('ladder_change_notices_person').on('ladder_change_notices').columns(['team_id', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ladder_change_notices').execute();
  await db.schema.alterTable('assessments').dropColumn('requirement_versions').dropColumn('requirements_fingerprint').execute();
}
