import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
export async function up(db: Kysely<any>): Promise<void> {
  // Append-only history: every submission is a new row; nothing updates or overwrites one.
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('skill_id', 'text', (col) => col.notNull())
    .addColumn('role_id', 'text', (col) => col.notNull())
    .addColumn('ratings', 'jsonb', (col) => col.notNull())
    .addColumn('current_level', 'text', (col) => col.notNull())
    .addColumn('target_level', 'text', (col) => col.notNull())
    .addColumn('target_date', 'date')
    .addColumn('goals', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('assessments_by_user').on('assessments').columns(['team_id', 'user_id', 'skill_id', 'created_at']).execute();

  // One check-in schedule per person and workspace. next_run_at is the next occurrence, computed by the app from
  // the IANA zone, weekday and local time; the scheduler claims rows whose next_run_at has passed.
  await db.schema
    .createTable('checkin_schedules')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('cadence', 'text', (col) => col.notNull().check(sql`cadence in ('weekly', 'biweekly', 'monthly', 'off')`))
    .addColumn('weekday', 'smallint', (col) => col.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('local_time', 'text', (col) => col.notNull().check(sql`local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addColumn('tz', 'text', (col) => col.notNull())
    .addColumn('anchor_date', 'date')
    .addColumn('paused', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('next_run_at', 'timestamptz')
    .addColumn('dm_channel', 'text')
    .addColumn('stopped_reason', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('checkin_schedules_one_per_user', ['team_id', 'user_id'])
    .execute();
  // The due query: active schedules ordered by next_run_at.
  await sql`create index checkin_schedules_due on checkin_schedules (next_run_at) where not paused and next_run_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkin_schedules').execute();
  await db.schema.dropTable('assessments').execute();
}
