import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { CheckinDeliveryRow, CheckinScheduleRow, ConversationNoteRow, Database } from '../schema.js';

/**
 * Follow-ups of agreed next steps (docs/follow-ups.md). A schedule points at its owner's earliest pending follow-up
 * (`follow_up_at`); the emit step of the check-in outbox (checkin-deliveries.ts) turns a due one into deliveries in
 * the same transaction that advances the schedule, so a follow-up is neither lost nor doubled, and a check-in due the
 * same local day travels in the same message. The pointer is only ever written with the schedule row locked.
 */

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A follow-up still to come: its note has a date, is not yet in the outbox and not done. The one definition every
 * query about pending follow-ups uses.
 */
export function pendingFollowUp(eb: ExpressionBuilder<Database, 'conversation_notes'>) {
  return eb.and([eb('follow_up_on', 'is not', null), eb('followed_up_at', 'is', null), eb('done_at', 'is', null)]);
}

/** A note whose follow-up is still to be put in the outbox, as the emit step needs it. */
export type PendingFollowUp = Pick<ConversationNoteRow, 'id' | 'team_id' | 'owner_id' | 'author_id' | 'other_id' | 'skill_id'> & { follow_up_on: string };

/** The other person of a note, seen from its owner: who gets the lead's DM. Null when there is none (or they forgot themselves). */
export function leadOf(note: Pick<ConversationNoteRow, 'owner_id' | 'author_id' | 'other_id'>): string | null {
  const lead = note.author_id !== null && note.author_id !== note.owner_id ? note.author_id : note.other_id;
  return lead !== null && lead !== note.owner_id ? lead : null;
}

/** Pending follow-ups of these owners (date set, not yet in the outbox, not done), earliest first. Used inside the emit transaction. */
export async function pendingFollowUpsOf(trx: Transaction<Database>, owners: readonly Pick<CheckinScheduleRow, 'team_id' | 'user_id'>[]): Promise<PendingFollowUp[]> {
  if (owners.length === 0) return [];
  const rows = await trx
    .selectFrom('conversation_notes')
    .select(['id', 'team_id', 'owner_id', 'author_id', 'other_id', 'skill_id', 'follow_up_on'])
    .where((eb) => eb(eb.refTuple('team_id', 'owner_id'), 'in', owners.map((o) => eb.tuple(o.team_id, o.user_id))))
    .where(pendingFollowUp)
    .orderBy('follow_up_on')
    .orderBy('id')
    .execute();
  return rows as PendingFollowUp[];
}

/** Which of these (owner, lead, skill) triples a share still covers at `clock`: the lead's DM goes only to them. */
export async function leadsStillSharedWith(
  trx: Transaction<Database>,
  clock: RawBuilder<Date>,
  wanted: readonly { teamId: string; ownerId: string; leadId: string; skillId: string }[],
): Promise<Set<string>> {
  if (wanted.length === 0) return new Set();
  const shares = await trx
    .selectFrom('growth_shares')
    .select(['team_id', 'owner_id', 'viewer_id', 'skill_ids'])
    .where((eb) => eb(eb.refTuple('team_id', 'owner_id', 'viewer_id'), 'in', wanted.map((w) => eb.tuple(w.teamId, w.ownerId, w.leadId))))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', clock)]))
    .execute();
  const held = new Set<string>();
  for (const w of wanted) {
    const share = shares.find((s) => s.team_id === w.teamId && s.owner_id === w.ownerId && s.viewer_id === w.leadId);
    if (share && (share.skill_ids === null || share.skill_ids.includes(w.skillId))) held.add(followUpKey(w.teamId, w.ownerId, w.leadId));
  }
  return held;
}

export function followUpKey(teamId: string, ownerId: string, leadId: string): string {
  return `${teamId}:${ownerId}:${leadId}`;
}

/** Marks notes as put in the outbox by the owner's delivery `deliveryId` (null when its row already existed). */
export async function markFollowedUp(trx: Transaction<Database>, marks: readonly { noteIds: number[]; teamId: string; deliveryId: number | null }[]): Promise<void> {
  for (const mark of marks) {
    if (mark.noteIds.length === 0) continue;
    await trx
      .updateTable('conversation_notes')
      .set({ followed_up_at: sql<Date>`now()`, follow_up_delivery_id: mark.deliveryId })
      .where('team_id', '=', mark.teamId)
      .where('id', 'in', mark.noteIds)
      .execute();
  }
}

/** When a follow-up dated `date` is due for this schedule's owner (src/time/check-in-time.ts, `checkinTimeOn`). */
export type FollowUpTime = (schedule: CheckinScheduleRow, date: string) => Date;

/**
 * Points the owner's schedule at their earliest pending follow-up (`at(date)`: the check-in time on that local date),
 * or at none. Locks the schedule row first, so it cannot interleave with an emit step deciding about the same
 * schedule. Without a schedule (never assessed) there is nothing to point: returns null. Runs inside the caller's
 * transaction (saving a note, moving its date).
 */
