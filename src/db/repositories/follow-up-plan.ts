import { checkinTimeOn, localDateIn, nextCheckinTimeAfter } from '../../time/check-in-time.js';
import type { CheckinScheduleRow } from '../schema.js';
import type { PendingFollowUp } from './follow-ups.js';

/**
 * What the emit step does with a schedule's follow-ups (docs/follow-ups.md#when-it-comes). Pure: the schedule, the
 * database clock, the check-in being emitted now (if any) and the owner's pending follow-ups in, a decision out.
 *
 *  - Due at the owner's check-in time on the agreed date, or now when a check-in goes out on that local day.
 *  - Never lost: one found more than `graceMs` late (the service was down, the owner was paused) moves to the owner's
 *    next check-in time; one on a day of a "pause until" moves to the first day back.
 *  - Every pending follow-up dated up to that day travels together; the pointer moves on to the next date.
 */
export type FollowUpPlan =
  | { emit: false; followUpAt: Date | null }
  | { emit: true; at: Date; day: string; notes: PendingFollowUp[]; followUpAt: Date | null };

export function planFollowUp(
  schedule: Pick<CheckinScheduleRow, 'follow_up_at' | 'tz' | 'local_time' | 'paused_until'>,
  dbNow: Date,
  checkinAt: Date | undefined,
  pending: readonly PendingFollowUp[],
  graceMs: number,
): FollowUpPlan {
  const pointer = schedule.follow_up_at;
  if (pointer === null) return { emit: false, followUpAt: null };
  if (pending.length === 0) return { emit: false, followUpAt: null }; // done or forgotten since: nothing to send
  const earliest = checkinTimeOn(schedule, pending[0]!.follow_up_on);
  const at = checkinAt ?? pointer;
  const foldedIntoCheckin = checkinAt !== undefined && localDateIn(schedule.tz, pointer) <= localDateIn(schedule.tz, checkinAt);
  if (!foldedIntoCheckin) {
    if (pointer.getTime() > dbNow.getTime()) return { emit: false, followUpAt: pointer };
    if (dbNow.getTime() - pointer.getTime() > graceMs) return { emit: false, followUpAt: nextCheckinTimeAfter(schedule, dbNow) };
    const pausedUntil = schedule.paused_until;
    if (pausedUntil !== null && localDateIn(schedule.tz, pointer) < pausedUntil) return { emit: false, followUpAt: checkinTimeOn(schedule, pausedUntil) };
  }
  const day = localDateIn(schedule.tz, at);
  const notes = pending.filter((n) => n.follow_up_on <= day);
  // The pointer ran ahead of the notes (a date was moved later): point at the earliest again.
  if (notes.length === 0) return { emit: false, followUpAt: earliest };
  const later = pending.find((n) => n.follow_up_on > day);
  return { emit: true, at, day, notes, followUpAt: later ? checkinTimeOn(schedule, later.follow_up_on) : null };
}
