import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
export async function up(db: Kysely<any>): Promise<void> {
  // The outbox: one row per (schedule, occurrence), unique, so an occurrence can be emitted only once however
  // many replicas tick. Rows are claimed with a lease, sent outside the transaction, and marked sent with a fence.
  await db.schema
    .createTable('checkin_deliveries')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('schedule_id', 'bigint', (col) => col.notNull().references('checkin_schedules.id').onDelete('cascade'))
    .addColumn('occurrence_at', 'timestamptz', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'sending', 'sent', 'dead')`))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('blind_resends', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('run_after', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('dm_channel', 'text')
    .addColumn('slack_ts', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('checkin_deliveries_one_per_occurrence', ['schedule_id', 'occurrence_at'])
    .execute();
  await sql`create index checkin_deliveries_ready on checkin_deliveries (run_after) where status in ('pending', 'sending')`.execute(db);
  await db.schema.createIndex('checkin_deliveries_by_user').on('checkin_deliveries').columns(['team_id', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkin_deliveries').execute();
}
