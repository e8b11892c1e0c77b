import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// One row per installation of the app (OAuth mode, docs/installations.md): a workspace install is found by its team
// id, an org-wide Enterprise Grid install by its enterprise id; `installation_key` is `T:<team>` or `E:<enterprise>`.
// Tokens are stored only as AES-256-GCM envelopes that name their key (`key_id` is the key of the newest write, so
// re-encryption can find what is left); everything else Slack told us at install time is in `details`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('slack_installations')
    .addColumn('installation_key', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text')
    .addColumn('enterprise_id', 'text')
    .addColumn('is_enterprise_install', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('details', 'jsonb', (col) => col.notNull())
    .addColumn('bot_token', 'text')
    .addColumn('bot_refresh_token', 'text')
    .addColumn('user_token', 'text')
    .addColumn('user_refresh_token', 'text')
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('installed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('slack_installations_by_team').on('slack_installations').column('team_id').execute();
  await db.schema.createIndex('slack_installations_by_enterprise').on('slack_installations').column('enterprise_id').execute();
  // Which organisation a workspace belongs to, seen on its requests under an org-wide install: the scheduler knows a
  // person's team only, and finds the org-wide installation through this.
  await db.schema
    .createTable('slack_org_workspaces')
    .addColumn('team_id', 'text', (col) => col.primaryKey())
    .addColumn('enterprise_id', 'text', (col) => col.notNull())
    .addColumn('seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slack_org_workspaces').execute();
  await db.schema.dropTable('slack_installations').execute();
}
