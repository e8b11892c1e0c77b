import type { Deps } from '../deps.js';
import { findSchedule, updateScheduleTiming } from '../db/repositories/checkin-schedules.js';
import { repointFollowUp } from '../db/repositories/follow-ups.js';
import { upsertUserProfile } from '../db/repositories/user-settings.js';
import { checkinTimeOn, isValidTimeZone } from '../time/check-in-time.js';
import { nextRunAfter } from './checkins.js';

/**
 * Slack told us (user_change) that a person's profile changed. Check-ins follow the person: "Monday 10:00" stays
 * 10:00 where they now are, so the schedule takes the new zone and its next occurrence is recomputed. The language
 * is refreshed at the same time. Nothing happens for people we store nothing about.
 */
export async function applyProfileChange(deps: Deps, args: { teamId: string; userId: string; tz: string | null; locale: string | null }): Promise<'moved' | 'unchanged'> {
  const now = deps.now();
  deps.profiles.delete(args.teamId, args.userId);
  const schedule = await findSchedule(deps.db, args.teamId, args.userId);
  if (!schedule) return 'unchanged';
  await upsertUserProfile(deps.db, { teamId: args.teamId, userId: args.userId, locale: args.locale, tz: args.tz, fetchedAt: now });
  if (!args.tz || !isValidTimeZone(args.tz) || args.tz === schedule.tz) return 'unchanged';
  const nextRunAt = schedule.paused || schedule.stopped_reason ? schedule.next_run_at : nextRunAfter({ ...schedule, tz: args.tz }, now);
  await updateScheduleTiming(deps.db, { teamId: args.teamId, userId: args.userId, tz: args.tz, nextRunAt, now });
  // A pending follow-up comes at the check-in time, now in the new zone (docs/follow-ups.md#when-it-comes).
  if (schedule.follow_up_at !== null) await repointFollowUp(deps.db, args.teamId, args.userId, checkinTimeOn);
  deps.logger.info('check-in schedule moved to a new time zone', { teamId: args.teamId, userId: args.userId, from: schedule.tz, to: args.tz });
  return 'moved';
}
