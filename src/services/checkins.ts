import type { CheckinMessageView, CheckinSkillView } from '../blocks/checkin-message.js';
import { expectationsLeft, pathOf, standingOf } from '../blocks/my-path.js';
import type { Locale } from '../config.js';
import type { Deps } from '../deps.js';
import { listLatestAssessments } from '../db/repositories/assessments.js';
import { loadCheckinMessageData, type CheckinAssessment, type CheckinPerson } from '../db/repositories/checkin-batch.js';
import { cancelPendingDeliveries, holdQueuedFollowUps, isCheckinMessage } from '../db/repositories/checkin-deliveries.js';
import { clearScheduleStop, findSchedule, updateScheduleTiming } from '../db/repositories/checkin-schedules.js';
import { findUserSettings } from '../db/repositories/user-settings.js';
import type { CheckinScheduleRow } from '../db/schema.js';
import { checkinAgreement, loadCheckinAgreement } from './agreements.js';
import { localeFromSlack, localize } from '../i18n/format.js';
import { checkinTimeOn, computeNextRun, localDateIn, scheduleRule, snoozeUntil, usableTimeZone, type SnoozePeriod } from '../time/check-in-time.js';
import { isPausedUntil, resumeAfterPause } from '../time/pause-date.js';

/**
 * Check-in schedule changes shared by the DM buttons, the Home tab and `/skill me`, and the loader that turns a
 * person's assessments into the check-in message's view model (used by the scheduler and by the button handlers
 * that redraw the DM). Creating or editing a schedule happens with the assessment (services/assessments.ts).
 */

export type CheckinChange = { status: 'ok'; schedule: CheckinScheduleRow } | { status: 'no-schedule' };




/**
 * Postpones the next check-in to now + 1 day / 1 week. After that check-in is sent the regular rhythm resumes
 * (the scheduler advances the cursor with `computeNextRun` from the send time). Snoozing also un-pauses, and drops
 * any queued retry of a check-in, which would otherwise arrive right after the person said "not now".
 */
export async function snoozeCheckins(deps: Deps, teamId: string, userId: string, period: SnoozePeriod): Promise<CheckinChange> {
  const schedule = await findSchedule(deps.db, teamId, userId);
  if (!schedule) return { status: 'no-schedule' };
  const now = deps.now();
  const updated = await updateScheduleTiming(deps.db, { teamId, userId, paused: false, nextRunAt: snoozeUntil(now, period, schedule.tz), now, answered: true, pausedUntil: null });
  await cancelPendingDeliveries(deps.db, teamId, userId);
  return updated ? { status: 'ok', schedule: updated } : { status: 'no-schedule' };
}

/**
 * Pauses check-ins: no next occurrence until resumed; queued, unsent check-ins are dropped and queued follow-ups go
 * back to wait for the resume (docs/follow-ups.md). Idempotent.
 */
export async function pauseCheckins(deps: Deps, teamId: string, userId: string): Promise<CheckinChange> {
  const now = deps.now();
  const updated = await updateScheduleTiming(deps.db, { teamId, userId, paused: true, nextRunAt: null, now, answered: true, pausedUntil: null });
  if (!updated) return { status: 'no-schedule' };
  await cancelPendingDeliveries(deps.db, teamId, userId);
  await holdQueuedFollowUps(deps.db, teamId, userId, checkinTimeOn);
  return { status: 'ok', schedule: updated };
}

/**
 * Resumes check-ins from now: the next occurrence of the rule after the current time (missed ones are not
 * replayed). Clicking Resume also proves the person can be reached, so a stop recorded after a permanent Slack
 * error (e.g. a deactivated then reactivated account) is cleared. Idempotent.
 */
