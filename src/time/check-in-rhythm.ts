import { Temporal } from 'temporal-polyfill';
import type { Cadence } from '../db/schema.js';
import { nextOccurrence, usableTimeZone, withBiweeklyAnchor, type CheckInRule } from './check-in-time.js';

/**
 * The "less nagging" rules around an assessment (docs/time-zones.md#after-an-assessment). Pure: every instant is
 * an argument. Periods are calendar periods in the person's zone (a week is 7 calendar days, a month a calendar
 * month), never a fixed number of hours, so the rules hold across DST changes like the occurrences themselves.
 *
 *  - The first check-in after an assessment is the first occurrence at least one full period after it.
 *  - An occurrence less than half a period after an assessment is skipped (the cursor moves on, nothing is sent):
 *    the person has just looked at their goals.
 */

type ActiveCadence = Exclude<Cadence, 'off'>;

const PERIOD: Record<ActiveCadence, Temporal.DurationLike> = { weekly: { weeks: 1 }, biweekly: { weeks: 2 }, monthly: { months: 1 } };
/** Half of each period: 3½ days, 7 days, 15 days (half of the longest month, rounded down). */
const HALF_PERIOD: Record<ActiveCadence, Temporal.DurationLike> = { weekly: { days: 3, hours: 12 }, biweekly: { days: 7 }, monthly: { days: 15 } };

function addInZone(instant: Date, tz: string, duration: Temporal.DurationLike): Date {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(usableTimeZone(tz));
  return new Date(zoned.add(duration).toInstant().epochMilliseconds);
}

/** `instant` plus one period of `cadence` in `tz`, or null for `off`. */
export function onePeriodAfter(cadence: Cadence, instant: Date, tz: string): Date | null {
  return cadence === 'off' ? null : addInZone(instant, tz, PERIOD[cadence]);
}

/** `instant` plus half a period of `cadence` in `tz`, or null for `off`. */
export function halfPeriodAfter(cadence: Cadence, instant: Date, tz: string): Date | null {
  return cadence === 'off' ? null : addInZone(instant, tz, HALF_PERIOD[cadence]);
}

/**
 * The schedule to store after an assessment saved at `assessedAt`: the rule (a biweekly one anchored on the first
 * check-in, so the two-week rhythm starts there) and its first check-in, the first occurrence at or after one full
 * period later. Null for `off`.
 */
export function firstCheckinAfterAssessment(rule: CheckInRule, assessedAt: Date): { rule: CheckInRule; first: Date | null } {
  const earliest = onePeriodAfter(rule.cadence, assessedAt, rule.tz);
  if (!earliest) return { rule: { ...rule }, first: null };
  // One millisecond before, so an occurrence exactly one period later counts (nextOccurrence is strictly after).
  const from = new Date(earliest.getTime() - 1);
  const anchored = withBiweeklyAnchor(rule, from);
  return { rule: anchored, first: nextOccurrence(anchored, from) };
}

/**
 * The biweekly anchor date that puts `occurrence` on the two-week grid: the local day before it. The rule anchors
 * on the first chosen weekday on or after the anchor date, which is the occurrence's own nominal date even when a
 * DST gap pushed its instant past midnight into the next local day.
 */
export function biweeklyAnchorAt(occurrence: Date, tz: string): string {
  const zone = usableTimeZone(tz);
  return Temporal.Instant.fromEpochMilliseconds(occurrence.getTime()).toZonedDateTimeISO(zone).toPlainDate().subtract({ days: 1 }).toString();
}

/**
 * Whether an occurrence comes too soon after the person's latest assessment to be worth a check-in: at or after
 * it, and less than half a period later. `cadence` is the cadence in force (the effective one after a back-off).
 */
export function tooSoonAfterAssessment(cadence: Cadence, tz: string, occurrence: Date, lastAssessedAt: Date | null): boolean {
  if (!lastAssessedAt) return false;
  const half = halfPeriodAfter(cadence, lastAssessedAt, tz);
  if (!half) return false;
  return occurrence.getTime() >= lastAssessedAt.getTime() && occurrence.getTime() < half.getTime();
}
