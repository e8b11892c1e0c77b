import type { Kysely } from 'kysely';
import type { ConversationNoteRow, Database } from '../schema.js';
import { pendingFollowUp, refreshFollowUpAt, type FollowUpTime } from './follow-ups.js';

/** Conversation notes (docs/one-on-one-brief.md#agreed-next-steps): append-only, every query scoped by team. */

export interface NewConversationNote {
  teamId: string;
  ownerId: string;
  authorId: string;
  /** Null when the owner recorded without naming the other person. */
  otherId: string | null;
  skillId: string;
  steps: string;
  followUpOn: string | null;
  now: Date;
}

/**
 * Saves a note and, in the same transaction, points the owner's schedule at their earliest pending follow-up
 * (docs/follow-ups.md), with the schedule row locked first so a scheduler pass cannot decide about it halfway.
 * Returns the note and when its owner's next follow-up is due (null: none, or no schedule to carry it).
 */
export async function addConversationNote(db: Kysely<Database>, note: NewConversationNote, followUpTime: FollowUpTime): Promise<{ note: ConversationNoteRow; followUpAt: Date | null }> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('checkin_schedules').select('id').where('team_id', '=', note.teamId).where('user_id', '=', note.ownerId).forUpdate().execute();
    const row = await trx
      .insertInto('conversation_notes')
      .values({ team_id: note.teamId, owner_id: note.ownerId, author_id: note.authorId, other_id: note.otherId, skill_id: note.skillId, steps: note.steps, follow_up_on: note.followUpOn, created_at: note.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const followUpAt = note.followUpOn === null ? null : await refreshFollowUpAt(trx, note.teamId, note.ownerId, followUpTime);
    return { note: row, followUpAt };
  });
}

/**
 * Moves a pending follow-up to another date (the steps stay as agreed: only the date is scheduling). Only the owner's
 * own note, only while its follow-up is not yet sent. Returns the owner's next follow-up instant, or undefined when
 * the note is not theirs or no longer pending.
 */
export async function moveFollowUp(
  db: Kysely<Database>,
  key: { teamId: string; ownerId: string; noteId: number; followUpOn: string | null },
  followUpTime: FollowUpTime,
): Promise<{ followUpAt: Date | null } | undefined> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('checkin_schedules').select('id').where('team_id', '=', key.teamId).where('user_id', '=', key.ownerId).forUpdate().execute();
    const moved = await trx
      .updateTable('conversation_notes')
      .set({ follow_up_on: key.followUpOn })
      .where('team_id', '=', key.teamId)
      .where('owner_id', '=', key.ownerId)
      .where('id', '=', key.noteId)
      .where(pendingFollowUp)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return undefined;
    return { followUpAt: await refreshFollowUpAt(trx, key.teamId, key.ownerId, followUpTime) };
  });
}

/** The newest note of each of the owner's skills, newest first. Readers other than the owner go through the access check. */
export async function listLatestNotes(db: Kysely<Database>, teamId: string, ownerId: string): Promise<ConversationNoteRow[]> {
  const rows = await db
    .selectFrom('conversation_notes')
    .selectAll()
    .distinctOn('skill_id')
    .where('team_id', '=', teamId)
    .where('owner_id', '=', ownerId)
    .orderBy('skill_id')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id - a.id);
}

/** The owner's own note whose follow-up can still move (dated, not yet sent, not done); undefined otherwise. */
export async function findMovableNote(db: Kysely<Database>, teamId: string, ownerId: string, noteId: number): Promise<ConversationNoteRow | undefined> {
  return db
    .selectFrom('conversation_notes')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('owner_id', '=', ownerId)
    .where('id', '=', noteId)
    .where(pendingFollowUp)
    .executeTakeFirst();
}
