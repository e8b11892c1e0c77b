import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { computeNextRun, GRACE_MS, snoozeUntil, isValidTimeZone, misfireDecision, nextOccurrence, occurrencesBetween, parseLocalTime, withBiweeklyAnchor, type CheckInRule } from '../../src/time/check-in-time.js';

// DST table tests (docs/time-zones.md#dst-gaps-and-repeated-hours). No clock: every "now" is a literal.
// Transition facts below were read from Node's ICU tzdata (2025c) with Temporal getTimeZoneTransition:
//   Europe/London        2026-03-29 01:00 GMT → 02:00 BST (1 h gap);     2026-10-25 02:00 BST → 01:00 GMT (1 h repeated)
//   America/New_York     2026-03-08 02:00 EST → 03:00 EDT;               2026-11-01 02:00 EDT → 01:00 EST
//   America/Sao_Paulo    no transitions since 2019-02-16 (constant −03:00); historic ones were at MIDNIGHT
//   America/Havana       2026-03-08 00:00 → 01:00 (midnight gap);        2026-11-01 01:00 → 00:00 (midnight overlap)
//   Australia/Lord_Howe  2026-10-04 02:00 +10:30 → 02:30 +11 (30 min);   2026-04-05 02:00 +11 → 01:30 +10:30
//   Pacific/Chatham      2026-09-27 02:45 +12:45 → 03:45 +13:45;         2026-04-05 03:45 +13:45 → 02:45 +12:45

const YEAR_FROM = new Date('2026-01-01T00:00:00Z');
const YEAR_TO = new Date('2027-01-01T00:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const ZONES = [
  'Europe/London',
  'America/New_York',
  'America/Sao_Paulo',
  'America/Havana',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
] as const;

interface GapDay {
  date: string; // local date of the occurrence
  wall: string; // wall time actually produced (configured + gap length)
  instant: string; // exact expected instant
}
interface OverlapDay {
  date: string;
  first: string; // the only instant produced: the FIRST reading of the repeated time
  second: string; // the second reading, which must never be produced
}
interface YearCase {
  name: string;
  tz: string;
  weekday: number;
  localTime: string;
  count: number;
  gaps: GapDay[];
  overlaps: OverlapDay[];
}

const YEAR_CASES: YearCase[] = [
  {
    name: 'London Sunday 01:30 (gap and repeated hour)',
    tz: 'Europe/London',
    weekday: 7,
    localTime: '01:30',
    count: 52,
    gaps: [{ date: '2026-03-29', wall: '02:30', instant: '2026-03-29T01:30:00Z' }],
    overlaps: [{ date: '2026-10-25', first: '2026-10-25T00:30:00Z', second: '2026-10-25T01:30:00Z' }],
  },
  { name: 'London Monday 10:00', tz: 'Europe/London', weekday: 1, localTime: '10:00', count: 52, gaps: [], overlaps: [] },
  { name: 'London Thursday 09:00 (53 Thursdays)', tz: 'Europe/London', weekday: 4, localTime: '09:00', count: 53, gaps: [], overlaps: [] },
  {
    name: 'New York Sunday 02:30 (gap)',
    tz: 'America/New_York',
    weekday: 7,
    localTime: '02:30',
    count: 52,
    gaps: [{ date: '2026-03-08', wall: '03:30', instant: '2026-03-08T07:30:00Z' }],
    overlaps: [],
  },
  {
    name: 'New York Sunday 01:30 (repeated hour)',
    tz: 'America/New_York',
    weekday: 7,
    localTime: '01:30',
    count: 52,
    gaps: [],
    overlaps: [{ date: '2026-11-01', first: '2026-11-01T05:30:00Z', second: '2026-11-01T06:30:00Z' }],
  },
  { name: 'New York Monday 10:00', tz: 'America/New_York', weekday: 1, localTime: '10:00', count: 52, gaps: [], overlaps: [] },
  { name: 'São Paulo Monday 10:00', tz: 'America/Sao_Paulo', weekday: 1, localTime: '10:00', count: 52, gaps: [], overlaps: [] },
  { name: 'São Paulo Sunday 00:30 (no DST in 2026)', tz: 'America/Sao_Paulo', weekday: 7, localTime: '00:30', count: 52, gaps: [], overlaps: [] },
  {
    name: 'Havana Sunday 00:30 (midnight gap and repeated hour)',
    tz: 'America/Havana',
    weekday: 7,
    localTime: '00:30',
    count: 52,
    gaps: [{ date: '2026-03-08', wall: '01:30', instant: '2026-03-08T05:30:00Z' }],
    overlaps: [{ date: '2026-11-01', first: '2026-11-01T04:30:00Z', second: '2026-11-01T05:30:00Z' }],
  },
  {
    name: 'Lord Howe Sunday 02:15 (30-minute gap)',
    tz: 'Australia/Lord_Howe',
    weekday: 7,
    localTime: '02:15',
    count: 52,
    gaps: [{ date: '2026-10-04', wall: '02:45', instant: '2026-10-03T15:45:00Z' }],
    overlaps: [],
  },
  {
    name: 'Lord Howe Sunday 01:45 (30-minute repeated half hour)',
    tz: 'Australia/Lord_Howe',
    weekday: 7,
    localTime: '01:45',
    count: 52,
    gaps: [],
    overlaps: [{ date: '2026-04-05', first: '2026-04-04T14:45:00Z', second: '2026-04-04T15:15:00Z' }],
  },
  {
    name: 'Chatham Sunday 03:00 (+12:45/+13:45, gap and repeated hour)',
    tz: 'Pacific/Chatham',
    weekday: 7,
    localTime: '03:00',
    count: 52,
    gaps: [{ date: '2026-09-27', wall: '04:00', instant: '2026-09-26T14:15:00Z' }],
    overlaps: [{ date: '2026-04-05', first: '2026-04-04T13:15:00Z', second: '2026-04-04T14:15:00Z' }],
  },
  { name: 'Chatham Friday 23:45', tz: 'Pacific/Chatham', weekday: 5, localTime: '23:45', count: 52, gaps: [], overlaps: [] },
];