export async function resumeCheckins(deps: Deps, teamId: string, userId: string): Promise<CheckinChange> {
  const schedule = await findSchedule(deps.db, teamId, userId);
  if (!schedule) return { status: 'no-schedule' };
  const now = deps.now();
  const nextRunAt = computeNextRun({ ...schedule, effective_cadence: null }, now);
  const updated = await updateScheduleTiming(deps.db, { teamId, userId, paused: false, nextRunAt, now, answered: true, pausedUntil: null });
  if (updated?.stopped_reason) await clearScheduleStop(deps.db, teamId, userId);
  return updated ? { status: 'ok', schedule: { ...updated, stopped_reason: null } } : { status: 'no-schedule' };
}

/**
 * "Keep weekly" on a check-in sent at a slower cadence: back to the chosen cadence from now
 * (docs/time-zones.md#back-off). A paused or stopped schedule only forgets the back-off; it has no next run to move.
 */
export async function keepChosenCadence(deps: Deps, teamId: string, userId: string): Promise<CheckinChange> {
  const schedule = await findSchedule(deps.db, teamId, userId);
  if (!schedule) return { status: 'no-schedule' };
  const now = deps.now();
  const running = !schedule.paused && !schedule.stopped_reason;
  const nextRunAt = running ? nextRunAfter({ ...schedule, effective_cadence: null }, now) : schedule.next_run_at;
  const updated = await updateScheduleTiming(deps.db, { teamId, userId, nextRunAt, now, answered: true });
  return updated ? { status: 'ok', schedule: updated } : { status: 'no-schedule' };
}

/**
 * "Update my assessment" pressed on a check-in DM: an answer even before anything is saved, so a back-off ends
 * and the count restarts (docs/time-zones.md#back-off). Only a click on one of our check-in messages counts.
 */
export async function recordCheckinAnswer(deps: Deps, key: { teamId: string; userId: string; channel: string; ts: string }): Promise<boolean> {
  const schedule = await findSchedule(deps.db, key.teamId, key.userId);
  if (!schedule || (schedule.effective_cadence === null && schedule.unanswered_checkins === 0)) return false;
  if (!(await isCheckinMessage(deps.db, key))) return false;
  const now = deps.now();
  const running = !schedule.paused && !schedule.stopped_reason && schedule.effective_cadence !== null;
  const nextRunAt = running ? nextRunAfter({ ...schedule, effective_cadence: null }, now) : schedule.next_run_at;
  await updateScheduleTiming(deps.db, { teamId: key.teamId, userId: key.userId, nextRunAt, now, answered: true });
  return true;
}

/**
 * Pauses check-ins until `untilDate` (YYYY-MM-DD, already checked to be ahead; the person's first day back):
 * nothing is sent before it and the scheduler resumes by itself at the first occurrence on or after it
 * (docs/time-zones.md#pause-until). Queued, unsent check-ins are dropped and queued follow-ups wait for the first
 * day back; it counts as an answer (back-off).
 */
export async function pauseCheckinsUntil(deps: Deps, teamId: string, userId: string, untilDate: string): Promise<CheckinChange> {
  const schedule = await findSchedule(deps.db, teamId, userId);
  if (!schedule) return { status: 'no-schedule' };
  const nextRunAt = resumeAfterPause(scheduleRule({ ...schedule, effective_cadence: null }), untilDate);
  const updated = await updateScheduleTiming(deps.db, { teamId, userId, paused: false, nextRunAt, now: deps.now(), answered: true, pausedUntil: untilDate });
  if (!updated) return { status: 'no-schedule' };
  await cancelPendingDeliveries(deps.db, teamId, userId);
  await holdQueuedFollowUps(deps.db, teamId, userId, checkinTimeOn);
  if (updated.stopped_reason) await clearScheduleStop(deps.db, teamId, userId);
  return { status: 'ok', schedule: { ...updated, stopped_reason: null } };
}

/**
 * The schedule's next run after `now`, but never before the first day back of a "pause until" still ahead: a
 * change of zone or of cadence must not end a pause early.
 */
