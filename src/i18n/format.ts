import type { Locale } from '../config.js';
import { dateTimeFormat } from './date-formats.js';

/**
 * Localisation helpers: which language a person reads, catalog text in that language, and dates and times as they
 * read them. The one home of date formatting; the time maths (zones, occurrences) lives in src/time/.
 */

/** Slack locales are IETF tags (`es-ES`, `es-419`, `en-GB`): Spanish for any `es*`, English for the rest. */
export function localeFromSlack(slackLocale: string | null | undefined, fallback: Locale): Locale {
  if (!slackLocale) return fallback;
  const language = slackLocale.toLowerCase().split(/[-_]/)[0];
  if (language === 'es') return 'es';
  return 'en';
}

/** Catalog text: a plain string (English), or a map of language → text with an `en` entry. */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** Picks the text for a language, falling back to English. */
export function localize(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? (text.en as string);
}

const collators = new Map<Locale, Intl.Collator>();

/** Compares two texts as a dictionary in the language does ("Ética" between "Eventos" and "Búsqueda" in Spanish). */
export function compareText(locale: Locale): (a: string, b: string) => number {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(intlLocale(locale), { sensitivity: 'base', numeric: true });
    collators.set(locale, collator);
  }
  return collator.compare;
}

/**
 * The Intl locale behind every date we write. en-GB rather than plain `en` (en-US) so both languages put the day
 * before the month: "7 Dec" / "7 dic".
 */
function intlLocale(locale: Locale): string {
  return locale === 'es' ? 'es-ES' : 'en-GB';
}

// Written dates, remembered: Intl's format() was 4 % of a `/skill` card's CPU for the one date on it (the skill's
// "updated"), and the dates people see are few. Bounded like the formatter cache in date-formats.ts.
const calendarDates = new Map<string, string>();
const MAX_CALENDAR_DATES = 2000;

/** A calendar date (YYYY-MM-DD) written for the locale: "17 Mar 2026" / "17 mar 2026". */
export function formatCalendarDate(isoDate: string, locale: Locale): string {
  const key = `${locale}|${isoDate}`;
  let written = calendarDates.get(key);
  if (written === undefined) {
    const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
    written = dateTimeFormat(intlLocale(locale), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, day)));
    if (calendarDates.size >= MAX_CALENDAR_DATES) calendarDates.clear();
    calendarDates.set(key, written);
  }
  return written;
}

/**
 * An instant as a person in `tz` reads it: `Mon 7 Dec, 10:00` (en) / `lun 7 dic, 10:00` (es). Weekday and month
 * names come from Intl; the order "weekday day month, HH:MM" (24 h) is fixed on purpose so both languages read
 * the same way whatever Intl's defaults. Throws RangeError for an invalid instant or a zone Intl does not know.
 */
export function formatLocalDateTime(instant: Date, tz: string, locale: Locale): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  const parts = dateTimeFormat(intlLocale(locale), {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')}, ${part('hour')}:${part('minute')}`;
}
