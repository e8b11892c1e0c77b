import { words } from './words.js';

/** Times as the acting person sees them: in their zone and language, as Slack shows them. */

export function formatTime(person, date, options) {
  try {
    return new Intl.DateTimeFormat(person?.locale ?? 'en-GB', { timeZone: person?.tz ?? 'UTC', ...options }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** A Slack ts ("1700000000.000100") as a Date. */
export const tsDate = (ts) => new Date(Number(String(ts).split('.')[0]) * 1000);

export const dayText = (person, date) => formatTime(person, date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

export const clockText = (person, date) => formatTime(person, date, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export const hourText = (person, date) => formatTime(person, date, { hour: '2-digit', minute: '2-digit' });

/** "2 d 3 h ahead of real time". */
export function aheadText(ms) {
  const w = words();
  if (ms < 60_000) return w.inStep;
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const parts = [days && `${days} ${w.units.d}`, hours && `${hours} ${w.units.h}`, !days && minutes && `${minutes} ${w.units.min}`].filter(Boolean);
  return w.ahead(parts.join(' '));
}
