import { describe, expect, it } from 'vitest';
import { firstCheckinAfterAssessment, halfPeriodAfter, onePeriodAfter, tooSoonAfterAssessment } from '../../src/time/check-in-rhythm.js';
import { nextOccurrence, occurrencesBetween, type CheckInRule } from '../../src/time/check-in-time.js';

const DAY = 24 * 3600_000;

describe('first check-in: one full period after the assessment', () => {
  it('Madrid, weekly Monday 10:00, assessed on the Monday before the spring change: the Monday after, still at 10:00', () => {
    const rule: CheckInRule = { cadence: 'weekly', weekday: 1, localTime: '10:00', tz: 'Europe/Madrid' };
    // Monday 23 March 2026 10:00 CET = 09:00Z; clocks go forward on Sunday 29 March.
    const { first } = firstCheckinAfterAssessment(rule, new Date('2026-03-23T09:00:00Z'));
    expect(first).toEqual(new Date('2026-03-30T08:00:00Z')); // 10:00 CEST, exactly one calendar week later
    // Assessed on Sunday 22 March at noon: not Monday 23 (the next occurrence), but Monday 30.
    expect(nextOccurrence(rule, new Date('2026-03-22T11:00:00Z'))).toEqual(new Date('2026-03-23T09:00:00Z'));
    expect(firstCheckinAfterAssessment(rule, new Date('2026-03-22T11:00:00Z')).first).toEqual(new Date('2026-03-30T08:00:00Z'));
  });

  it('New York, weekly Sunday 01:30, one week after an assessment across the fall-back: the first 01:30 reading', () => {
    const rule: CheckInRule = { cadence: 'weekly', weekday: 7, localTime: '01:30', tz: 'America/New_York' };
    const { first } = firstCheckinAfterAssessment(rule, new Date('2026-10-25T05:30:00Z')); // Sun 25 Oct 01:30 EDT
    expect(first).toEqual(new Date('2026-11-01T05:30:00Z')); // 01:30 EDT, not 01:30 EST (06:30Z)
  });

  it('Lord Howe, weekly Sunday 02:15, a week later falls in the 30-minute gap: sent at 02:45', () => {
    const rule: CheckInRule = { cadence: 'weekly', weekday: 7, localTime: '02:15', tz: 'Australia/Lord_Howe' };
    const { first } = firstCheckinAfterAssessment(rule, new Date('2026-09-26T15:45:00Z')); // Sun 27 Sep 02:15 (+10:30)
    expect(first).toEqual(new Date('2026-10-03T15:45:00Z')); // Sun 4 Oct 02:45 (+11:00)
  });

  it('biweekly: anchored on the first check-in, two weeks after the assessment, then every 14 days', () => {
    const rule: CheckInRule = { cadence: 'biweekly', weekday: 1, localTime: '09:00', tz: 'America/New_York' };
    // Wednesday 4 March 2026 12:00 EST; New York springs forward on 8 March.
    const saved = firstCheckinAfterAssessment(rule, new Date('2026-03-04T17:00:00Z'));
    expect(saved.rule.anchorDate).toBe('2026-03-23');
    expect(saved.first).toEqual(new Date('2026-03-23T13:00:00Z')); // Monday 23 March 09:00 EDT
    expect(nextOccurrence(saved.rule, saved.first!)).toEqual(new Date('2026-04-06T13:00:00Z'));
  });

  it('monthly (first Monday): the first one at least a calendar month later', () => {
    const rule: CheckInRule = { cadence: 'monthly', weekday: 1, localTime: '10:00', tz: 'Europe/Madrid' };
    // Monday 5 Oct 2026: a month later is 5 Nov, after November's first Monday (2 Nov), so December's (7 Dec).
    expect(firstCheckinAfterAssessment(rule, new Date('2026-10-05T08:00:00Z')).first).toEqual(new Date('2026-12-07T09:00:00Z'));
    // Thursday 1 Oct: a month later is 1 Nov; the first Monday on or after it is 2 Nov (10:00 CET after the change).
    expect(firstCheckinAfterAssessment(rule, new Date('2026-10-01T08:00:00Z')).first).toEqual(new Date('2026-11-02T09:00:00Z'));
  });

  it('off: no check-in', () => {
    expect(firstCheckinAfterAssessment({ cadence: 'off', weekday: 1, localTime: '10:00', tz: 'UTC' }, new Date()).first).toBeNull();
  });

  it.each(['Europe/Madrid', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham'])(
    '%s, a year of assessment instants: the first check-in is the first occurrence at or after one period later',
    (tz) => {
      for (const cadence of ['weekly', 'biweekly', 'monthly'] as const) {
        const rule: CheckInRule = { cadence, weekday: 7, localTime: '02:30', tz };
        for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 37 * 3600_000 + 17 * 60_000) {
          const assessedAt = new Date(t);
          const earliest = onePeriodAfter(cadence, assessedAt, tz)!;
          const { rule: stored, first } = firstCheckinAfterAssessment(rule, assessedAt);
          expect(first!.getTime()).toBeGreaterThanOrEqual(earliest.getTime());
          // No occurrence of the stored rule between one period later and the first check-in: it is the first.
          expect(occurrencesBetween(stored, earliest, first!)).toEqual([]);
          expect(first).toEqual(nextOccurrence(stored, new Date(earliest.getTime() - 1)));
          // A period is a calendar period: 6–8 days for a week (7 ± a DST shift), never hours added blindly.
          if (cadence === 'weekly') expect(Math.abs(earliest.getTime() - t - 7 * DAY)).toBeLessThanOrEqual(3600_000);
        }
      }
    },
  );
});

