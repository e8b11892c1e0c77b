import { Temporal } from 'temporal-polyfill';
import type { Cadence, CheckinScheduleRow } from '../db/schema.js';
import { dateTimeFormat } from '../i18n/date-formats.js';

/**
 * The one home of check-in time maths (docs/time-zones.md). Pure check-in timing: given a person's schedule (cadence, ISO weekday, local `HH:MM`, IANA zone) compute
 * the instants at which a reminder is due. No I/O and no clock: every "now" is an argument, and in production
 * that argument is the DATABASE clock (`now()` returned by the tick query), never `Date.now()`
 * (docs/time-zones.md#the-database-clock).
 *
 * Product decisions (docs/time-zones.md):
 *  - All arithmetic is wall-clock arithmetic on calendar days (`Temporal.PlainDate`), never "+24 h" or "+7 × 24 h":
 *    a Monday-10:00 reminder stays at 10:00 local across DST changes.
 *  - A local time is turned into an instant with `disambiguation: 'compatible'` (the Temporal / RFC 5545 default):
 *      · inside a DST GAP (spring forward; the time does not exist) the reminder is still sent, shifted LATER by
 *        the length of the gap (New York 02:30 on 2026-03-08 → 03:30 EDT = 07:30Z; Lord Howe 02:15 → 02:45,
 *        because its gap is only 30 minutes);
 *      · inside a REPEATED hour (fall back; the time exists twice) it is sent ONCE, at the FIRST occurrence
 *        (New York 01:30 on 2026-11-01 → 01:30 EDT = 05:30Z; the 01:30 EST reading is never produced).
 *    Never compute the same occurrence partly here and partly in SQL: PostgreSQL picks the SECOND reading in
 *    the repeated hour (docs/time-zones.md#computed-in-the-app-not-in-sql). Compute in the app, store `timestamptz`.
 *  - Time zones are IANA names only. Fixed offsets ("+01:00") are rejected: they break at the next DST change
 *    (docs/time-zones.md#iana-zones-never-offsets).
 */


export interface CheckInRule {
  cadence: Cadence;
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Local wall time, 24 h `HH:MM` (a single-digit hour such as `9:30` is accepted too). */
  localTime: string;
  /** IANA time zone, e.g. `Europe/London`. */
  tz: string;
  /**
   * `YYYY-MM-DD` local date of the first/anchor occurrence. Used by `biweekly` only, to keep a stable 2-week phase.
   * If it is not itself on `weekday`, the anchor occurrence is the first `weekday` on or after it.
   */
  anchorDate?: string;
}

const CADENCES: ReadonlySet<string> = new Set<Cadence>(['weekly', 'biweekly', 'monthly', 'off']);

/** Enough for ~19 years of weekly occurrences; protects callers of `occurrencesBetween` from runaway ranges. */
const DEFAULT_MAX_OCCURRENCES = 1000;

/**
 * Misfire grace window: 2 hours.
 *
 * If the bot (or the database) was down and a reminder is picked up more than this long after it was due, it is
 * NOT sent; the cursor simply advances to the next future occurrence. A "Monday 10:00" check-in that arrives at
 * 11:30 is still useful; one that arrives on Tuesday after a weekend outage is noise and confuses people.
 * 2 h comfortably covers a deploy, a restart, a short DB failover and a backlog of Slack rate-limit retries
 * (ticks run every 15 s), while staying well below the shortest cadence (a week), so a skipped reminder never
 * collides with the next one. This mirrors Quartz misfire thresholds / graphile-worker `fill` / pg-boss's
 * window (docs/time-zones.md#missed-check-ins-and-the-grace-window).
 */
export const GRACE_MS: number = 2 * 60 * 60 * 1000;

/**
 * Decide what to do with an occurrence that is due. `dbNow` must be the database clock (`now()`), so app-server
 * clock skew or a clock that jumps backwards cannot cause early or double sends.
 *  - `dbNow - dueAt <= GRACE_MS` → `'send'` (the boundary itself is still a send);
 *  - `dbNow - dueAt >  GRACE_MS` → `'skip'`.
 * A negative lag (not yet due) is not a misfire and returns `'send'`: deciding *whether* a row is due is the
 * tick query's job (`next_run_at <= now()`), not this function's.
 */
export function misfireDecision(dueAt: Date, dbNow: Date): 'send' | 'skip' {
  const due = requireValidDate(dueAt, 'dueAt');
  const now = requireValidDate(dbNow, 'dbNow');
  return now - due > GRACE_MS ? 'skip' : 'send';
}

