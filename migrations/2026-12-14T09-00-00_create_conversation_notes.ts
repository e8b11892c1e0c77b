import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// What two people agreed in a 1:1, kept as the owner's note, append-only: the next steps, an optional follow-up
// date, the skill. author_id and other_id are emptied when that person forgets themselves (the owner keeps the
// note); the owner's forget deletes their notes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversation_notes')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addColumn('author_id', 'text')
    .addColumn('other_id', 'text')
    .addColumn('skill_id', 'text', (col) => col.notNull())
    .addColumn('steps', 'text', (col) => col.notNull())
    .addColumn('follow_up_on', 'date')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('conversation_notes_by_owner').on('conversation_notes').columns(['team_id', 'owner_id', 'skill_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('conversation_notes').execute();
}
