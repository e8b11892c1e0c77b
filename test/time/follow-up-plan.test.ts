import { describe, expect, it } from 'vitest';
import { planFollowUp } from '../../src/db/repositories/follow-up-plan.js';
import type { PendingFollowUp } from '../../src/db/repositories/follow-ups.js';
import { checkinTimeOn, GRACE_MS, nextCheckinTimeAfter } from '../../src/time/check-in-time.js';

const note = (id: number, followUpOn: string): PendingFollowUp => ({ id, team_id: 'T1', owner_id: 'UADA', author_id: 'UROSA', other_id: 'UADA', skill_id: 'nats', follow_up_on: followUpOn });
const schedule = (over: Partial<{ tz: string; local_time: string; follow_up_at: Date | null; paused_until: string | null }> = {}) => ({
  tz: 'Europe/Madrid',
  local_time: '09:30',
  follow_up_at: null,
  paused_until: null,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('checkinTimeOn: the check-in wall time on a date, as check-in occurrences resolve it', () => {
  it.each([
    ['Madrid in winter', 'Europe/Madrid', '09:30', '2026-12-03', '2026-12-03T08:30:00Z'],
    ['Madrid in summer', 'Europe/Madrid', '09:30', '2027-07-01', '2027-07-01T07:30:00Z'],
    ['New York on the day clocks spring forward (a time in the gap moves later)', 'America/New_York', '02:30', '2027-03-14', '2027-03-14T07:30:00Z'],
    ['New York on the day clocks fall back (a repeated time: the first reading)', 'America/New_York', '01:30', '2026-11-01', '2026-11-01T05:30:00Z'],
    ['Lord Howe (a 30-minute DST shift)', 'Australia/Lord_Howe', '10:00', '2027-01-10', '2027-01-09T23:00:00Z'],
    ['Chatham (+13:45 in summer)', 'Pacific/Chatham', '09:00', '2027-01-10', '2027-01-09T19:15:00Z'],
  ])('%s', (_name, tz, localTime, date, expected) => {
    expect(checkinTimeOn({ tz, local_time: localTime }, date)).toEqual(new Date(expected));
  });

  it('refuses what it cannot place', () => {
    expect(() => checkinTimeOn({ tz: 'Mars/Olympus', local_time: '09:00' }, '2027-01-10')).toThrow(RangeError);
    expect(() => checkinTimeOn({ tz: 'UTC', local_time: '09:00' }, '2027-02-30')).toThrow(RangeError);
    expect(() => checkinTimeOn({ tz: 'UTC', local_time: '25:00' }, '2027-02-10')).toThrow(RangeError);
  });

  it('nextCheckinTimeAfter: later today when still ahead, else the next day (across a DST change)', () => {
    const row = { tz: 'Europe/Madrid', local_time: '09:30' };
    expect(nextCheckinTimeAfter(row, at('2027-03-27T07:00:00Z'))).toEqual(at('2027-03-27T08:30:00Z'));
    // Saturday 27 March after 09:30: Sunday 28 March, the day Madrid springs forward, 09:30 CEST.
    expect(nextCheckinTimeAfter(row, at('2027-03-27T09:00:00Z'))).toEqual(at('2027-03-28T07:30:00Z'));
  });
});

describe('planFollowUp: when a follow-up goes out (docs/follow-ups.md#when-it-comes)', () => {
  const due = at('2026-12-03T08:30:00Z'); // Thursday 09:30 Madrid

  it('nothing pending, or nothing pointed at: nothing to emit, the pointer cleared or kept clear', () => {
    expect(planFollowUp(schedule(), due, undefined, [], GRACE_MS)).toEqual({ emit: false, followUpAt: null });
    expect(planFollowUp(schedule({ follow_up_at: due }), due, undefined, [], GRACE_MS)).toEqual({ emit: false, followUpAt: null });
  });

  it('not yet due: waits, pointer unchanged', () => {
    expect(planFollowUp(schedule({ follow_up_at: due }), at('2026-12-03T08:29:00Z'), undefined, [note(1, '2026-12-03')], GRACE_MS)).toEqual({ emit: false, followUpAt: due });
  });

  it('due: emits every follow-up dated up to that day, and points at the next date', () => {
    const plan = planFollowUp(schedule({ follow_up_at: due }), due, undefined, [note(1, '2026-12-01'), note(2, '2026-12-03'), note(3, '2026-12-10')], GRACE_MS);
    expect(plan).toEqual({ emit: true, at: due, day: '2026-12-03', notes: [note(1, '2026-12-01'), note(2, '2026-12-03')], followUpAt: at('2026-12-10T08:30:00Z') });
  });

  it('a check-in going out the same local day carries it, even before the follow-up time', () => {
    const checkinAt = at('2026-12-03T07:00:00Z'); // 08:00 Madrid, the same Thursday
    const plan = planFollowUp(schedule({ follow_up_at: due }), checkinAt, checkinAt, [note(1, '2026-12-03')], GRACE_MS);
    expect(plan).toMatchObject({ emit: true, at: checkinAt, day: '2026-12-03', followUpAt: null });
  });

  it('a check-in on an earlier day does not carry a later follow-up', () => {
    const checkinAt = at('2026-11-30T08:30:00Z');
    expect(planFollowUp(schedule({ follow_up_at: due }), checkinAt, checkinAt, [note(1, '2026-12-03')], GRACE_MS)).toEqual({ emit: false, followUpAt: due });
  });

  it('late beyond the grace window: moved to the next check-in time, never sent at a bad hour, never dropped', () => {
    const late = new Date(due.getTime() + GRACE_MS + 60_000);
    expect(planFollowUp(schedule({ follow_up_at: due }), late, undefined, [note(1, '2026-12-03')], GRACE_MS)).toEqual({ emit: false, followUpAt: at('2026-12-04T08:30:00Z') });
    // Exactly at the grace limit it still goes.
    expect(planFollowUp(schedule({ follow_up_at: due }), new Date(due.getTime() + GRACE_MS), undefined, [note(1, '2026-12-03')], GRACE_MS)).toMatchObject({ emit: true });
  });

  it('inside a "pause until": moved to the first day back', () => {
    expect(planFollowUp(schedule({ follow_up_at: due, paused_until: '2026-12-10' }), due, undefined, [note(1, '2026-12-03')], GRACE_MS)).toEqual({
      emit: false,
      followUpAt: at('2026-12-10T08:30:00Z'),
    });
    // On the first day back it goes.
    const back = at('2026-12-10T08:30:00Z');
    expect(planFollowUp(schedule({ follow_up_at: back, paused_until: '2026-12-10' }), back, undefined, [note(1, '2026-12-03')], GRACE_MS)).toMatchObject({ emit: true, day: '2026-12-10' });
  });

  it('the pointer ran ahead of the notes (a date was moved): points at the earliest again', () => {
    expect(planFollowUp(schedule({ follow_up_at: due }), due, undefined, [note(1, '2026-12-08')], GRACE_MS)).toEqual({ emit: false, followUpAt: at('2026-12-08T08:30:00Z') });
  });
});
