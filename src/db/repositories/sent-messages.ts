import type { Kysely } from 'kysely';
import type { Database, SentMessageKind, SentMessageRow } from '../schema.js';

/**
 * Our messages that carry a person's data (assessment confirmations, check-ins): where each was posted, so
 * `/skill forget` can delete them from Slack. The one place this is kept; every query is scoped by team.
 */

/** One message in a workspace: Slack identifies a message by its channel and ts. */
export interface MessageRef {
  channel: string;
  ts: string;
}

export interface SentMessage extends MessageRef {
  teamId: string;
  userId: string;
  kind: SentMessageKind;
}

/** Remembers a posted message. Recording the same message twice (a retried write) keeps one row. */
export async function recordSentMessage(db: Kysely<Database>, message: SentMessage): Promise<void> {
  await db
    .insertInto('sent_messages')
    .values({ team_id: message.teamId, user_id: message.userId, channel: message.channel, ts: message.ts, kind: message.kind })
    .onConflict((oc) => oc.columns(['team_id', 'channel', 'ts']).doNothing())
    .execute();
}

/** A person's recorded messages, oldest first. */
export async function listSentMessages(db: Kysely<Database>, teamId: string, userId: string): Promise<SentMessageRow[]> {
  return db.selectFrom('sent_messages').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).orderBy('created_at').orderBy('ts').execute();
}

/** How many of a person's messages are on record (what `/skill forget` would delete from Slack). */
export async function countSentMessages(db: Kysely<Database>, teamId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('sent_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