/**
 * Parse a 24 h local time. Accepts `HH:MM` and `H:MM` (surrounding whitespace is ignored); hours 0–23, minutes
 * 0–59. `24:00`, seconds, `am/pm` and anything else → `null`.
 */
export function parseLocalTime(text: string): { hour: number; minute: number } | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/**
 * True for an IANA zone name that both Temporal and `Intl.DateTimeFormat` accept (they share Node's ICU tzdata).
 * Offset strings (`+01:00`, `-0500`) are rejected on purpose even though Temporal accepts them, and so are the
 * ISO date-time strings with a `[Zone]` annotation that Temporal would also accept.
 * Names are matched case-insensitively by ICU (`europe/london` is valid); links such as `US/Eastern` are valid.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64 || tz.trim() !== tz) return false;
  if (/^[-+\u2212]/.test(tz) || /[\s[\]]/.test(tz)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(tz);
    dateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The next occurrence STRICTLY after `after` (an occurrence exactly at `after` is not returned), or `null` for
 * `'off'`. Throws `RangeError` for an invalid rule or an invalid `after`.
 *
 *  - weekly:   every week on `weekday` at `localTime` in `tz`.
 *  - biweekly: every second week on `weekday`.
 *      · With `anchorDate` the occurrences are exactly the dates anchor + 14·k (k ≥ 0) where anchor is the first
 *        `weekday` on or after `anchorDate`; nothing is produced before the anchor. The phase is a pure function of
 *        the rule, so ANY `after` (the previous occurrence, the DB clock at tick time, a restart after downtime)
 *        gives the same grid. This is the form to persist: see `withBiweeklyAnchor`.
 *      · Without `anchorDate` the phase is taken from `after`: the result is the next weekly slot, UNLESS `after`
 *        is itself an occurrence instant of the rule, in which case it is that slot + 14 calendar days. So the
 *        chain `nextOccurrence(rule, prev)` is strictly increasing and 14 days apart in wall-clock terms, but
 *        calling it with any other instant (e.g. `db_now` a few seconds after the send) restarts the phase and
 *        degrades to weekly. Store an anchor for anything long-lived.
 *  - monthly:  the first `weekday` of each calendar month (e.g. "first Monday of the month") at `localTime`.
 */
export function nextOccurrence(rule: CheckInRule, after: Date): Date | null {
  const normalized = normalizeRule(rule);
  const afterInstant = Temporal.Instant.fromEpochMilliseconds(requireValidDate(after, 'after'));
  const next = nextSlot(normalized, afterInstant);
  return next ? new Date(next.instant.epochMilliseconds) : null;
}

/**
 * All occurrences in the half-open range `[from, to)`, in increasing order, at most `max` of them
 * (default 1000). For `'off'` or an empty range: `[]`. For an unanchored biweekly rule the phase starts at the
 * first weekly slot at or after `from` and the rest follow 14 days apart.
 */
export function occurrencesBetween(rule: CheckInRule, from: Date, to: Date, max: number = DEFAULT_MAX_OCCURRENCES): Date[] {
  const normalized = normalizeRule(rule);
  const fromMs = requireValidDate(from, 'from');
  const toMs = requireValidDate(to, 'to');
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`max must be a non-negative integer, got ${String(max)}`);
  const out: Date[] = [];
  if (normalized.cadence === 'off' || toMs <= fromMs) return out;
  // One millisecond before `from`, so an occurrence exactly at `from` is included (occurrences are whole minutes).
  let cursor = Temporal.Instant.fromEpochMilliseconds(fromMs - 1);
  while (out.length < max) {
    const next = nextSlot(normalized, cursor);
    if (!next || next.instant.epochMilliseconds >= toMs) break;
    out.push(new Date(next.instant.epochMilliseconds));
    cursor = next.instant;
  }
  return out;
}

/**
 * For a biweekly rule without `anchorDate`, return a copy anchored on the local date of its next occurrence after
 * `after`, so the 2-week phase survives restarts and cursor advances from the DB clock. Call it when a schedule
 * is created or edited and persist the result. Any other rule is returned unchanged (validated).
 */
export function withBiweeklyAnchor(rule: CheckInRule, after: Date): CheckInRule {
  const normalized = normalizeRule(rule);
  if (normalized.cadence !== 'biweekly' || normalized.anchor) return { ...rule };
  const next = nextSlot(normalized, Temporal.Instant.fromEpochMilliseconds(requireValidDate(after, 'after')));
  return { ...rule, anchorDate: next!.date.toString() };
}

/**
 * A zone we can compute in: the first candidate the runtime knows (the person's Slack zone, then e.g. the
 * schedule's), else UTC.
 */
