import { type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// "Pause until…": the person's first day back (a local date in the schedule's zone). The schedule is not paused
// (`paused` stays false); its next run is simply the first occurrence on or after that day, so the scheduler
// resumes it by itself. Kept so App Home and `/skill me` can say until when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin_schedules').addColumn('paused_until', 'date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin_schedules').dropColumn('paused_until').execute();
}