describe('skip: an occurrence less than half a period after an assessment', () => {
  it('weekly: 3½ days, counted in the zone across the spring change (Madrid)', () => {
    const assessedAt = new Date('2026-03-26T11:00:00Z'); // Thursday 26 March 12:00 CET
    expect(halfPeriodAfter('weekly', assessedAt, 'Europe/Madrid')).toEqual(new Date('2026-03-29T22:00:00Z')); // Monday 00:00 CEST
    expect(tooSoonAfterAssessment('weekly', 'Europe/Madrid', new Date('2026-03-29T08:00:00Z'), assessedAt)).toBe(true); // Sunday 10:00
    expect(tooSoonAfterAssessment('weekly', 'Europe/Madrid', new Date('2026-03-29T21:59:00Z'), assessedAt)).toBe(true);
    expect(tooSoonAfterAssessment('weekly', 'Europe/Madrid', new Date('2026-03-29T22:00:00Z'), assessedAt)).toBe(false);
    expect(tooSoonAfterAssessment('weekly', 'Europe/Madrid', new Date('2026-03-30T08:00:00Z'), assessedAt)).toBe(false); // Monday 10:00
  });

  it('biweekly 7 days and monthly 15 days, across the New York fall-back', () => {
    const assessedAt = new Date('2026-10-28T14:00:00Z'); // Wednesday 28 Oct 10:00 EDT
    expect(halfPeriodAfter('biweekly', assessedAt, 'America/New_York')).toEqual(new Date('2026-11-04T15:00:00Z')); // 10:00 EST
    expect(halfPeriodAfter('monthly', assessedAt, 'America/New_York')).toEqual(new Date('2026-11-12T15:00:00Z'));
    expect(tooSoonAfterAssessment('biweekly', 'America/New_York', new Date('2026-11-02T14:00:00Z'), assessedAt)).toBe(true);
    expect(tooSoonAfterAssessment('biweekly', 'America/New_York', new Date('2026-11-09T14:00:00Z'), assessedAt)).toBe(false);
    expect(tooSoonAfterAssessment('monthly', 'America/New_York', new Date('2026-11-02T14:00:00Z'), assessedAt)).toBe(true);
  });

  it('Chatham (+12:45/+13:45): half a week keeps the wall clock', () => {
    const assessedAt = new Date('2026-04-03T22:15:00Z'); // Saturday 4 April 12:00 +13:45; Chatham falls back on 5 April
    // Three calendar days (Tuesday 7 April 12:00, now +12:45) and twelve hours: Wednesday 8 April 00:00 +12:45.
    expect(halfPeriodAfter('weekly', assessedAt, 'Pacific/Chatham')).toEqual(new Date('2026-04-07T11:15:00Z'));
  });

  it('an occurrence before the assessment, no assessment, or cadence off: never skipped', () => {
    const assessedAt = new Date('2026-03-26T11:00:00Z');
    expect(tooSoonAfterAssessment('weekly', 'Europe/Madrid', new Date('2026-03-26T10:59:00Z'), assessedAt)).toBe(false);
    expect(tooSoonAfterAssessment('weekly', 'Europe/Madrid', new Date('2026-03-26T12:00:00Z'), null)).toBe(false);
    expect(tooSoonAfterAssessment('off', 'Europe/Madrid', new Date('2026-03-26T12:00:00Z'), assessedAt)).toBe(false);
  });
});