export function usableTimeZone(...candidates: (string | null | undefined)[]): string {
  return candidates.find((tz): tz is string => typeof tz === 'string' && isValidTimeZone(tz)) ?? 'UTC';
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone: "today" and "assessed on" as the person sees them. */
export function localDateIn(tz: string, instant: Date): string {
  return dateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

type RuleColumns = Pick<CheckinScheduleRow, 'cadence' | 'weekday' | 'local_time' | 'tz' | 'anchor_date'> & Partial<Pick<CheckinScheduleRow, 'effective_cadence'>>;

/**
 * A stored schedule as the rule the functions above understand, at the cadence in force: the slower one after
 * unanswered check-ins, else the chosen one (docs/time-zones.md#back-off).
 */
export function scheduleRule(row: RuleColumns): CheckInRule {
  return { cadence: row.effective_cadence ?? row.cadence, weekday: row.weekday, localTime: row.local_time, tz: row.tz, ...(row.anchor_date ? { anchorDate: row.anchor_date } : {}) };
}

/**
 * The schedule's next occurrence strictly after `after`, or null when check-ins are off. Throws RangeError for a
 * rule this module rejects (the scheduler stops such a schedule instead of retrying it every tick).
 */
export function computeNextRun(row: RuleColumns, after: Date): Date | null {
  return nextOccurrence(scheduleRule(row), after);
}

/**
 * The person's check-in wall time on a local date (`YYYY-MM-DD`), as an instant: when a follow-up agreed for that day
 * is due (docs/follow-ups.md). Resolved as occurrences are (`resolve` below), so a follow-up and a check-in on the
 * same day fall on the same instant. Throws RangeError for a bad time, zone or date.
 */
export function checkinTimeOn(row: Pick<CheckinScheduleRow, 'local_time' | 'tz'>, date: string): Date {
  const rule = normalizeRule({ cadence: 'off', weekday: 1, localTime: row.local_time, tz: row.tz });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  return new Date(resolve(rule, Temporal.PlainDate.from(date, { overflow: 'reject' })).epochMilliseconds);
}

/** The first instant at the person's check-in wall time strictly after `after`: later today if still ahead, else a later day. */
export function nextCheckinTimeAfter(row: Pick<CheckinScheduleRow, 'local_time' | 'tz'>, after: Date): Date {
  let date = Temporal.PlainDate.from(localDateIn(usableTimeZone(row.tz), after)).subtract({ days: 1 });
  for (;;) {
    const at = checkinTimeOn(row, date.toString());
    if (at.getTime() > after.getTime()) return at;
    date = date.add({ days: 1 });
  }
}

export type SnoozePeriod = '1d' | '1w';

/**
 * `now` plus one calendar day or week in the person's zone: "snooze a day" at 10:00 means 10:00 tomorrow even
 * across a DST change (+24 h would be 09:00 or 11:00). Falls back to UTC for a zone the runtime does not know.
 */
export function snoozeUntil(now: Date, period: SnoozePeriod, tz: string): Date {
  const start = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(usableTimeZone(tz));
  const later = period === '1d' ? start.add({ days: 1 }) : start.add({ weeks: 1 });
  return new Date(later.toInstant().epochMilliseconds);
}

// ---------------------------------------------------------------------------------------------------------------

interface NormalizedRule {
  cadence: Cadence;
  weekday: number;
  time: Temporal.PlainTime;
  tz: string;
  /** The anchor OCCURRENCE date (first `weekday` on or after `anchorDate`), biweekly only. */
  anchor: Temporal.PlainDate | null;
}

/** One occurrence: its nominal local date and the instant it resolves to (which may be later on gap days). */
interface Slot {
  date: Temporal.PlainDate;
  instant: Temporal.Instant;
}

function normalizeRule(rule: CheckInRule): NormalizedRule {
  if (rule === null || typeof rule !== 'object') throw new RangeError('A check-in rule object is required');
  if (!CADENCES.has(rule.cadence)) {
    throw new RangeError(`Invalid cadence ${JSON.stringify(rule.cadence)}: expected weekly, biweekly, monthly or off`);
  }
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    throw new RangeError(`Invalid weekday ${JSON.stringify(rule.weekday)}: expected an ISO weekday 1 (Monday) … 7 (Sunday)`);
  }
  const parsed = parseLocalTime(rule.localTime);
  if (!parsed) throw new RangeError(`Invalid local time ${JSON.stringify(rule.localTime)}: expected 24-hour HH:MM`);
  if (!isValidTimeZone(rule.tz)) throw new RangeError(`Invalid IANA time zone: ${JSON.stringify(rule.tz)}`);
  let anchor: Temporal.PlainDate | null = null;
  if (rule.anchorDate !== undefined && rule.anchorDate !== null) {
    const text = rule.anchorDate;
    let date: Temporal.PlainDate | null = null;
    if (typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text)) {
      try {
        date = Temporal.PlainDate.from(text, { overflow: 'reject' });
      } catch {
        date = null;
      }
    }
    if (!date) throw new RangeError(`Invalid anchorDate ${JSON.stringify(text)}: expected a real YYYY-MM-DD date`);
    anchor = date.add({ days: daysUntilWeekday(date, rule.weekday) });
  }
  return {
    cadence: rule.cadence,
    weekday: rule.weekday,
    time: new Temporal.PlainTime(parsed.hour, parsed.minute),
    tz: rule.tz,
    anchor,
  };
}