export function nextRunAfter(schedule: CheckinScheduleRow, now: Date): Date | null {
  if (schedule.paused_until && isPausedUntil(schedule.paused_until, localDateIn(schedule.tz, now))) {
    return resumeAfterPause(scheduleRule(schedule), schedule.paused_until);
  }
  return computeNextRun(schedule, now);
}

export interface LoadedCheckin {
  view: CheckinMessageView;
  schedule: CheckinScheduleRow | undefined;
  /** The zone to show times in: the person's Slack zone if known, else the schedule's. */
  tz: string;
}

/**
 * Everything one person's check-in message needs, for the buttons that redraw the DM: the latest assessment of each
 * skill (newest first), level names in the person's language, and whether check-ins are paused. The language is the
 * cached Slack locale (no Slack call) unless the caller already knows it. The scheduler uses `loadCheckinViews`.
 */
export async function loadCheckinView(
  deps: Deps,
  args: { teamId: string; userId: string; now: Date; locale?: Locale; withSchedule?: boolean },
): Promise<LoadedCheckin> {
  // A check-in being sent is never shown paused: a caller that knows it skips the schedule read.
  const [assessments, settings, schedule] = await Promise.all([
    listLatestAssessments(deps.db, args.teamId, args.userId),
    findUserSettings(deps.db, args.teamId, args.userId),
    args.withSchedule === false ? undefined : findSchedule(deps.db, args.teamId, args.userId),
  ]);
  const locale = args.locale ?? localeFromSlack(settings?.locale, deps.config.defaultLocale);
  const skills = checkinSkillViews(deps.catalog, assessments, locale);
  const tz = settings?.tz ?? schedule?.tz ?? 'UTC';
  const agreed = await loadCheckinAgreement(deps, { teamId: args.teamId, userId: args.userId, tz: usableTimeZone(tz), now: args.now, locale });
  return {
    view: { locale, now: args.now, skills, paused: schedule?.paused ?? false, ...(agreed ? { agreed } : {}) },
    schedule,
    tz,
  };
}

/**
 * The check-in views of a whole claimed batch from ONE query (the scheduler: docs/check-in-delivery.md#one-batch),
 * keyed by `personKey`. A check-in being sent is never shown paused, so the schedule is not read.
 */
export async function loadCheckinViews(deps: Pick<Deps, 'db' | 'catalog' | 'config'>, people: readonly CheckinPerson[], now: Date): Promise<Map<string, CheckinMessageView>> {
  const data = await loadCheckinMessageData(deps.db, people);
  const views = new Map<string, CheckinMessageView>();
  for (const [key, entry] of data) {
    const locale = localeFromSlack(entry.locale, deps.config.defaultLocale);
    // The note is the person's own (read by owner), so they read it as its owner.
    const note = entry.latestNote;
    const agreed = note ? checkinAgreement(deps.catalog, note, { userId: note.owner_id, tz: usableTimeZone(entry.tz), now, locale }) : undefined;
    views.set(key, { locale, now, skills: checkinSkillViews(deps.catalog, entry.assessments, locale), paused: false, ...(agreed ? { agreed } : {}) });
  }
  return views;
}

/** Assessments (newest first) as the check-in message shows them: names in the person's language, the path left. */
export function checkinSkillViews(catalog: Deps['catalog'], assessments: readonly CheckinAssessment[], locale: Locale): CheckinSkillView[] {
  return assessments.map((a) => {
    const skill = catalog.byId.get(a.skill_id);
    const levelName = (id: string) => {
      const level = skill?.levels.find((l) => l.id === id);
      return level ? localize(level.name, locale) : id;
    };
    return {
      skillId: a.skill_id,
      skillName: skill ? localize(skill.name, locale) : a.skill_id,
      currentLevel: levelName(a.current_level),
      targetLevel: levelName(a.target_level),
      targetDate: a.target_date,
      goals: a.goals,
      assessedAt: a.created_at,
      expectationsLeft: expectationsLeft(pathOf(skill, standingOf(a))),
    };
  });
}
