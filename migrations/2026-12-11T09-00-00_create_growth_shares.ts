import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// An owner lets one viewer see their growth picture: some skills (null = all), until a time (null = until revoked).
// One row per (team, owner, viewer): sharing again changes that row. The view log records each opening; its
// viewer_id (and share_id, with the grant) is emptied when the viewer forgets themselves, so the owner keeps the
// count but not the name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('growth_shares')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addColumn('viewer_id', 'text', (col) => col.notNull())
    .addColumn('skill_ids', 'jsonb')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('dm_channel', 'text')
    .addColumn('dm_ts', 'text')
    .addColumn('dm_ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('growth_shares_one_per_pair', ['team_id', 'owner_id', 'viewer_id'])
    .execute();
  await db.schema.createIndex('growth_shares_by_viewer').on('growth_shares').columns(['team_id', 'viewer_id']).execute();

  await db.schema
    .createTable('growth_share_views')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('share_id', 'integer', (col) => col.references('growth_shares.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addColumn('viewer_id', 'text')
    .addColumn('opened_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('growth_share_views_by_share').on('growth_share_views').columns(['share_id', 'opened_at']).execute();
  await db.schema.createIndex('growth_share_views_by_owner').on('growth_share_views').columns(['team_id', 'owner_id']).execute();
  await db.schema.createIndex('growth_share_views_by_viewer').on('growth_share_views').columns(['team_id', 'viewer_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('growth_share_views').execute();
  await db.schema.dropTable('growth_shares').execute();
}
