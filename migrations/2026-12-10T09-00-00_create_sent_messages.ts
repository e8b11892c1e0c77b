import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// Where each of our messages that carries a person's data was posted (a confirmation with their goals, a check-in),
// so `/skill forget` can delete it from Slack. A channel and a ts name one message in a workspace.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sent_messages')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('ts', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('confirmation', 'checkin')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sent_messages_pkey', ['team_id', 'channel', 'ts'])
    .execute();
  await db.schema.createIndex('sent_messages_by_user').on('sent_messages').columns(['team_id', 'user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sent_messages').execute();
}
