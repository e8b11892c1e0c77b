import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bumpBlindResends,
  cancelPendingDeliveries,
  claimDeliveries,
  emitDueOccurrences,
  markDead,
  markSent,
  markSentMany,
  parkAmbiguous,
  releaseDeliveries,
  retryLater,
  stopSchedule,
} from '../../../src/db/repositories/checkin-deliveries.js';
import { loadCheckinMessageData, personKey } from '../../../src/db/repositories/checkin-batch.js';
import { countingStatements, describeEachDatabase } from '../../helpers/test-database.js';
import { dbNow, seedSchedules, TEAM, userId } from '../../helpers/checkins.js';
import { GRACE_MS, misfireDecision, nextOccurrence, occurrencesBetween, type CheckInRule, computeNextRun } from '../../../src/time/check-in-time.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describeEachDatabase('check-in outbox SQL', (database) => {

  const emit = (asOf?: Date, batch = 500) => emitDueOccurrences(database.db, { batch, graceMs: GRACE_MS, computeNext: computeNextRun, ...(asOf ? { asOf } : {}) });

  describe('emitDueOccurrences', () => {
    it('emits each due occurrence exactly once and moves every cursor into the future', async () => {
      const now = await dbNow(database.db);
      await seedSchedules(database.db, {
        count: 65,
        nextRunAt: (i) => (i < 50 ? new Date(now.getTime() - 60_000 - i * 1000) : new Date(now.getTime() + HOUR)),
        paused: (i) => i >= 60,
      });
      await database.db.updateTable('checkin_schedules').set({ next_run_at: new Date(now.getTime() - 60_000) }).where('paused', '=', true).execute();
      const before = await database.db.selectFrom('checkin_schedules').select(['id', 'next_run_at']).where('paused', '=', false).execute();

      const first = await emit();
      expect(first).toMatchObject({ selected: 50, emitted: 50, skipped: 0, invalid: 0 });
      const again = await emit();
      expect(again).toMatchObject({ selected: 0, emitted: 0 });

      const deliveries = await database.db.selectFrom('checkin_deliveries').selectAll().execute();
      expect(deliveries).toHaveLength(50);
      const cursorById = new Map(before.map((s) => [s.id, s.next_run_at!.getTime()]));
      for (const d of deliveries) {
        expect(d.occurrence_at.getTime()).toBe(cursorById.get(d.schedule_id));
        expect(d).toMatchObject({ status: 'pending', team_id: TEAM, attempts: 0, blind_resends: 0 });
      }
      const stillDue = await database.db
        .selectFrom('checkin_schedules')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('paused', '=', false)
        .where('next_run_at', '<=', sql<Date>`now()`)
        .executeTakeFirstOrThrow();
      expect(Number(stillDue.n)).toBe(0);
      // Paused schedules are untouched even though their cursor has passed.
      const paused = await database.db.selectFrom('checkin_schedules').select('next_run_at').where('paused', '=', true).execute();
      expect(paused.every((p) => p.next_run_at!.getTime() < now.getTime())).toBe(true);
    });

    it('drains a backlog in batches', async () => {
      await seedSchedules(database.db, { count: 120 });
      const results = [await emit(undefined, 50), await emit(undefined, 50), await emit(undefined, 50)];
      expect(results.map((r) => r.selected)).toEqual([50, 50, 20]);
      expect(results.reduce((n, r) => n + r.emitted, 0)).toBe(120);
    });

    it('decides "due" by the database clock, not the app clock', async () => {
      const now = await dbNow(database.db);
      // Due in an hour by the DB clock: an app server whose clock runs 2 h fast must not send it early.
      await seedSchedules(database.db, { count: 10, nextRunAt: () => new Date(now.getTime() + HOUR) });
      expect((await emit()).emitted).toBe(0);
      // …and `asOf` (tick --at) is the only way to move "now".
      expect((await emit(new Date(now.getTime() + 2 * HOUR))).emitted).toBe(10);
    });

    it('after 3 days down: at most one check-in per schedule, the latest occurrence within grace, cursors in the future', async () => {
      const downAt = new Date('2026-12-04T13:00:00Z');
      const upAt = new Date('2026-12-07T13:00:00Z'); // Monday 14:00 in Madrid
      const rules: CheckInRule[] = [];
      for (let i = 0; i < 84; i++) {
        // Every weekday, local times from 07:00 to 18:00 in three zones: some occurrences fall inside the 2 h
        // grace before upAt, most before it.
        const tz = ['Europe/Madrid', 'America/Sao_Paulo', 'Asia/Kolkata'][i % 3]!;
        rules.push({ cadence: 'weekly', weekday: (i % 7) + 1, localTime: `${String(7 + (i % 12)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`, tz });
      }
      await seedSchedules(database.db, {
        count: rules.length,
        weekday: (i) => rules[i]!.weekday,
        localTime: (i) => rules[i]!.localTime,
        tz: (i) => rules[i]!.tz,
        nextRunAt: (i) => nextOccurrence(rules[i]!, downAt),
      });
      const result = await emit(upAt);
      const schedules = await database.db.selectFrom('checkin_schedules').select(['id', 'user_id', 'next_run_at']).orderBy('id').execute();
      const deliveries = await database.db.selectFrom('checkin_deliveries').select(['schedule_id', 'occurrence_at']).execute();
      const bySchedule = new Map<number, Date[]>();
      for (const d of deliveries) bySchedule.set(d.schedule_id, [...(bySchedule.get(d.schedule_id) ?? []), d.occurrence_at]);

      let expectedSends = 0;
      let missedSome = 0;
      schedules.forEach((s, i) => {
        const rule = rules[i]!;
        const missed = occurrencesBetween(rule, new Date(downAt.getTime() + 1), new Date(upAt.getTime() + 1));
        const latest = missed.at(-1);
        if (latest) missedSome += 1;
        const shouldSend = latest !== undefined && misfireDecision(latest, upAt) === 'send';
        const got = bySchedule.get(s.id) ?? [];
        expect(got.length, `${s.user_id} ${JSON.stringify(rule)}`).toBe(shouldSend ? 1 : 0);
        if (shouldSend) {
          expectedSends += 1;
          expect(got[0]!.getTime()).toBe(latest!.getTime());
        }
        expect(s.next_run_at!.getTime()).toBeGreaterThan(upAt.getTime());
        expect(s.next_run_at!.getTime()).toBe(nextOccurrence(rule, upAt)!.getTime());
      });
      expect(expectedSends).toBeGreaterThan(0);
      expect(result).toMatchObject({ selected: missedSome, emitted: expectedSends, skipped: missedSome - expectedSends });
    });

    it('after 3 weeks down, sends only the most recent missed occurrence (if within grace)', async () => {
      const rule: CheckInRule = { cadence: 'weekly', weekday: 1, localTime: '12:30', tz: 'Europe/Madrid' };
      const upAt = new Date('2026-12-07T13:00:00Z'); // 1.5 h after Monday 12:30 Madrid (11:30Z)
      await seedSchedules(database.db, { count: 1, weekday: () => 1, localTime: () => '12:30', nextRunAt: () => new Date('2026-11-16T11:30:00Z') });
      const result = await emit(upAt);
      expect(result).toMatchObject({ emitted: 1, skipped: 0 });
      const [delivery] = await database.db.selectFrom('checkin_deliveries').select('occurrence_at').execute();
      expect(delivery!.occurrence_at.toISOString()).toBe('2026-12-07T11:30:00.000Z');
      const schedule = await database.db.selectFrom('checkin_schedules').select('next_run_at').executeTakeFirstOrThrow();
      expect(schedule.next_run_at).toEqual(nextOccurrence(rule, upAt));
    });

    it('stops a schedule whose rule no longer evaluates instead of re-selecting it forever', async () => {
      await seedSchedules(database.db, { count: 3 });
      await database.db.updateTable('checkin_schedules').set({ tz: 'Mars/Olympus_Mons' }).where('user_id', '=', userId(1)).execute();
      const result = await emit();
      expect(result).toMatchObject({ selected: 3, emitted: 2, invalid: 1 });
      const broken = await database.db.selectFrom('checkin_schedules').selectAll().where('user_id', '=', userId(1)).executeTakeFirstOrThrow();
      expect(broken.next_run_at).toBeNull();
      expect(broken.stopped_reason).toMatch(/^invalid schedule: .*time zone/i);
      expect((await emit()).selected).toBe(0);
    });
  });

  describe('claim, lease and fenced writes', () => {
    async function oneDelivery(count = 1): Promise<void> {
      await seedSchedules(database.db, { count });
      await emit();
    }

    it('claims only ready rows, each by one worker', async () => {
      await oneDelivery(10);
      await database.db.updateTable('checkin_deliveries').set({ run_after: sql<Date>`now() + interval '1 hour'` }).where('user_id', '=', userId(0)).execute();
      const a = await claimDeliveries(database.db, { workerId: 'a', batch: 4, leaseSeconds: 30 });
      const b = await claimDeliveries(database.db, { workerId: 'b', batch: 100, leaseSeconds: 30 });
      expect(a).toHaveLength(4);
      expect(b).toHaveLength(5);
      expect(new Set([...a, ...b].map((d) => d.id)).size).toBe(9);
      expect([...a, ...b].every((d) => d.status === 'sending' && d.attempts === 1 && !d.expired_lease)).toBe(true);
      expect(await claimDeliveries(database.db, { workerId: 'c', batch: 100, leaseSeconds: 30 })).toHaveLength(0);
    });

    it('re-claims an expired lease, flags it, and fences out the old holder', async () => {
      await oneDelivery();
      const [first] = await claimDeliveries(database.db, { workerId: 'old', batch: 1, leaseSeconds: 30 });
      // Backdate instead of sleeping (pg-boss expireTest style).
      await database.db.updateTable('checkin_deliveries').set({ locked_until: sql<Date>`now() - interval '1 second'` }).execute();
      const [again] = await claimDeliveries(database.db, { workerId: 'new', batch: 1, leaseSeconds: 30 });
      expect(again).toMatchObject({ id: first!.id, expired_lease: true, attempts: 2, locked_by: 'new' });
      const stale = { id: first!.id, teamId: TEAM, workerId: 'old' };
      expect(await markSent(database.db, { ...stale, slackTs: '1.1', channel: 'D1' })).toBe(false);
      expect(await retryLater(database.db, { ...stale, error: 'x', maxAttempts: 5 })).toBeUndefined();
      expect(await markDead(database.db, { ...stale, error: 'x' })).toBe(false);
      expect(await bumpBlindResends(database.db, stale)).toBe(false);
      expect(await markSent(database.db, { id: first!.id, teamId: 'T_OTHER', workerId: 'new', slackTs: '1.1', channel: 'D1' })).toBe(false);
      expect(await markSent(database.db, { id: first!.id, teamId: TEAM, workerId: 'new', slackTs: '1.2', channel: 'D1' })).toBe(true);
      const row = await database.db.selectFrom('checkin_deliveries').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'sent', slack_ts: '1.2', dm_channel: 'D1', locked_by: null });
      expect(await markSent(database.db, { id: first!.id, teamId: TEAM, workerId: 'new', slackTs: '1.3', channel: 'D1' })).toBe(false);
    });

    it('marks a set sent in one statement, each row fenced on its own: lost leases and other workspaces are left alone', async () => {
      await oneDelivery(4);
      const mine = await claimDeliveries(database.db, { workerId: 'me', batch: 4, leaseSeconds: 30 });
      expect(mine).toHaveLength(4);
      const [a, b, c, d] = mine;
      // b's lease expired and another worker holds it now.
      await database.db.updateTable('checkin_deliveries').set({ locked_by: 'other' }).where('id', '=', b!.id).execute();
      const marked = await markSentMany(database.db, {
        workerId: 'me',
        sent: [
          { id: a!.id, teamId: TEAM, slackTs: '1.1', channel: 'DA' },
          { id: b!.id, teamId: TEAM, slackTs: '1.2', channel: 'DB' },
          { id: c!.id, teamId: 'T_OTHER', slackTs: '1.3', channel: 'DC' },
          { id: d!.id, teamId: TEAM, slackTs: '1.4', channel: 'DD' },
        ],
      });
      expect([...marked].sort()).toEqual([a!.id, d!.id].sort());
      const rows = await database.db.selectFrom('checkin_deliveries').select(['id', 'status', 'slack_ts', 'dm_channel', 'locked_by']).orderBy('id').execute();
      expect(rows.find((r) => r.id === a!.id)).toMatchObject({ status: 'sent', slack_ts: '1.1', dm_channel: 'DA', locked_by: null });
      expect(rows.find((r) => r.id === d!.id)).toMatchObject({ status: 'sent', slack_ts: '1.4', dm_channel: 'DD', locked_by: null });
      expect(rows.find((r) => r.id === b!.id)).toMatchObject({ status: 'sending', locked_by: 'other' });
      expect(rows.find((r) => r.id === c!.id)).toMatchObject({ status: 'sending', locked_by: 'me' });
      // Only the marked posts are on record for /skill forget.
      const recorded = await database.db.selectFrom('sent_messages').select(['user_id', 'channel', 'ts', 'kind']).orderBy('ts').execute();
      expect(recorded).toEqual([
        { user_id: a!.user_id, channel: 'DA', ts: '1.1', kind: 'checkin' },
        { user_id: d!.user_id, channel: 'DD', ts: '1.4', kind: 'checkin' },
      ]);
      // Marking again changes nothing: the rows are no longer `sending`.
      expect((await markSentMany(database.db, { workerId: 'me', sent: [{ id: a!.id, teamId: TEAM, slackTs: '1.1', channel: 'DA' }] })).size).toBe(0);
    });

    it('loads what a batch of check-ins needs in one query, per person and workspace', async () => {
      await seedSchedules(database.db, { count: 3, withAssessments: true, locale: (i) => (i === 1 ? 'es-ES' : 'en-GB') });
      const now = await dbNow(database.db);
      // user 0 has a newer assessment of the same skill (only the latest counts) and one of another skill.
      await database.db
        .insertInto('assessments')
        .values([
          { team_id: TEAM, user_id: userId(0), skill_id: 'nats', role_id: 'dev', ratings: '{}', current_level: 'senior', target_level: 'staff', target_date: null, goals: 'newer', created_at: new Date(now.getTime() - 1000) },
          { team_id: TEAM, user_id: userId(0), skill_id: 'testing', role_id: 'dev', ratings: '{}', current_level: 'junior', target_level: 'middle', target_date: null, goals: 'other', created_at: new Date(now.getTime() - 2000) },
          // The same user id in another workspace must not leak in.
          { team_id: 'T_OTHER', user_id: userId(1), skill_id: 'nats', role_id: 'dev', ratings: '{}', current_level: 'junior', target_level: 'middle', target_date: null, goals: 'elsewhere', created_at: now },
        ])
        .execute();
      // Their latest agreed next steps ride along (the check-in DM shows them), from their own workspace only.
      const note = (teamId: string, steps: string, at: Date) => ({ team_id: teamId, owner_id: userId(0), author_id: userId(1), other_id: userId(0), skill_id: 'nats', steps, follow_up_on: null, created_at: at });
      await database.db
        .insertInto('conversation_notes')
        .values([note(TEAM, 'older note', new Date(now.getTime() - 60_000)), note(TEAM, 'newer note', now), note('T_OTHER', 'elsewhere', new Date(now.getTime() + 60_000))])
        .execute();
      const { db: counted, statements: queries } = countingStatements(database.db);
      const people = [userId(0), userId(1), userId(1), userId(9)].map((u) => ({ teamId: TEAM, userId: u }));
      const data = await loadCheckinMessageData(counted, people);
      expect(queries).toHaveLength(1);
      expect(data.get(personKey({ teamId: TEAM, userId: userId(0) }))).toMatchObject({
        locale: 'en-GB',
        assessments: [
          { skill_id: 'nats', current_level: 'senior', goals: 'newer' },
          { skill_id: 'testing', current_level: 'junior', goals: 'other' },
        ],
      });
      const zero = data.get(personKey({ teamId: TEAM, userId: userId(0) }))!;
      expect(zero.latestNote).toMatchObject({ steps: 'newer note', team_id: TEAM });
      expect(zero.latestNote!.created_at).toEqual(now);
      const one = data.get(personKey({ teamId: TEAM, userId: userId(1) }))!;
      expect(one.locale).toBe('es-ES');
      expect(one.assessments.map((a) => a.goals)).toEqual(['Goal for *user 1* <!channel>']);
      expect(one.assessments[0]!.created_at).toBeInstanceOf(Date);
      expect(one.assessments[0]!.ratings).toEqual({ junior: 'fully', middle: 'partly' });
      // Someone without a schedule, settings or assessments still gets an (empty) entry.
      expect(data.get(personKey({ teamId: TEAM, userId: userId(9) }))).toEqual({ locale: null, tz: null, assessments: [], latestNote: undefined });
      expect(data.size).toBe(3);
    });

    it('fills the DM channel from the schedule on claim', async () => {
      await oneDelivery();
      await database.db.updateTable('checkin_schedules').set({ dm_channel: 'D0KNOWN' }).execute();
      const [claimed] = await claimDeliveries(database.db, { workerId: 'w', batch: 1, leaseSeconds: 30 });
      expect(claimed!.dm_channel).toBe('D0KNOWN');
    });

    it('retries later with Retry-After or backoff, and dead-letters after maxAttempts', async () => {
      await oneDelivery();
      const claim = async () => (await claimDeliveries(database.db, { workerId: 'w', batch: 1, leaseSeconds: 30 }))[0]!;
      const ready = () => database.db.updateTable('checkin_deliveries').set({ run_after: sql<Date>`now() - interval '1 second'` }).execute();
      let row = await claim();
      const key = { id: row.id, teamId: TEAM, workerId: 'w' };
      const t0 = await dbNow(database.db);
      expect(await retryLater(database.db, { ...key, error: 'ratelimited', retryAfterSeconds: 30, maxAttempts: 3 })).toBe('pending');
      let stored = await database.db.selectFrom('checkin_deliveries').selectAll().executeTakeFirstOrThrow();
      expect(stored.run_after.getTime() - t0.getTime()).toBeGreaterThanOrEqual(29_000);
      expect(stored.run_after.getTime() - t0.getTime()).toBeLessThan(40_000);
      expect(stored).toMatchObject({ status: 'pending', last_error: 'ratelimited', locked_by: null });
      expect(await claimDeliveries(database.db, { workerId: 'w', batch: 1, leaseSeconds: 30 })).toHaveLength(0);

      await ready();
      row = await claim();
      expect(row.attempts).toBe(2);
      expect(await retryLater(database.db, { ...key, error: 'internal_error', maxAttempts: 3 })).toBe('pending');
      stored = await database.db.selectFrom('checkin_deliveries').selectAll().executeTakeFirstOrThrow();
      // exp(2) ≈ 7.4 s of backoff after two attempts.
      expect(stored.run_after.getTime() - (await dbNow(database.db)).getTime()).toBeGreaterThan(6000);

      await ready();
      row = await claim();
      expect(await retryLater(database.db, { ...key, error: 'internal_error', maxAttempts: 3 })).toBe('dead');
    });

    it('releases unstarted rows without counting an attempt, and parks ambiguous ones as dead', async () => {
      await oneDelivery(2);
      const rows = await claimDeliveries(database.db, { workerId: 'w', batch: 2, leaseSeconds: 30 });
      expect(await releaseDeliveries(database.db, { ids: [rows[0]!.id], workerId: 'other' })).toBe(0);
      expect(await releaseDeliveries(database.db, { ids: [rows[0]!.id], workerId: 'w' })).toBe(1);
      expect(await parkAmbiguous(database.db, { id: rows[1]!.id, teamId: TEAM, workerId: 'w', error: 'lease expired twice' })).toBe(true);
      const stored = await database.db.selectFrom('checkin_deliveries').selectAll().orderBy('id').execute();
      expect(stored[0]).toMatchObject({ status: 'pending', attempts: 0, locked_by: null });
      expect(stored[1]).toMatchObject({ status: 'dead', last_error: 'ambiguous: lease expired twice' });
    });

    it('stops a schedule after a permanent error: no next run, pending deliveries dead, scoped to the team', async () => {
      await oneDelivery(2);
      expect(await stopSchedule(database.db, 'T_OTHER', userId(0), 'user_not_found')).toBe(false);
      expect(await stopSchedule(database.db, TEAM, userId(0), 'user_not_found')).toBe(true);
      const schedule = await database.db.selectFrom('checkin_schedules').selectAll().where('user_id', '=', userId(0)).executeTakeFirstOrThrow();
      expect(schedule).toMatchObject({ next_run_at: null, stopped_reason: 'user_not_found' });
      const deliveries = await database.db.selectFrom('checkin_deliveries').select(['user_id', 'status']).orderBy('user_id').execute();
      expect(deliveries).toEqual([
        { user_id: userId(0), status: 'dead' },
        { user_id: userId(1), status: 'pending' },
      ]);
      expect(await cancelPendingDeliveries(database.db, TEAM, userId(1))).toBe(1);
    });
  });
});

describe('misfire rule', () => {
  it('the repository applies the same boundary as misfireDecision', () => {
    const due = new Date('2026-12-07T09:00:00Z');
    expect(misfireDecision(due, new Date(due.getTime() + GRACE_MS))).toBe('send');
    expect(misfireDecision(due, new Date(due.getTime() + GRACE_MS + 1))).toBe('skip');
    expect(DAY).toBe(24 * HOUR);
  });
});
