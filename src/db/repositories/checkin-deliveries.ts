import { sql, type Kysely, type QueryCreator, type RawBuilder, type Transaction } from 'kysely';
import type { Insertable } from 'kysely';
import { localDateIn } from '../../time/check-in-time.js';
import type { Cadence, CheckinDeliveriesTable, CheckinDeliveryRow, CheckinScheduleRow, Database, DeliveryStatus } from '../schema.js';
import { followUpKey, leadOf, leadsStillSharedWith, markFollowedUp, pendingFollowUpsOf, refreshFollowUpAt, type FollowUpTime } from './follow-ups.js';
import { planFollowUp } from './follow-up-plan.js';

/**
 * The check-in outbox (docs/check-in-delivery.md). Two steps, both safe to run on every replica at once:
 *
 *  1. `emitDueOccurrences`: in ONE transaction, lock due schedules (`FOR UPDATE SKIP LOCKED`), insert one delivery
 *     per occurrence (`UNIQUE (schedule_id, occurrence_at)` is the idempotency key) and advance the cursor. The
 *     delivery row and the cursor move commit together or not at all, so an occurrence is neither lost nor doubled.
 *  2. `claimDeliveries` → (Slack call, outside any transaction) → `markSent` / `retryLater` / `markDead` …: a lease
 *     (`locked_by`, `locked_until`) gives at-least-once delivery; every write after the claim is FENCED on
 *     `locked_by = me and status = 'sending'`, so a worker whose lease was taken over cannot overwrite the new owner.
 *
 * "Due" and every lease are decided by the DATABASE clock (`now()`), never the app server's clock, so a skewed or
 * jumping app clock cannot send early or twice. Only `emitDueOccurrences` accepts an `asOf` override, for the
 * `tick --at` operator command and tests.
 *
 * Every function takes `team_id` or returns it; keyed writes include it as well as the primary key, so a bug that
 * mixes up ids can never touch another workspace's rows.
 */

type Db = Kysely<Database> | Transaction<Database>;

/**
 * An update only the current lease holder can make, and only while the row is `sending`: the fence that keeps a
 * worker whose lease expired (and was re-claimed) from overwriting the new holder's outcome.
 */
function updateFenced(db: QueryCreator<Database>, key: DeliveryKey) {
  return db
    .updateTable('checkin_deliveries')
    .where('id', '=', key.id)
    .where('team_id', '=', key.teamId)
    .where('locked_by', '=', key.workerId)
    .where('status', '=', 'sending');
}

/** A delivery as claimed: the row plus whether the previous holder's lease had expired (outcome unknown). */
export interface ClaimedDelivery extends CheckinDeliveryRow {
  /** True when this row was `sending` under someone else's expired lease: they may or may not have posted. */
  expired_lease: boolean;
  /** The schedule's chosen cadence and the slower one in force (null: the chosen), read at claim time. */
  chosen_cadence: Cadence | null;
  effective_cadence: Exclude<Cadence, 'off'> | null;
}

/** The identity a fenced write needs: which row, in which workspace, held by which worker. */
export interface DeliveryKey {
  id: number;
  teamId: string;
  workerId: string;
}

export interface EmitResult {
  /** Due schedules locked and processed in this call (≤ batch; fewer means the backlog is drained). */
  selected: number;
  /** Deliveries inserted (an occurrence that already had a delivery is not counted). */
  emitted: number;
  /** Occurrences not sent: older than the grace window (misfires after downtime), or refused by `decide`. */
  skipped: number;
  /** Schedules whose rule could not be evaluated (e.g. a zone the runtime no longer knows): stopped, not retried. */
  invalid: number;
  /** The instant used as "now": the DB clock, or `asOf`. */
  dbNow: Date;
}

export type ComputeNext = (schedule: CheckinScheduleRow, after: Date) => Date | null;

/** A due schedule as the emit step sees it: the row plus when the person last saved an assessment. */
export type DueSchedule = CheckinScheduleRow & { last_assessed_at: Date | null };

/** Schedule columns a sent occurrence may change (the back-off state, docs/time-zones.md#back-off). */
export type ScheduleChanges = Pick<CheckinScheduleRow, 'effective_cadence' | 'unanswered_checkins' | 'anchor_date'>;

/**
 * What to do with an occurrence that is due and within the grace window: send it or skip it
 * (docs/time-zones.md#after-an-assessment), and how the schedule changes when it is sent. The next run is computed
 * from the changed schedule.
 */