export async function refreshFollowUpAt(trx: Transaction<Database>, teamId: string, ownerId: string, at: FollowUpTime): Promise<Date | null> {
  const schedule = await trx.selectFrom('checkin_schedules').selectAll().where('team_id', '=', teamId).where('user_id', '=', ownerId).forUpdate().executeTakeFirst();
  if (!schedule) return null;
  const earliest = await trx
    .selectFrom('conversation_notes')
    .select((eb) => eb.fn.min('follow_up_on').as('date'))
    .where('team_id', '=', teamId)
    .where('owner_id', '=', ownerId)
    .where(pendingFollowUp)
    .executeTakeFirst();
  const date = (earliest?.date as string | null | undefined) ?? null;
  const followUpAt = date && schedule.stopped_reason === null ? at(schedule, date) : null;
  await trx.updateTable('checkin_schedules').set({ follow_up_at: followUpAt }).where('id', '=', schedule.id).where('team_id', '=', teamId).execute();
  return followUpAt;
}

/**
 * Points the owner's schedule at their follow-up again after their check-in time or zone changed, so it comes at the
 * new time on the agreed day (the pointer is always at a check-in time). A date already past is left to the emit
 * step's rules (docs/follow-ups.md#when-it-comes), which move it on.
 */
export function repointFollowUp(db: Kysely<Database>, teamId: string, ownerId: string, at: FollowUpTime): Promise<Date | null> {
  return db.transaction().execute((trx) => refreshFollowUpAt(trx, teamId, ownerId, at));
}

/** The notes a follow-up delivery shows: the owner's (by the delivery that carried them) or, for the lead, those they took part in. */
export async function notesOfFollowUp(db: Kysely<Database>, row: Pick<CheckinDeliveryRow, 'id' | 'team_id' | 'user_id' | 'schedule_id' | 'occurrence_at' | 'kind'>): Promise<ConversationNoteRow[]> {
  if (row.kind !== 'lead_follow_up') {
    return db.selectFrom('conversation_notes').selectAll().where('team_id', '=', row.team_id).where('follow_up_delivery_id', '=', row.id).orderBy('follow_up_on').orderBy('id').execute();
  }
  return db
    .selectFrom('conversation_notes as n')
    .innerJoin('checkin_deliveries as owner', (join) => join.onRef('owner.id', '=', 'n.follow_up_delivery_id').onRef('owner.team_id', '=', 'n.team_id'))
    .selectAll('n')
    .where('n.team_id', '=', row.team_id)
    .where('owner.schedule_id', '=', row.schedule_id)
    .where('owner.occurrence_at', '=', row.occurrence_at)
    .where((eb) => eb.or([eb('n.author_id', '=', row.user_id), eb('n.other_id', '=', row.user_id)]))
    .orderBy('n.follow_up_on')
    .orderBy('n.id')
    .execute();
}

/** Done on a follow-up: the owner's notes carried by that delivery are marked done. Returns how many. */
export async function markFollowUpsDone(db: Db, key: { teamId: string; ownerId: string; deliveryId: number; at: Date }): Promise<number> {
  const result = await db
    .updateTable('conversation_notes')
    .set({ done_at: key.at })
    .where('team_id', '=', key.teamId)
    .where('owner_id', '=', key.ownerId)
    .where('follow_up_delivery_id', '=', key.deliveryId)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * A delivery that carried follow-ups, for **Done**: only when it was addressed to this person in this workspace, so a
 * click (or a forged value) cannot reach someone else's notes.
 */
export async function findFollowUpDelivery(db: Kysely<Database>, key: { teamId: string; userId: string; deliveryId: number }): Promise<Pick<CheckinDeliveryRow, 'id' | 'kind' | 'follow_up_on'> | undefined> {
  return db
    .selectFrom('checkin_deliveries')
    .select(['id', 'kind', 'follow_up_on'])
    .where('team_id', '=', key.teamId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.deliveryId)
    .where('follow_up_on', 'is not', null)
    .executeTakeFirst();
}

/**
 * The lead's follow-up DMs not yet sent for this owner → viewer pair become `cancelled` (the share was revoked).
 * One being sent right now checks the share itself before posting (services/follow-ups.ts), so it is not left to chance.
 */
export async function cancelLeadFollowUps(db: Db, teamId: string, ownerId: string, leadId: string): Promise<number> {
  const result = await db
    .updateTable('checkin_deliveries')
    .set({ status: 'cancelled', last_error: 'cancelled: the share ended' })
    .where('team_id', '=', teamId)
    .where('user_id', '=', leadId)
    .where('kind', '=', 'lead_follow_up')
    .where('status', '=', 'pending')
    .where('schedule_id', 'in', (eb) => eb.selectFrom('checkin_schedules').select('id').where('team_id', '=', teamId).where('user_id', '=', ownerId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
