import { describe, expect, it } from 'vitest';
import { isPausedUntil, parsePauseDate, resumeAfterPause } from '../../src/time/pause-date.js';
import type { CheckInRule } from '../../src/time/check-in-time.js';

const today = '2026-12-02';
const ok = (date: string) => ({ ok: true, date });

describe('parsePauseDate: dates as people type them', () => {
  it.each([
    ['2027-01-10', 'es-ES', '2027-01-10'],
    ['2027-01-10', 'en-US', '2027-01-10'],
    ['10/01/2027', 'es-ES', '2027-01-10'],
    ['10/01/2027', 'en-GB', '2027-01-10'],
    ['01/10/2027', 'en-US', '2027-01-10'],
    ['10-1-27', 'es-ES', '2027-01-10'],
    ['10.01.2027', 'es-ES', '2027-01-10'],
    ['10 Jan 2027', 'en-GB', '2027-01-10'],
    ['Jan 10, 2027', 'en-US', '2027-01-10'],
    ['January 10th 2027', 'en-US', '2027-01-10'],
    ['10 ene 2027', 'es-ES', '2027-01-10'],
    ['10 ENE. 2027', 'es-ES', '2027-01-10'],
    ['10 de enero de 2027', 'es-ES', '2027-01-10'],
    ['3 septiembre 2027', 'es-ES', '2027-09-03'],
    ['10 Jan', 'en-GB', '2027-01-10'], // no year: the next 10 January
    ['25 dic', 'es-ES', '2026-12-25'], // no year, still ahead this year
    ['10/01', 'es-ES', '2027-01-10'],
  ])('%s (%s) → %s', (text, slackLocale, expected) => {
    expect(parsePauseDate(text, { today, slackLocale })).toEqual(ok(expected));
  });

  it('refuses what is not a date, a date not in the future, and one more than a year ahead', () => {
    expect(parsePauseDate('soon', { today })).toEqual({ ok: false, reason: 'unreadable' });
    expect(parsePauseDate('31/02/2027', { today })).toEqual({ ok: false, reason: 'unreadable' });
    expect(parsePauseDate('2027-13-01', { today })).toEqual({ ok: false, reason: 'unreadable' });
    expect(parsePauseDate('10 Foo 2027', { today })).toEqual({ ok: false, reason: 'unreadable' });
    expect(parsePauseDate('', { today })).toEqual({ ok: false, reason: 'unreadable' });
    expect(parsePauseDate('2026-12-02', { today })).toEqual({ ok: false, reason: 'not-future' });
    expect(parsePauseDate('1 Dec 2026', { today })).toEqual({ ok: false, reason: 'not-future' });
    expect(parsePauseDate('2026-12-03', { today })).toEqual(ok('2026-12-03'));
    expect(parsePauseDate('2027-12-03', { today })).toEqual(ok('2027-12-03')); // 366 days
    expect(parsePauseDate('2027-12-04', { today })).toEqual({ ok: false, reason: 'too-far' });
  });
});

describe('resumeAfterPause: the first occurrence on or after the first day back, in the zone', () => {
  it('Madrid weekly Monday 10:00, back on Sunday 10 Jan 2027: Monday 11 Jan 10:00 CET', () => {
    const rule: CheckInRule = { cadence: 'weekly', weekday: 1, localTime: '10:00', tz: 'Europe/Madrid' };
    expect(resumeAfterPause(rule, '2027-01-10')).toEqual(new Date('2027-01-11T09:00:00Z'));
    // Back on the Monday itself: that Monday's check-in comes.
    expect(resumeAfterPause(rule, '2027-01-11')).toEqual(new Date('2027-01-11T09:00:00Z'));
  });

  it('New York weekly Sunday 00:30, back on the day the clocks go back: that day, first reading', () => {
    const rule: CheckInRule = { cadence: 'weekly', weekday: 7, localTime: '01:30', tz: 'America/New_York' };
    expect(resumeAfterPause(rule, '2026-11-01')).toEqual(new Date('2026-11-01T05:30:00Z'));
  });

  it('Lord Howe weekly Sunday 02:15, back on the gap day: 02:45', () => {
    const rule: CheckInRule = { cadence: 'weekly', weekday: 7, localTime: '02:15', tz: 'Australia/Lord_Howe' };
    expect(resumeAfterPause(rule, '2026-10-04')).toEqual(new Date('2026-10-03T15:45:00Z'));
  });

  it('Chatham and Madrid on the same calendar date are different instants: the day starts in the zone', () => {
    const chatham: CheckInRule = { cadence: 'weekly', weekday: 1, localTime: '00:30', tz: 'Pacific/Chatham' };
    expect(resumeAfterPause(chatham, '2027-01-11')).toEqual(new Date('2027-01-10T10:45:00Z')); // Mon 00:30 +13:45
    const biweekly: CheckInRule = { cadence: 'biweekly', weekday: 1, localTime: '10:00', tz: 'Europe/Madrid', anchorDate: '2026-12-07' };
    expect(resumeAfterPause(biweekly, '2027-01-10')).toEqual(new Date('2027-01-18T09:00:00Z')); // on the 2-week grid
    expect(resumeAfterPause({ ...biweekly, cadence: 'off' }, '2027-01-10')).toBeNull();
  });

  it('isPausedUntil: holds before the first day back, not on it', () => {
    expect(isPausedUntil('2027-01-10', '2027-01-09')).toBe(true);
    expect(isPausedUntil('2027-01-10', '2027-01-10')).toBe(false);
    expect(isPausedUntil(null, '2027-01-09')).toBe(false);
  });
});