export type DecideOccurrence = (schedule: DueSchedule, occurrence: Date) => { send: boolean; changes?: ScheduleChanges };

/** Safety bound for the catch-up walk below: ~19 years of weekly occurrences. Beyond it we jump straight to now. */
const MAX_CATCH_UP_STEPS = 1000;

function clockExpression(asOf: Date | undefined): RawBuilder<Date> {
  // An ISO string cast in SQL, not a JS Date parameter, so pg and PGlite serialise it identically.
  return asOf ? sql<Date>`${asOf.toISOString()}::timestamptz` : sql<Date>`now()`;
}

/**
 * Emits the deliveries for due schedules and advances their cursors, in one transaction.
 *
 * Selects at most `batch` schedules with `not paused and next_run_at <= now()` (or `<= asOf`), oldest first,
 * `FOR UPDATE SKIP LOCKED` so concurrent tickers split the work instead of waiting or doubling it. For each:
 *  - walks the cursor forward with `computeNext` to the MOST RECENT occurrence that is not in the future (after a
 *    three-week outage a weekly schedule has three missed occurrences; only the latest can still be relevant);
 *  - if that occurrence is within `graceMs` of now (the same rule as `misfireDecision` in src/time/check-in-time.ts:
 *    a lag equal to the grace is still a send) and `decide` does not skip it (too soon after an assessment),
 *    inserts a delivery for it, `on conflict do nothing`;
 *  - always sets `next_run_at = computeNext(schedule, now)`, strictly in the future, so the row is not due again.
 * A rule that throws (an unknown zone after a tzdata change, a corrupt row) is stopped with `stopped_reason`
 * rather than left due, where it would be re-selected by every tick forever.
 *
 * `run_after` of a new delivery is always the real `now()`, even with `asOf`, so `tick --at <future>` sends at once.
 * Call repeatedly until `selected < batch` to drain a backlog.
 */
