import type { Kysely } from 'kysely';
import type { CheckinScheduleRow, Database } from '../schema.js';

/** Moves a person's check-in schedule to a new time zone, with the next occurrence recomputed by the caller. */
export async function updateScheduleTimeZone(
  db: Kysely<Database>,
  args: { teamId: string; userId: string; tz: string; nextRunAt: Date | null; now: Date },
): Promise<CheckinScheduleRow | undefined> {
  return db
    .updateTable('checkin_schedules')
    .set({ tz: args.tz, next_run_at: args.nextRunAt, updated_at: args.now })
    .where('team_id', '=', args.teamId)
    .where('user_id', '=', args.userId)
    .returningAll()
    .executeTakeFirst();
}
