import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// The due query orders by (next_run_at, id). With only next_run_at indexed, thousands of schedules due at the same
// instant (every "Monday 10:00" in one zone) were all read and sorted to return one batch (bench/README.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists checkin_schedules_due`.execute(db);
  await sql`create index checkin_schedules_due on checkin_schedules (next_run_at, id) where not paused and next_run_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists checkin_schedules_due`.execute(db);
  await sql`create index checkin_schedules_due on checkin_schedules (next_run_at) where not paused and next_run_at is not null`.execute(db);
}
