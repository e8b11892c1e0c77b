import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/config.js';
import { formatCalendarDate, formatLocalDateTime, localeFromSlack, localize } from '../../src/i18n/format.js';

describe('formatLocalDateTime', () => {
  it.each<[string, string, Locale, string]>([
    ['2026-12-07T10:00:00Z', 'Europe/London', 'en', 'Mon 7 Dec, 10:00'],
    ['2026-12-07T10:00:00Z', 'Europe/London', 'es', 'lun 7 dic, 10:00'],
    ['2026-12-07T10:00:00Z', 'America/New_York', 'en', 'Mon 7 Dec, 05:00'],
    ['2026-12-07T10:00:00Z', 'America/Sao_Paulo', 'es', 'lun 7 dic, 07:00'],
    ['2026-12-07T10:00:00Z', 'Pacific/Chatham', 'en', 'Mon 7 Dec, 23:45'],
    ['2026-03-08T07:30:00Z', 'America/New_York', 'en', 'Sun 8 Mar, 03:30'],
    ['2026-06-30T23:05:00Z', 'Europe/London', 'es', 'mié 1 jul, 00:05'],
  ])('%s in %s (%s) → %s', (iso, tz, locale, expected) => {
    expect(formatLocalDateTime(new Date(iso), tz, locale)).toBe(expected);
  });
  it('rejects an invalid zone or date', () => {
    expect(() => formatLocalDateTime(new Date('2026-12-07T10:00:00Z'), 'Mars/Olympus', 'en')).toThrow(RangeError);
    expect(() => formatLocalDateTime(new Date(Number.NaN), 'Europe/London', 'en')).toThrow(RangeError);
  });
});

describe('formatCalendarDate', () => {
  it('writes the day before the month in both languages', () => {
    expect(formatCalendarDate('2026-03-17', 'en')).toBe('17 Mar 2026');
    expect(formatCalendarDate('2026-03-17', 'es')).toBe('17 mar 2026');
  });
});

describe('localize and localeFromSlack', () => {
  it('picks the language, falling back to English', () => {
    expect(localize({ en: 'Lead', es: 'Líder' }, 'es')).toBe('Líder');
    expect(localize({ en: 'Lead' }, 'es')).toBe('Lead');
    expect(localize('Lead', 'es')).toBe('Lead');
  });
  it('reads Slack locales as Spanish for any es-*, English otherwise, the fallback when Slack sends none', () => {
    expect(localeFromSlack('es-419', 'en')).toBe('es');
    expect(localeFromSlack('fr-FR', 'es')).toBe('en');
    expect(localeFromSlack(null, 'es')).toBe('es');
  });
});
