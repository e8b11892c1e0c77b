import type { Kysely } from 'kysely';
import type { ConversationNoteRow, Database } from '../schema.js';

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

export async function addConversationNote(db: Kysely<Database>, note: NewConversationNote): Promise<ConversationNoteRow> {
  return db
    .insertInto('conversation_notes')
    .values({ team_id: note.teamId, owner_id: note.ownerId, author_id: note.authorId, other_id: note.otherId, skill_id: note.skillId, steps: note.steps, follow_up_on: note.followUpOn, created_at: note.now })
    .returningAll()
    .executeTakeFirstOrThrow();
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