export async function emitDueOccurrences(
  db: Kysely<Database>,
  options: { batch: number; graceMs: number; computeNext: ComputeNext; decide?: DecideOccurrence; asOf?: Date },
): Promise<EmitResult> {
  const clock = clockExpression(options.asOf);
  return db.transaction().execute(async (trx) => {
    const dueSchedules = () =>
      trx
        .selectFrom('checkin_schedules')
        .selectAll()
        .select(clock.as('db_now'))
        .select((eb) =>
          eb
            .selectFrom('assessments as a')
            .select((inner) => inner.fn.max('a.created_at').as('latest'))
            .whereRef('a.team_id', '=', 'checkin_schedules.team_id')
            .whereRef('a.user_id', '=', 'checkin_schedules.user_id')
            .$castTo<Date | null>()
            .as('last_assessed_at'),
        )
        .where('paused', '=', false);
    const checkinsDue = await dueSchedules().where('next_run_at', '<=', clock).orderBy('next_run_at').orderBy('id').limit(options.batch).forUpdate().skipLocked().execute();
    // Schedules with only a follow-up due (docs/follow-ups.md): the check-in query above stays as it was.
    const followUpsDue = await dueSchedules()
      .where('follow_up_at', '<=', clock)
      .where((eb) => eb.or([eb('next_run_at', 'is', null), eb('next_run_at', '>', clock)]))
      .orderBy('follow_up_at')
      .orderBy('id')
      .limit(options.batch)
      .forUpdate()
      .skipLocked()
      .execute();
    const due = [...checkinsDue, ...followUpsDue];
    if (due.length === 0) {
      const now = await sql<{ db_now: Date }>`select ${clock} as db_now`.execute(trx);
      return { selected: 0, emitted: 0, skipped: 0, invalid: 0, dbNow: now.rows[0]!.db_now };
    }
    const dbNow = due[0]!.db_now;
    const pending = await pendingFollowUpsOf(
      trx,
      due.filter((s) => s.follow_up_at !== null),
    );
    const inserts: Insertable<CheckinDeliveriesTable>[] = [];
    const noteMarks: { teamId: string; ownerId: string; scheduleId: number; occurrence: Date; noteIds: number[] }[] = [];
    const leadWanted: { teamId: string; ownerId: string; leadId: string; skillId: string; scheduleId: number; occurrence: Date; day: string }[] = [];
    const advances: { id: number; next: Date | null; state: ScheduleChanges; followUpAt: Date | null }[] = [];
    const invalid: { id: number; reason: string }[] = [];
    let skipped = 0;
    for (const { db_now: _ignored, ...schedule } of due) {
      try {
        const { effective_cadence, unanswered_checkins, anchor_date } = schedule;
        let state: ScheduleChanges = { effective_cadence, unanswered_checkins, anchor_date };
        let next = schedule.next_run_at;
        let checkinAt: Date | undefined;
        if (next !== null && next.getTime() <= dbNow.getTime()) {
          const occurrence = latestOccurrence(schedule, dbNow, options.computeNext);
          const inGrace = dbNow.getTime() - occurrence.getTime() <= options.graceMs;
          const decision = inGrace ? (options.decide?.(schedule, occurrence) ?? { send: true }) : { send: false };
          if (decision.send) {
            checkinAt = occurrence;
            state = decision.changes ?? state;
          } else {
            skipped += 1;
          }
          next = options.computeNext({ ...schedule, ...state }, dbNow);
        }
        const mine = pending.filter((n) => n.team_id === schedule.team_id && n.owner_id === schedule.user_id);
        const followUp = planFollowUp(schedule, dbNow, checkinAt, mine, options.graceMs);
        // One scheduled DM per local day: a check-in later the same day comes now, with the follow-up.
        if (followUp.emit && checkinAt === undefined && next !== null && localDateIn(schedule.tz, next) === followUp.day) {
          const at = followUp.at;
          const decision = options.decide?.(schedule, next) ?? { send: true };
          if (decision.send) {
            checkinAt = at;
            state = decision.changes ?? state;
          } else {
            skipped += 1;
          }
          next = options.computeNext({ ...schedule, ...state }, next);
        }
        const occurrence = checkinAt ?? (followUp.emit ? followUp.at : undefined);
        if (occurrence) {
          inserts.push({
            team_id: schedule.team_id,
            user_id: schedule.user_id,
            schedule_id: schedule.id,
            occurrence_at: occurrence,
            kind: checkinAt ? 'checkin' : 'follow_up',
            follow_up_on: followUp.emit ? followUp.day : null,
          });
          if (followUp.emit) {
            noteMarks.push({ teamId: schedule.team_id, ownerId: schedule.user_id, scheduleId: schedule.id, occurrence, noteIds: followUp.notes.map((n) => n.id) });
            for (const note of followUp.notes) {
              const leadId = leadOf(note);
              if (leadId) leadWanted.push({ teamId: schedule.team_id, ownerId: schedule.user_id, leadId, skillId: note.skill_id, scheduleId: schedule.id, occurrence, day: followUp.day });
            }
          }
        }
        advances.push({ id: schedule.id, next, state, followUpAt: followUp.followUpAt });
      } catch (error) {
        invalid.push({ id: schedule.id, reason: `invalid schedule: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) });
      }
    }
    // The lead's short DM, only while a share from the owner still covers that skill (checked again before sending).
    const held = await leadsStillSharedWith(trx, clock, leadWanted);
    const leadRows = new Map<string, Insertable<CheckinDeliveriesTable>>();
    for (const w of leadWanted) {
      if (!held.has(followUpKey(w.teamId, w.ownerId, w.leadId))) continue;
      leadRows.set(`${w.scheduleId}:${w.leadId}`, {
        team_id: w.teamId,
        user_id: w.leadId,
        schedule_id: w.scheduleId,
        occurrence_at: w.occurrence,
        kind: 'lead_follow_up',
        follow_up_on: w.day,
      });
    }
    let emitted = 0;
    const all = [...inserts, ...leadRows.values()];
    if (all.length > 0) {
      const result = await trx
        .insertInto('checkin_deliveries')
        .values(all)
        .onConflict((oc) => oc.columns(['schedule_id', 'occurrence_at', 'user_id']).where('notice_id', 'is', null).doNothing())
        .returning(['id', 'schedule_id', 'user_id', 'occurrence_at'])
        .execute();
      emitted = result.length;
      await markFollowedUp(
        trx,
        noteMarks.map((mark) => ({
          teamId: mark.teamId,
          noteIds: mark.noteIds,
          deliveryId: result.find((r) => r.schedule_id === mark.scheduleId && r.user_id === mark.ownerId && r.occurrence_at.getTime() === mark.occurrence.getTime())?.id ?? null,
        })),
      );
    }
    if (advances.length > 0) {
      // One statement for the whole batch: `update … from (values …)`. The rows are already locked by us.
      const values = sql.join(
        advances.map(
          (a) =>
            sql`(${a.id}::bigint, ${a.next ? a.next.toISOString() : null}::timestamptz, ${a.state.effective_cadence}::text, ${a.state.unanswered_checkins}::integer, ${a.state.anchor_date}::date, ${a.followUpAt ? a.followUpAt.toISOString() : null}::timestamptz)`,
        ),
      );
      await sql`
        update checkin_schedules as s
           set next_run_at = v.next_run_at, effective_cadence = v.effective_cadence, unanswered_checkins = v.unanswered_checkins,
               anchor_date = v.anchor_date, follow_up_at = v.follow_up_at, updated_at = now()
          from (values ${values}) as v(id, next_run_at, effective_cadence, unanswered_checkins, anchor_date, follow_up_at)
         where s.id = v.id`.execute(trx);
    }
    for (const row of invalid) {
      await trx
        .updateTable('checkin_schedules')
        .set({ next_run_at: null, follow_up_at: null, stopped_reason: row.reason, updated_at: sql<Date>`now()` })
        .where('id', '=', row.id)
        .execute();
    }
    return { selected: due.length, emitted, skipped, invalid: invalid.length, dbNow };
  });
}

/** The latest occurrence at or before `now`, starting from the (due) cursor. */
function latestOccurrence(schedule: CheckinScheduleRow, now: Date, computeNext: ComputeNext): Date {
  let occurrence = schedule.next_run_at!;
  for (let step = 0; step < MAX_CATCH_UP_STEPS; step++) {
    const next = computeNext(schedule, occurrence);
    if (!next || next.getTime() > now.getTime()) return occurrence;
    occurrence = next;
  }
  return occurrence; // decades behind: certainly outside the grace window, so it is skipped anyway
}

/**
 * Claims up to `batch` deliveries for `workerId` with a lease of `leaseSeconds`, in one statement
 * (`WITH next AS (SELECT … FOR UPDATE SKIP LOCKED) UPDATE … RETURNING`, the pg-boss / graphile-worker shape).
 *
 * Claimable: `pending` rows whose `run_after` has passed, and `sending` rows whose lease expired (their holder
 * crashed, hung, or lost its connection mid-send: `expired_lease = true`, and the caller must check Slack before
 * re-sending). `attempts` counts claims. `dm_channel` is filled from the schedule when the delivery lacks it, so
 * the caller can reconcile without another query. The lease must be much longer than one Slack call's timeout.
 */
export async function claimDeliveries(db: Kysely<Database>, options: { workerId: string; batch: number; leaseSeconds: number }): Promise<ClaimedDelivery[]> {
  const rows = await db
    .with('next', (qb) =>
      qb
        .selectFrom('checkin_deliveries')
        .select(['id', sql<boolean>`status = 'sending'`.as('expired_lease')])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_after', '<=', sql<Date>`now()`)]),
            eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', sql<Date>`now()`)]),
          ]),
        )
        .orderBy('run_after')
        .orderBy('id')
        .limit(options.batch)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('checkin_deliveries as d')
    .from('next')
    .set({
      status: 'sending',
      attempts: sql<number>`d.attempts + 1`,
      locked_by: options.workerId,
      locked_until: sql<Date>`now() + make_interval(secs => ${options.leaseSeconds})`,
      // The recipient's own DM channel: a lead's follow-up rides on the owner's schedule but goes to the lead.
      dm_channel: sql<string | null>`coalesce(d.dm_channel, (select s.dm_channel from checkin_schedules s where s.team_id = d.team_id and s.user_id = d.user_id))`,
    })
    .whereRef('d.id', '=', 'next.id')
    .returningAll('d')
    .returning('next.expired_lease')
    // What the DM says about a back-off is read now, so a "Keep weekly" pressed since the emit is already seen.
    .returning(sql<Cadence | null>`(select s.cadence from checkin_schedules s where s.id = d.schedule_id and s.team_id = d.team_id)`.as('chosen_cadence'))
    .returning(
      sql<Exclude<Cadence, 'off'> | null>`(select s.effective_cadence from checkin_schedules s where s.id = d.schedule_id and s.team_id = d.team_id)`.as('effective_cadence'),
    )
    .execute();
  return rows.sort((a, b) => a.run_after.getTime() - b.run_after.getTime() || a.id - b.id);
}

/** A post Slack accepted: which delivery, and where the message is. */
export interface SentDelivery {
  id: number;
  teamId: string;
  slackTs: string;
  channel: string;
}

/**
 * Success: `sent`, with Slack's `ts` and channel, and the message recorded in sent_messages (it shows the person's
 * goals, so `/skill forget` deletes it). Fenced: only the current lease holder, only from `sending`.
 * Returns false when the fence failed (our lease expired and someone else re-claimed the row: they will find our
 * message through its metadata and mark it themselves).
 */
export async function markSent(db: Db, key: DeliveryKey & { slackTs: string; channel: string }): Promise<boolean> {
  const marked = await markSentMany(db, { workerId: key.workerId, sent: [key] });
  return marked.has(key.id);
}

/**
 * `markSent` for a set of posts in ONE statement (`update … from (values …)`), each row fenced as `markSent` is
 * (its own id and workspace, `locked_by = workerId`, `status = 'sending'`). Returns the ids it marked; an id
 * missing from the answer lost its lease (docs/check-in-delivery.md#marking-sent-in-sets).
 */
export async function markSentMany(db: Db, options: { workerId: string; sent: readonly SentDelivery[] }): Promise<Set<number>> {
  if (options.sent.length === 0) return new Set();
  const values = sql.join(options.sent.map((s) => sql`(${s.id}::bigint, ${s.teamId}::text, ${s.slackTs}::text, ${s.channel}::text)`));
  // One statement: each delivery is `sent` and its message is on record for `/skill forget` (sent_messages), or
  // neither. Data-modifying WITH clauses always run to completion, whether or not the final select reads them.
  const result = await sql<{ id: number | string }>`
    with v (id, team_id, ts, channel) as (values ${values}),
    sent as (
      update checkin_deliveries as d
         set status = 'sent', slack_ts = v.ts, dm_channel = v.channel, sent_at = now(), locked_by = null, locked_until = null, last_error = null
        from v
       where d.id = v.id and d.team_id = v.team_id and d.locked_by = ${options.workerId} and d.status = 'sending'
      returning d.id, d.team_id, d.user_id, v.channel, v.ts
    ),
    recorded as (
      insert into sent_messages (team_id, user_id, channel, ts, kind)
      -- Slack always returns a ts for a post; without one there is no message to point at.
      select team_id, user_id, channel, ts, 'checkin' from sent where ts <> ''
      on conflict (team_id, channel, ts) do nothing
    )
    select id from sent`.execute(db);
  return new Set(result.rows.map((r) => Number(r.id)));
}

/**
 * A definite, retryable failure (Slack answered 429, `ok:false` with a transient error, a 5xx): back to `pending`
 * with `run_after` pushed out by `retryAfterSeconds` (Slack's Retry-After) or, without it, by graphile-worker's
 * backoff `exp(min(attempts, 10))` s (2.7 s, 7.4 s, 20 s, 55 s, 2.5 min … about 50 min at attempt 8). Once
 * `attempts >= maxAttempts` the row goes `dead` instead, so nothing retries forever. Fenced.
 * Returns the new status, or undefined when the fence failed.
 */
export async function retryLater(
  db: Db,
  key: DeliveryKey & { error: string; retryAfterSeconds?: number; maxAttempts: number },
): Promise<DeliveryStatus | undefined> {
  const delay =
    key.retryAfterSeconds !== undefined
      ? sql`make_interval(secs => ${Math.max(0, key.retryAfterSeconds)})`
      : sql`exp(least(checkin_deliveries.attempts, 10)) * interval '1 second'`;
  const row = await updateFenced(db, key)
    .set({
      status: sql<DeliveryStatus>`case when checkin_deliveries.attempts >= ${key.maxAttempts} then 'dead' else 'pending' end`,
      run_after: sql<Date>`greatest(now(), checkin_deliveries.run_after) + ${delay}`,
      last_error: key.error.slice(0, 500),
      locked_by: null,
      locked_until: null,
    })
    .returning('status')
    .executeTakeFirst();
  return row?.status;
}

/**
 * Gives claimed rows back untouched (status `pending`, run now, attempt not counted) because this worker will not
 * get to them in time: its pass is ending, or too little of the lease is left for one more Slack call. Nothing was
 * sent for them, so this is always safe. Fenced; returns how many were released.
 */
export async function releaseDeliveries(db: Db, options: { ids: readonly number[]; workerId: string }): Promise<number> {
  if (options.ids.length === 0) return 0;
  const result = await db
    .updateTable('checkin_deliveries')
    .set({ status: 'pending', attempts: sql<number>`greatest(checkin_deliveries.attempts - 1, 0)`, locked_by: null, locked_until: null })
    .where('id', 'in', [...options.ids])
    .where('locked_by', '=', options.workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** `last_error` prefix marking a delivery whose previous attempt may have posted (the next holder looks in the DM first). */
export const UNCERTAIN_PREFIX = 'uncertain:';

/**
 * At shutdown, gives back every delivery this worker still holds (docs/check-in-delivery.md#shutting-down) instead
 * of leaving its lease to expire: `pending`, to run now. Such a row was being sent when we stopped waiting, so Slack
 * may have posted it: it keeps its attempt and gets the `uncertain:` mark, and the next holder looks in the DM
 * before sending, as after an expired lease. Fenced on `locked_by`; returns how many were given back.
 */
export async function releaseHeldDeliveries(db: Db, options: { workerId: string; error: string }): Promise<number> {
  const result = await db
    .updateTable('checkin_deliveries')
    .set({ status: 'pending', run_after: sql<Date>`now()`, last_error: options.error.slice(0, 500), locked_by: null, locked_until: null })
    .where('locked_by', '=', options.workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A definite, permanent failure (the user is gone, the token is revoked, Slack rejected the payload): `dead`. Fenced. */
export async function markDead(db: Db, key: DeliveryKey & { error: string }): Promise<boolean> {
  const result = await updateFenced(db, key)
    .set({ status: 'dead', last_error: key.error.slice(0, 500), locked_by: null, locked_until: null })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Nobody should get this delivery any more (a lead's share ended, the follow-up's notes are gone): `cancelled`. Fenced. */
export async function markCancelled(db: Db, key: DeliveryKey & { reason: string }): Promise<boolean> {
  const result = await updateFenced(db, key)
    .set({ status: 'cancelled', last_error: `cancelled: ${key.reason}`.slice(0, 500), locked_by: null, locked_until: null })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records that we are about to re-send without proof that the previous attempt failed (its lease expired and the
 * DM history did not show the message). The protocol allows this ONCE per delivery (`blind_resends` ≤ 1), which
 * bounds duplicates to one per check-in. Fenced; false means we no longer hold the row and must not send.
 */
export async function bumpBlindResends(db: Db, key: DeliveryKey): Promise<boolean> {
  const result = await updateFenced(db, key)
    .set({ blind_resends: sql<number>`checkin_deliveries.blind_resends + 1` })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Parks a delivery whose outcome stayed unknown twice (a second expired lease after the one allowed blind re-send):
 * `dead` with `last_error = 'ambiguous: …'`, for an operator to look at. Sending a third copy is worse than a
 * visible dead letter. Fenced.
 */
export async function parkAmbiguous(db: Db, key: DeliveryKey & { error: string }): Promise<boolean> {
  return markDead(db, { ...key, error: `ambiguous: ${key.error}` });
}

/**
 * Stops a person's schedule for good after a permanent Slack error (`user_not_found`, `account_inactive`,
 * `token_revoked` …): `next_run_at = null` (never due again) and `stopped_reason`, and their other pending
 * deliveries become `dead` instead of failing one by one. Editing the schedule (upsertSchedule) clears the stop.
 * Returns whether a schedule was stopped.
 */
export async function stopSchedule(db: Kysely<Database>, teamId: string, userId: string, reason: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('checkin_schedules')
      .set({ next_run_at: null, follow_up_at: null, stopped_reason: reason.slice(0, 500), updated_at: sql<Date>`now()` })
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    await trx
      .updateTable('checkin_deliveries')
      .set({ status: 'dead', last_error: `schedule stopped: ${reason}`.slice(0, 500) })
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .execute();
    return Number(result.numUpdatedRows) > 0;
  });
}

/** Whether the message at (`channel`, `ts`) is a check-in we sent this person (a click on it is an answer). */
export async function isCheckinMessage(db: Kysely<Database>, key: { teamId: string; userId: string; channel: string; ts: string }): Promise<boolean> {
  const row = await db
    .selectFrom('checkin_deliveries')
    .select('id')
    .where('team_id', '=', key.teamId)
    .where('user_id', '=', key.userId)
    .where('dm_channel', '=', key.channel)
    .where('slack_ts', '=', key.ts)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Drops a person's not-yet-claimed check-ins (they paused or snoozed: a queued retry must not arrive anyway).
 * Rows being sent right now are left alone; they are already on their way. So are follow-ups: their notes are
 * marked as followed up, and dropping the row would lose them (a pause gives them back with `holdQueuedFollowUps`).
 * Returns how many were dropped.
 */
export async function cancelPendingDeliveries(db: Kysely<Database>, teamId: string, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('checkin_deliveries')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .where('kind', '=', 'checkin')
    .where('follow_up_on', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A pause holds follow-ups too (docs/follow-ups.md#done-moving-forgetting): the owner's follow-ups already in the
 * outbox but not yet being sent (a retry waiting, or a row not yet claimed) go back to their notes — the rows are
 * deleted, with the lead's DMs of the same occurrence, and the notes unmarked — and the schedule points at them
 * again, so the emit step plans them after the pause. An occurrence whose owner or lead row is already being sent,
 * sent, or was tried in a way that may have posted (`uncertain:`) is on its way and stays as it is (taking half of
 * it back would send the other half twice). The pending rows are locked first, so no worker can claim one
 * meanwhile. Returns how many of the owner's follow-up deliveries went back.
 */
export async function holdQueuedFollowUps(db: Kysely<Database>, teamId: string, ownerId: string, at: FollowUpTime): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const schedule = await trx.selectFrom('checkin_schedules').select('id').where('team_id', '=', teamId).where('user_id', '=', ownerId).forUpdate().executeTakeFirst();
    if (!schedule) return 0;
    const rows = await trx
      .selectFrom('checkin_deliveries')
      .select(['id', 'user_id', 'occurrence_at', 'status', 'last_error'])
      .where('team_id', '=', teamId)
      .where('schedule_id', '=', schedule.id)
      .where('follow_up_on', 'is not', null)
      .forUpdate()
      .execute();
    // Being sent, sent, or tried in a way that may have posted: on its way.
    const onItsWay = (r: (typeof rows)[number]) => r.status !== 'pending' || (r.last_error?.startsWith(UNCERTAIN_PREFIX) ?? false);
    const started = new Set(rows.filter(onItsWay).map((r) => r.occurrence_at.getTime()));
    const held = rows.filter((r) => r.status === 'pending' && !started.has(r.occurrence_at.getTime()));
    if (held.length === 0) return 0;
    const ownerRows = held.filter((r) => r.user_id === ownerId).map((r) => r.id);
    if (ownerRows.length > 0) {
      await trx
        .updateTable('conversation_notes')
        .set({ followed_up_at: null, follow_up_delivery_id: null })
        .where('team_id', '=', teamId)
        .where('owner_id', '=', ownerId)
        .where('follow_up_delivery_id', 'in', ownerRows)
        .execute();
    }
    await trx
      .deleteFrom('checkin_deliveries')
      .where('team_id', '=', teamId)
      .where('id', 'in', held.map((r) => r.id))
      .where('status', '=', 'pending')
      .execute();
    await refreshFollowUpAt(trx, teamId, ownerId, at);
    return ownerRows.length;
  });
}

/**
 * Stores the DM channel from `conversations.open` on the schedule (so it is opened once per person, not once per
 * check-in) and on the delivery (so a worker that re-claims it after a crash knows where to look for the message).
 * The delivery update is fenced: only the lease holder writes it.
 */
export async function saveDmChannel(db: Kysely<Database>, key: DeliveryKey & { userId: string; channel: string }): Promise<void> {
  // One statement (a data-modifying CTE) rather than a transaction: one round trip per first DM, atomic all the same.
  await db
    .with('schedule', (qb) =>
      qb.updateTable('checkin_schedules').set({ dm_channel: key.channel }).where('team_id', '=', key.teamId).where('user_id', '=', key.userId).returning('id'),
    )
    .updateTable('checkin_deliveries')
    .set({ dm_channel: key.channel })
    .where('id', '=', key.id)
    .where('team_id', '=', key.teamId)
    .where('locked_by', '=', key.workerId)
    .execute();
}