function requireValidDate(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** 0–6 calendar days from `date` forward to the next `weekday` (0 if `date` is already on it). */
function daysUntilWeekday(date: Temporal.PlainDate, weekday: number): number {
  return (weekday - date.dayOfWeek + 7) % 7;
}

/** Local date + configured wall time → instant. Gap: shifted later by the gap; repeated hour: first reading. */
function resolve(rule: NormalizedRule, date: Temporal.PlainDate): Temporal.Instant {
  return date.toPlainDateTime(rule.time).toZonedDateTime(rule.tz, { disambiguation: 'compatible' }).toInstant();
}

/**
 * The local date from which to start scanning. One day before `after`'s local date, so that an occurrence whose
 * gap shift pushed it past midnight (possible only for a late-evening time in a zone that springs forward at
 * midnight) is not missed. Scanning a slot that is not after `after` is harmless: it is simply skipped.
 */
function scanStart(rule: NormalizedRule, after: Temporal.Instant): Temporal.PlainDate {
  return after.toZonedDateTimeISO(rule.tz).toPlainDate().subtract({ days: 1 });
}

/** First slot on the grid `first, first + step, …` (in calendar days) whose instant is strictly after `after`. */
function firstAfter(rule: NormalizedRule, first: Temporal.PlainDate, stepDays: number, after: Temporal.Instant): Slot {
  let date = first;
  // Terminates within a couple of steps: `first` is at most one day before `after`'s local date.
  for (;;) {
    const instant = resolve(rule, date);
    if (Temporal.Instant.compare(instant, after) > 0) return { date, instant };
    date = date.add({ days: stepDays });
  }
}

function nextSlot(rule: NormalizedRule, after: Temporal.Instant): Slot | null {
  switch (rule.cadence) {
    case 'off':
      return null;
    case 'weekly':
      return nextWeekly(rule, after);
    case 'biweekly':
      return rule.anchor ? nextAnchoredBiweekly(rule, rule.anchor, after) : nextUnanchoredBiweekly(rule, after);
    case 'monthly':
      return nextMonthly(rule, after);
  }
}

function nextWeekly(rule: NormalizedRule, after: Temporal.Instant): Slot {
  const start = scanStart(rule, after);
  return firstAfter(rule, start.add({ days: daysUntilWeekday(start, rule.weekday) }), 7, after);
}

function nextAnchoredBiweekly(rule: NormalizedRule, anchor: Temporal.PlainDate, after: Temporal.Instant): Slot {
  const start = scanStart(rule, after);
  const elapsed = anchor.until(start, { largestUnit: 'days' }).days;
  // First grid date on or after `start`, and never before the anchor itself.
  const periods = elapsed <= 0 ? 0 : Math.ceil(elapsed / 14);
  return firstAfter(rule, anchor.add({ days: periods * 14 }), 14, after);
}

function nextUnanchoredBiweekly(rule: NormalizedRule, after: Temporal.Instant): Slot {
  // If `after` is exactly an occurrence of the rule (the previous send), continue its phase: + 14 days.
  const start = scanStart(rule, after);
  for (let offset = 0; offset <= 1; offset++) {
    const date = start.add({ days: offset });
    if (date.dayOfWeek === rule.weekday && resolve(rule, date).equals(after)) {
      const next = date.add({ days: 14 });
      return { date: next, instant: resolve(rule, next) };
    }
  }
  // Otherwise the phase starts at the next weekly slot.
  return nextWeekly(rule, after);
}

function nextMonthly(rule: NormalizedRule, after: Temporal.Instant): Slot {
  let month = scanStart(rule, after).toPlainYearMonth();
  for (;;) {
    const first = month.toPlainDate({ day: 1 });
    const date = first.add({ days: daysUntilWeekday(first, rule.weekday) });
    const instant = resolve(rule, date);
    if (Temporal.Instant.compare(instant, after) > 0) return { date, instant };
    month = month.add({ months: 1 });
  }
}