function weekly(tz: string, weekday: number, localTime: string): CheckInRule {
  return { cadence: 'weekly', weekday, localTime, tz };
}

function zoned(date: Date, tz: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(tz);
}

function wall(z: Temporal.ZonedDateTime): string {
  return z.toPlainTime().toString({ smallestUnit: 'minute' });
}

function expectStrictlyIncreasing(dates: Date[]): void {
  for (let i = 1; i < dates.length; i++) expect(dates[i]!.getTime()).toBeGreaterThan(dates[i - 1]!.getTime());
}

describe('weekly occurrences over 2026, DST table', () => {
  describe.each(YEAR_CASES)('$name', (c) => {
    const rule = weekly(c.tz, c.weekday, c.localTime);
    const all = occurrencesBetween(rule, YEAR_FROM, YEAR_TO);
    const local = all.map((d) => zoned(d, c.tz));

    it('is strictly increasing and has 52 or 53 occurrences (exactly the expected count)', () => {
      expectStrictlyIncreasing(all);
      expect([52, 53]).toContain(all.length);
      expect(all.length).toBe(c.count);
    });

    it('has exactly one occurrence per ISO week, on the configured weekday, 7 calendar days apart', () => {
      const weeks = local.map((z) => `${z.yearOfWeek}-W${z.weekOfYear}`);
      expect(new Set(weeks).size).toBe(all.length);
      for (const z of local) expect(z.dayOfWeek).toBe(c.weekday);
      for (let i = 1; i < local.length; i++) {
        expect(local[i - 1]!.toPlainDate().until(local[i]!.toPlainDate()).days).toBe(7);
      }
    });

    it('keeps the configured wall time except on gap days, where it is shifted later by the gap', () => {
      const shifted = local.filter((z) => wall(z) !== c.localTime).map((z) => ({ date: z.toPlainDate().toString(), wall: wall(z) }));
      expect(shifted).toEqual(c.gaps.map(({ date, wall: w }) => ({ date, wall: w })));
      for (const gap of c.gaps) {
        const onDay = all.filter((d) => zoned(d, c.tz).toPlainDate().toString() === gap.date);
        expect(onDay.map((d) => d.toISOString())).toEqual([new Date(gap.instant).toISOString()]);
        // The configured time really does not exist that day.
        expect(() =>
          Temporal.PlainDateTime.from(`${gap.date}T${c.localTime}`).toZonedDateTime(c.tz, { disambiguation: 'reject' }),
        ).toThrow(RangeError);
      }
    });

    it('sends exactly once on the fall-back day, at the FIRST reading of the repeated time', () => {
      for (const overlap of c.overlaps) {
        const onDay = all.filter((d) => zoned(d, c.tz).toPlainDate().toString() === overlap.date);
        expect(onDay.map((d) => d.toISOString())).toEqual([new Date(overlap.first).toISOString()]);
        expect(all.some((d) => d.getTime() === new Date(overlap.second).getTime())).toBe(false);
        // Asking again from inside the repeated hour (after the first send, before/at the second reading)
        // goes to next week, never to the second reading.
        const first = new Date(overlap.first);
        for (const after of [first, new Date(first.getTime() + 60_000), new Date(overlap.second)]) {
          const next = nextOccurrence(rule, after)!;
          expect(zoned(next, c.tz).toPlainDate().toString()).toBe(Temporal.PlainDate.from(overlap.date).add({ days: 7 }).toString());
        }
      }
    });

    it('chaining nextOccurrence(rule, prev) reproduces the same sequence', () => {
      const chained: Date[] = [];
      let cursor = new Date(YEAR_FROM.getTime() - 1);
      for (;;) {
        const next = nextOccurrence(rule, cursor)!;
        if (next >= YEAR_TO) break;
        chained.push(next);
        cursor = next;
      }
      expect(chained).toEqual(all);
    });
  });

  it.each([
    ['New York gap 2026-03-08 02:30', 'America/New_York', '02:30', '2026-03-08T07:30:00.000Z'],
    ['New York overlap 2026-11-01 01:30', 'America/New_York', '01:30', '2026-11-01T05:30:00.000Z'],
    ['London gap 2026-03-29 01:30', 'Europe/London', '01:30', '2026-03-29T01:30:00.000Z'],
    ['London overlap 2026-10-25 01:30', 'Europe/London', '01:30', '2026-10-25T00:30:00.000Z'],
  ])('%s resolves to the exact instant %s', (_name, tz, time, expected) => {
    const day = expected.slice(0, 10);
    const after = new Date(`${Temporal.PlainDate.from(day).subtract({ days: 1 }).toString()}T12:00:00Z`);
    expect(nextOccurrence(weekly(tz, 7, time), after)!.toISOString()).toBe(expected);
  });

  it('is strictly after `after`: an occurrence exactly at `after` is not returned', () => {
    const rule = weekly('Europe/London', 1, '10:00');
    const at = new Date('2026-12-07T10:00:00Z');
    expect(nextOccurrence(rule, new Date(at.getTime() - 1))!.toISOString()).toBe(at.toISOString());
    expect(nextOccurrence(rule, at)!.toISOString()).toBe('2026-12-14T10:00:00.000Z');
  });

  it('keeps 10:00 local across spring-forward in São Paulo reference example and New York', () => {
    const sp = occurrencesBetween(weekly('America/Sao_Paulo', 1, '10:00'), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-20T00:00:00Z'));
    expect(sp.map((d) => d.toISOString())).toEqual(['2026-01-05T13:00:00.000Z', '2026-01-12T13:00:00.000Z', '2026-01-19T13:00:00.000Z']);
    const ny = occurrencesBetween(weekly('America/New_York', 1, '10:00'), new Date('2026-03-01T00:00:00Z'), new Date('2026-03-17T00:00:00Z'));
    expect(ny.map((d) => d.toISOString())).toEqual(['2026-03-02T15:00:00.000Z', '2026-03-09T14:00:00.000Z', '2026-03-16T14:00:00.000Z']);
  });

  it('handles the historic São Paulo midnight gap (2018-11-04 00:30 → 01:30 -02) without skipping the day', () => {
    const next = nextOccurrence(weekly('America/Sao_Paulo', 7, '00:30'), new Date('2018-11-01T00:00:00Z'))!;
    expect(next.toISOString()).toBe('2018-11-04T03:30:00.000Z');
  });
});

describe('biweekly', () => {
  it.each(ZONES.map((tz) => [tz] as const))('anchored in %s: 26 per year, exactly 14 calendar days apart, same wall time', (tz) => {
    const rule: CheckInRule = { cadence: 'biweekly', weekday: 1, localTime: '10:00', tz, anchorDate: '2026-01-05' };
    const all = occurrencesBetween(rule, YEAR_FROM, YEAR_TO);
    expect(all.length).toBe(26);
    expectStrictlyIncreasing(all);
    const local = all.map((d) => zoned(d, tz));
    expect(local[0]!.toPlainDate().toString()).toBe('2026-01-05');
    for (let i = 1; i < local.length; i++) {
      expect(local[i - 1]!.toPlainDate().until(local[i]!.toPlainDate()).days).toBe(14);
      expect(wall(local[i]!)).toBe('10:00');
      expect(local[i]!.dayOfWeek).toBe(1);
    }
  });

  it('anchored phase is stable whatever instant it is asked from (e.g. the DB clock at tick time)', () => {
    const rule: CheckInRule = { cadence: 'biweekly', weekday: 3, localTime: '09:15', tz: 'America/New_York', anchorDate: '2026-01-07' };
    const anchor = Temporal.PlainDate.from('2026-01-07');
    for (let ms = YEAR_FROM.getTime(); ms < YEAR_TO.getTime(); ms += 5 * HOUR_MS + 17 * 60_000) {
      const next = nextOccurrence(rule, new Date(ms))!;
      expect(next.getTime()).toBeGreaterThan(ms);
      expect(next.getTime() - ms).toBeLessThanOrEqual(14 * DAY_MS + HOUR_MS);
      const date = zoned(next, rule.tz).toPlainDate();
      expect(anchor.until(date).days % 14).toBe(0);
    }
  });

  it('never produces occurrences before the anchor; an anchor off the weekday snaps forward to it', () => {
    const rule: CheckInRule = { cadence: 'biweekly', weekday: 1, localTime: '10:00', tz: 'Europe/London', anchorDate: '2026-06-03' /* Wed */ };
    expect(nextOccurrence(rule, new Date('2026-01-01T00:00:00Z'))!.toISOString()).toBe('2026-06-08T09:00:00.000Z');
    const all = occurrencesBetween(rule, YEAR_FROM, YEAR_TO);
    expect(all[0]!.toISOString()).toBe('2026-06-08T09:00:00.000Z');
    expect(all.length).toBe(15); // 2026-06-08 … 2026-12-28
  });

  it('anchored across the New York gap: 02:30 on 2026-03-08 is sent at 03:30 EDT and the phase is kept', () => {
    const rule: CheckInRule = { cadence: 'biweekly', weekday: 7, localTime: '02:30', tz: 'America/New_York', anchorDate: '2026-02-22' };
    const all = occurrencesBetween(rule, new Date('2026-02-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(all.map((d) => d.toISOString())).toEqual(['2026-02-22T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-22T06:30:00.000Z']);
  });

  it.each(ZONES.map((tz) => [tz] as const))('unanchored in %s: the next is the next weekly slot, then chained calls are 14 days apart', (tz) => {
    const rule: CheckInRule = { cadence: 'biweekly', weekday: 7, localTime: '01:30', tz };
    const weeklyNext = nextOccurrence({ ...rule, cadence: 'weekly' }, YEAR_FROM)!;
    const chain: Date[] = [];
    let cursor: Date = YEAR_FROM;
    for (;;) {
      const next = nextOccurrence(rule, cursor)!;
      if (next >= YEAR_TO) break;
      chain.push(next);
      cursor = next;
    }
    expect(chain[0]).toEqual(weeklyNext);
    expect([26, 27]).toContain(chain.length);
    expectStrictlyIncreasing(chain);
    for (let i = 1; i < chain.length; i++) {
      expect(zoned(chain[i - 1]!, tz).toPlainDate().until(zoned(chain[i]!, tz).toPlainDate()).days).toBe(14);
    }
    expect(occurrencesBetween(rule, YEAR_FROM, YEAR_TO)).toEqual(chain);
  });

  it('withBiweeklyAnchor persists the phase of the next occurrence', () => {
    const rule: CheckInRule = { cadence: 'biweekly', weekday: 5, localTime: '16:00', tz: 'Australia/Lord_Howe' };
    const anchored = withBiweeklyAnchor(rule, new Date('2026-03-01T00:00:00Z'));
    expect(anchored.anchorDate).toBe('2026-03-06');
    expect(nextOccurrence(anchored, new Date('2026-03-01T00:00:00Z'))).toEqual(nextOccurrence(rule, new Date('2026-03-01T00:00:00Z')));
    // Already anchored or not biweekly: unchanged.
    expect(withBiweeklyAnchor(anchored, new Date('2026-09-01T00:00:00Z'))).toEqual(anchored);
    const w = weekly('Europe/London', 1, '10:00');
    expect(withBiweeklyAnchor(w, YEAR_FROM)).toEqual(w);
  });
});

describe('monthly (first weekday of the month)', () => {
  const cases = ZONES.flatMap((tz) => [1, 4, 7].map((weekday) => [tz, weekday] as const));
  it.each(cases)('%s weekday %i: 12 per year, each the first such weekday of its month', (tz, weekday) => {
    const rule: CheckInRule = { cadence: 'monthly', weekday, localTime: '09:30', tz };
    // The LOCAL year: 2026-01-01 (a Thursday) 09:30 in Chatham or Lord Howe is still 2025-12-31 in UTC.
    const localYear = (year: number): Date =>
      new Date(Temporal.PlainDate.from({ year, month: 1, day: 1 }).toZonedDateTime(tz).epochMilliseconds);
    const all = occurrencesBetween(rule, localYear(2026), localYear(2027));
    expect(all.length).toBe(12);
    expectStrictlyIncreasing(all);
    all.forEach((d, i) => {
      const z = zoned(d, tz);
      expect(z.month).toBe(i + 1);
      expect(z.year).toBe(2026);
      expect(z.dayOfWeek).toBe(weekday);
      expect(z.day).toBeLessThanOrEqual(7);
      expect(wall(z)).toBe('09:30');
    });
  });

  it('after this month’s first Monday, the next is next month’s first Monday', () => {
    const rule: CheckInRule = { cadence: 'monthly', weekday: 1, localTime: '10:00', tz: 'Europe/London' };
    expect(nextOccurrence(rule, new Date('2026-12-01T00:00:00Z'))!.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(nextOccurrence(rule, new Date('2026-12-07T10:00:00Z'))!.toISOString()).toBe('2027-01-04T10:00:00.000Z');
    expect(nextOccurrence(rule, new Date('2026-12-07T09:59:59.999Z'))!.toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });
});

describe("cadence 'off'", () => {
  it('has no next occurrence and no occurrences', () => {
    const rule: CheckInRule = { cadence: 'off', weekday: 1, localTime: '10:00', tz: 'Europe/London' };
    expect(nextOccurrence(rule, YEAR_FROM)).toBeNull();
    expect(occurrencesBetween(rule, YEAR_FROM, YEAR_TO)).toEqual([]);
  });
});

describe('occurrencesBetween range handling', () => {
  const rule = weekly('Europe/London', 1, '10:00');
  it('is half-open [from, to) and honours max', () => {
    const from = new Date('2026-12-07T10:00:00Z');
    const to = new Date('2026-12-21T10:00:00Z');
    expect(occurrencesBetween(rule, from, to).map((d) => d.toISOString())).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-14T10:00:00.000Z']);
    expect(occurrencesBetween(rule, from, to, 1)).toHaveLength(1);
    expect(occurrencesBetween(rule, from, to, 0)).toEqual([]);
    expect(occurrencesBetween(rule, to, from)).toEqual([]);
    expect(occurrencesBetween(rule, YEAR_FROM, new Date('2046-01-01T00:00:00Z'))).toHaveLength(1000);
  });
  it('rejects a bad max', () => {
    expect(() => occurrencesBetween(rule, YEAR_FROM, YEAR_TO, -1)).toThrow(RangeError);
    expect(() => occurrencesBetween(rule, YEAR_FROM, YEAR_TO, 1.5)).toThrow(RangeError);
  });
});

describe('misfireDecision', () => {
  const due = new Date('2026-12-07T10:00:00Z');
  it('GRACE_MS is two hours', () => {
    expect(GRACE_MS).toBe(7_200_000);
  });
  it.each([
    ['DB clock before due (not a misfire)', -60_000, 'send'],
    ['exactly at due', 0, 'send'],
    ['one minute late', 60_000, 'send'],
    ['exactly at the grace boundary', GRACE_MS, 'send'],
    ['1 ms past the grace boundary', GRACE_MS + 1, 'skip'],
    ['a weekend outage', 2 * DAY_MS, 'skip'],
  ] as const)('%s → %s', (_name, lag, expected) => {
    expect(misfireDecision(due, new Date(due.getTime() + lag))).toBe(expected);
  });
  it('rejects invalid dates', () => {
    expect(() => misfireDecision(new Date(Number.NaN), due)).toThrow(RangeError);
    expect(() => misfireDecision(due, new Date('nope'))).toThrow(RangeError);
  });
});

describe('input validation', () => {
  it.each([
    ['10:00', { hour: 10, minute: 0 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['9:05', { hour: 9, minute: 5 }],
    [' 07:30 ', { hour: 7, minute: 30 }],
    ['24:00', null],
    ['10:60', null],
    ['10:5', null],
    ['1000', null],
    ['10:00:00', null],
    ['10am', null],
    ['', null],
    ['-1:00', null],
  ] as const)('parseLocalTime(%j) → %j', (text, expected) => {
    expect(parseLocalTime(text)).toEqual(expected);
  });

  it.each([
    ['Europe/London', true],
    ['America/Sao_Paulo', true],
    ['Pacific/Chatham', true],
    ['UTC', true],
    ['US/Eastern', true],
    ['Mars/Olympus', false],
    ['', false],
    ['+01:00', false],
    ['-05:00', false],
    ['2026-01-01T00:00Z[Europe/London]', false],
    [' Europe/London', false],
  ] as const)('isValidTimeZone(%j) → %s', (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });

  const good: CheckInRule = { cadence: 'weekly', weekday: 1, localTime: '10:00', tz: 'Europe/London' };
  it.each([
    ['unknown zone', { tz: 'Mars/Olympus' }, /time zone/],
    ['offset instead of a zone', { tz: '+01:00' }, /time zone/],
    ['weekday 0', { weekday: 0 }, /weekday/],
    ['weekday 8', { weekday: 8 }, /weekday/],
    ['fractional weekday', { weekday: 1.5 }, /weekday/],
    ['time 24:00', { localTime: '24:00' }, /local time/],
    ['time "ten"', { localTime: 'ten' }, /local time/],
    ['cadence daily', { cadence: 'daily' }, /cadence/],
    ['anchor 2026-02-30', { cadence: 'biweekly', anchorDate: '2026-02-30' }, /anchorDate/],
    ['anchor not ISO', { cadence: 'biweekly', anchorDate: '05/01/2026' }, /anchorDate/],
  ])('%s throws a RangeError', (_name, patch, message) => {
    const rule = { ...good, ...patch } as CheckInRule;
    expect(() => nextOccurrence(rule, YEAR_FROM)).toThrow(RangeError);
    expect(() => nextOccurrence(rule, YEAR_FROM)).toThrow(message);
    expect(() => occurrencesBetween(rule, YEAR_FROM, YEAR_TO)).toThrow(RangeError);
  });

  it("validates even for cadence 'off'", () => {
    expect(() => nextOccurrence({ ...good, cadence: 'off', tz: 'Nowhere/Land' }, YEAR_FROM)).toThrow(RangeError);
  });

  it('rejects an invalid `after`', () => {
    expect(() => nextOccurrence(good, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('properties (fast-check)', () => {
  const zone = fc.constantFrom(...ZONES);
  const weekday = fc.integer({ min: 1, max: 7 });
  const hour = fc.integer({ min: 0, max: 23 });
  const minute = fc.integer({ min: 0, max: 59 });
  // 2015 … 2035: includes São Paulo's historic midnight transitions.
  const start = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));
  const hhmm = (h: number, m: number): string => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

  it('weekly: strictly after the start, within 7 days + 1 h, on the right local weekday, at the configured time unless it does not exist', () => {
    fc.assert(
      fc.property(zone, weekday, hour, minute, start, (tz, wd, h, m, after) => {
        const rule = weekly(tz, wd, hhmm(h, m));
        const next = nextOccurrence(rule, after)!;
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(7 * DAY_MS + HOUR_MS);
        const z = zoned(next, tz);
        expect(z.dayOfWeek).toBe(wd);
        if (z.hour !== h || z.minute !== m) {
          // Only allowed when the configured time falls in a gap that day, and then it is shifted LATER.
          expect(() =>
            z.toPlainDate().toPlainDateTime({ hour: h, minute: m }).toZonedDateTime(tz, { disambiguation: 'reject' }),
          ).toThrow(RangeError);
          expect(z.hour * 60 + z.minute).toBeGreaterThan(h * 60 + m);
        }
        // Idempotent just before the occurrence: it is the first occurrence after `after`.
        expect(nextOccurrence(rule, new Date(next.getTime() - 1))).toEqual(next);
      }),
      { numRuns: 500 },
    );
  });

  it('biweekly anchored: on the 14-day grid, strictly after the start, within 14 days + 1 h (once past the anchor)', () => {
    const anchorDay = fc.integer({ min: 0, max: 3650 }).map((n) => Temporal.PlainDate.from('2015-01-01').add({ days: n }));
    fc.assert(
      fc.property(zone, weekday, hour, minute, anchorDay, start, (tz, wd, h, m, anchorDate, after) => {
        const rule: CheckInRule = { cadence: 'biweekly', weekday: wd, localTime: hhmm(h, m), tz, anchorDate: anchorDate.toString() };
        const next = nextOccurrence(rule, after)!;
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        const date = zoned(next, tz).toPlainDate();
        expect(date.dayOfWeek).toBe(wd);
        const sinceAnchor = anchorDate.until(date).days;
        expect(sinceAnchor).toBeGreaterThanOrEqual(0);
        expect(sinceAnchor % 14).toBeLessThan(7); // the grid starts at the first `wd` on/after the anchor date
        const anchorOccurrence = anchorDate.add({ days: (wd - anchorDate.dayOfWeek + 7) % 7 });
        expect(anchorOccurrence.until(date).days % 14).toBe(0);
        const anchorInstant = nextOccurrence(rule, new Date(Date.UTC(2014, 0, 1)))!;
        if (after.getTime() >= anchorInstant.getTime()) {
          expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(14 * DAY_MS + HOUR_MS);
        }
        const following = nextOccurrence(rule, next)!;
        expect(zoned(following, tz).toPlainDate().toString()).toBe(date.add({ days: 14 }).toString());
      }),
      { numRuns: 300 },
    );
  });
});

describe('schedule arithmetic for DB rows', () => {
  // Sunday 6 Dec 2026, 10:00 in Madrid (CET, UTC+1).
  const NOW = new Date('2026-12-06T09:00:00Z');
  const DAY = 24 * 3600_000;
  const row = { cadence: 'weekly' as const, weekday: 1, local_time: '10:00', tz: 'Europe/Madrid', anchor_date: null };

  it('computeNextRun wraps nextOccurrence for a stored row', () => {
    expect(computeNextRun(row, NOW)).toEqual(new Date('2026-12-07T09:00:00Z'));
    expect(computeNextRun({ ...row, cadence: 'biweekly', anchor_date: '2026-12-14' }, NOW)).toEqual(new Date('2026-12-14T09:00:00Z'));
    expect(computeNextRun({ ...row, cadence: 'off' }, NOW)).toBeNull();
    expect(() => computeNextRun({ ...row, tz: '+01:00' }, NOW)).toThrow(RangeError);
  });

  it('snoozes by calendar days in the person zone, across DST', () => {
    // Saturday 28 Mar 2026 10:00 CET → Sunday 29 Mar 10:00 CEST: 23 hours later, not 24.
    const saturday = new Date('2026-03-28T09:00:00Z');
    expect(snoozeUntil(saturday, '1d', 'Europe/Madrid')).toEqual(new Date('2026-03-29T08:00:00Z'));
    expect(snoozeUntil(saturday, '1w', 'Europe/Madrid')).toEqual(new Date('2026-04-04T08:00:00Z'));
    expect(snoozeUntil(NOW, '1d', 'Not/AZone')).toEqual(new Date(NOW.getTime() + DAY));
  });
});
