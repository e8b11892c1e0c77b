import { sql, type Kysely, type QueryCreator, type Transaction } from 'kysely';
import type { Cadence, CheckinScheduleRow, Database } from '../schema.js';

/** Check-in schedules: one per person and workspace. The caller computes `next_run_at` (src/time/check-in-time.ts). */

export interface ScheduleSettings {
  teamId: string;
  userId: string;
  cadence: Cadence;
  weekday: number;
  localTime: string;
  tz: string;
  anchorDate: string | null;
  nextRunAt: Date | null;
  now: Date;
}

/** Creates or replaces the person's schedule. Editing resumes a paused schedule and clears a stop. */
export async function upsertSchedule(db: Kysely<Database> | Transaction<Database>, s: ScheduleSettings): Promise<CheckinScheduleRow> {
  return upsertScheduleQuery(db, s).returningAll().executeTakeFirstOrThrow();
}

/** The upsert itself, unexecuted, so a caller can run it inside a larger statement (see saveSubmission). */
export function upsertScheduleQuery(db: Kysely<Database> | QueryCreator<Database>, s: ScheduleSettings) {
  const values = {
    cadence: s.cadence,
    weekday: s.weekday,
    local_time: s.localTime,
    tz: s.tz,
    anchor_date: s.anchorDate,
    next_run_at: s.nextRunAt,
    paused: false,
    stopped_reason: null,
    // Saving an assessment is a response: the chosen cadence again (docs/time-zones.md#back-off).
    effective_cadence: null,
    unanswered_checkins: 0,
    paused_until: null,
    updated_at: s.now,
  };
  return db
    .insertInto('checkin_schedules')
    .values({ team_id: s.teamId, user_id: s.userId, ...values })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet(values));
}

export async function findSchedule(db: Kysely<Database>, teamId: string, userId: string): Promise<CheckinScheduleRow | undefined> {
  return db.selectFrom('checkin_schedules').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
}

/**
 * Changes when the next check-in happens, and optionally whether it is paused or its time zone (pause: null;
 * resume or snooze: the new instant; a new zone: the occurrence recomputed there).
 */
export async function updateScheduleTiming(
  db: Kysely<Database>,
  args: { teamId: string; userId: string; nextRunAt: Date | null; now: Date; paused?: boolean; tz?: string; answered?: boolean; pausedUntil?: string | null },
): Promise<CheckinScheduleRow | undefined> {
  return db
    .updateTable('checkin_schedules')
    .set({
      next_run_at: args.nextRunAt,
      updated_at: args.now,
      // The person answered (a button on a check-in, App Home): the chosen cadence again (docs/time-zones.md#back-off).
      ...(args.answered ? { effective_cadence: null, unanswered_checkins: 0 } : {}),
      ...(args.paused !== undefined ? { paused: args.paused } : {}),
      ...(args.tz !== undefined ? { tz: args.tz } : {}),
      ...(args.pausedUntil !== undefined ? { paused_until: args.pausedUntil } : {}),
    })
    .where('team_id', '=', args.teamId)
    .where('user_id', '=', args.userId)
    .returningAll()
    .executeTakeFirst();
}

/** Whether any other workspace has check-ins scheduled (the sandbox refuses to run the scheduler on such a database). */
export async function hasActiveSchedulesOutsideTeam(db: Kysely<Database>, teamId: string): Promise<boolean> {
  const row = await db
    .selectFrom('checkin_schedules')
    .select('team_id')
    .where('team_id', '!=', teamId)
    .where('next_run_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Clears a stop recorded by `stopSchedule` (in checkin-deliveries.ts, as it also ends the pending deliveries): the
 * person resumed check-ins themselves, so they are reachable.
 */
export async function clearScheduleStop(db: Kysely<Database>, teamId: string, userId: string): Promise<void> {
  await db
    .updateTable('checkin_schedules')
    .set({ stopped_reason: null, updated_at: sql<Date>`now()` })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
}
