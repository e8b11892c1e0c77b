import { Temporal } from 'temporal-polyfill';
import { normalizeWord } from '../catalog/text.js';
import { nextOccurrence, usableTimeZone, type CheckInRule } from './check-in-time.js';

/**
 * "Pause until…" (docs/time-zones.md#pause-until): reading the date a person typed, and when check-ins come back.
 * Pure: "today" is an argument (the person's local date).
 */

/** How far ahead a pause may go: a year. Further is almost certainly a typo (2072 for 2027). */
export const MAX_PAUSE_DAYS = 366;

export type PauseDateResult = { ok: true; date: string } | { ok: false; reason: 'unreadable' | 'not-future' | 'too-far' };

const MONTHS: Record<string, number> = {};
const MONTH_NAMES = [
  ['january', 'jan', 'enero', 'ene'],
  ['february', 'feb', 'febrero'],
  ['march', 'mar', 'marzo'],
  ['april', 'apr', 'abril', 'abr'],
  ['may', 'mayo'],
  ['june', 'jun', 'junio'],
  ['july', 'jul', 'julio'],
  ['august', 'aug', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'set'],
  ['october', 'oct', 'octubre'],
  ['november', 'nov', 'noviembre'],
  ['december', 'dec', 'diciembre', 'dic'],
];
MONTH_NAMES.forEach((names, index) => names.forEach((name) => (MONTHS[name] = index + 1)));

/** Words that may sit between the parts of a date and mean nothing: "10 de enero de 2027", "Jan 10th". */
const FILLER = new Set(['de', 'del', 'of', 'the', 'el']);

/**
 * Reads a date as people type it: ISO `2027-01-10` always; `10/01/2027` (day first, or month first when the
 * person's Slack locale is `en-US`); `10 Jan 2027`, `Jan 10, 2027`, `10 ene 2027`, `10 de enero de 2027` (English
 * and Spanish month names, full or short, any case or accents). Without a year, the next such date after today.
 * The date must be after `today` and at most MAX_PAUSE_DAYS ahead.
 */
export function parsePauseDate(text: string, options: { today: string; slackLocale?: string | null }): PauseDateResult {
  const today = Temporal.PlainDate.from(options.today);
  const date = readDate(text.trim(), today, options.slackLocale ?? null);
  if (!date) return { ok: false, reason: 'unreadable' };
  if (Temporal.PlainDate.compare(date, today) <= 0) return { ok: false, reason: 'not-future' };
  if (today.until(date, { largestUnit: 'days' }).days > MAX_PAUSE_DAYS) return { ok: false, reason: 'too-far' };
  return { ok: true, date: date.toString() };
}

/** Checks a date that came as `YYYY-MM-DD` (Slack's datepicker) against the same bounds. */
export function checkPauseDate(isoDate: string, today: string): PauseDateResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return { ok: false, reason: 'unreadable' };
  return parsePauseDate(isoDate, { today });
}

function readDate(text: string, today: Temporal.PlainDate, slackLocale: string | null): Temporal.PlainDate | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text);
  if (numeric) {
    const monthFirst = /^en[-_]us$/i.test(slackLocale ?? '');
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    const [day, month] = monthFirst ? [b, a] : [a, b];
    return withYear(numeric[3], month, day, today);
  }
  return readNamedMonth(text, today);
}

function readNamedMonth(text: string, today: Temporal.PlainDate): Temporal.PlainDate | null {
  const words = text
    .split(/[\s,]+/)
    .map((w) => normalizeWord(w.replace(/\.$/, '')).replace(/(\d+)(st|nd|rd|th|º|°)$/, '$1'))
    .filter((w) => w.length > 0 && !FILLER.has(w));
  let day: number | undefined;
  let month: number | undefined;
  let year: string | undefined;
  for (const word of words) {
    if (/^\d{1,2}$/.test(word) && day === undefined) day = Number(word);
    else if (/^\d{4}$/.test(word) && year === undefined) year = word;
    else if (MONTHS[word] !== undefined && month === undefined) month = MONTHS[word];
    else return null;
  }
  if (day === undefined || month === undefined) return null;
  return withYear(year, month, day, today);
}

function withYear(yearText: string | undefined, month: number, day: number, today: Temporal.PlainDate): Temporal.PlainDate | null {
  if (yearText !== undefined) {
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    return realDate(year, month, day);
  }
  // No year: this year's date if it is still ahead, else next year's.
  const thisYear = realDate(today.year, month, day);
  if (thisYear && Temporal.PlainDate.compare(thisYear, today) > 0) return thisYear;
  return realDate(today.year + 1, month, day);
}

function realDate(year: number, month: number, day: number): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/**
 * When check-ins come back after a pause until `untilDate` (`YYYY-MM-DD`, the person's first day back): the first
 * occurrence of the rule at or after the start of that local day. Null for `off`.
 */
export function resumeAfterPause(rule: CheckInRule, untilDate: string): Date | null {
  const start = Temporal.PlainDate.from(untilDate).toZonedDateTime({ timeZone: usableTimeZone(rule.tz) });
  return nextOccurrence(rule, new Date(start.epochMilliseconds - 1));
}

/** Whether a pause until `untilDate` still holds on the local date `today`. */
export function isPausedUntil(untilDate: string | null, today: string): boolean {
  return untilDate !== null && untilDate > today;
}
