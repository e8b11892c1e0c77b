import type { WebClient } from '@slack/web-api';
import { deleteUserData, type DeletedCounts } from '../db/repositories/forget.js';
import { listSentMessages, type MessageRef } from '../db/repositories/sent-messages.js';
import type { SentMessageKind } from '../db/schema.js';
import { settleWithin } from '../deadline.js';
import type { Deps } from '../deps.js';
import { listOpenShareDms } from '../db/repositories/growth-shares.js';
import { forgetStanding } from './personal-marks.js';
import { retireShareDm } from './share-notices.js';

/**
 * `/skill forget`, confirmed: first our messages that carry the person's data are deleted from Slack, then their
 * rows. Slack never blocks the data deletion: each chat.delete has a deadline, the whole sweep has a budget, and a
 * message that could not be deleted is counted, logged and kept on record so a later `/skill forget` retries it.
 */

/** One chat.delete: past this we stop waiting (it may still happen; the record stays, and a retry is harmless). */
const DELETE_CALL_MS = 3000;
/** Stop starting new deletions after this long: the data must go, and the person is waiting for the answer. */
const SWEEP_BUDGET_MS = 15_000;
/** chat.delete is a Tier 3 method (about 50 a minute): a few at a time finishes a year of check-ins quickly. */
const PARALLEL_DELETES = 4;
/** Slack's answers meaning the message is already gone: nothing left to delete. */
const ALREADY_GONE = new Set(['message_not_found', 'channel_not_found', 'file_not_found', 'file_deleted']);

export interface ForgetResult extends DeletedCounts {
  /** Our messages deleted from Slack (or found already gone). */
  messagesDeleted: number;
  /** Our messages Slack did not delete in time or refused to: still in the DM, still on record. */
  messagesLeft: number;
}

export async function forgetPerson(deps: Deps, client: WebClient, teamId: string, userId: string): Promise<ForgetResult> {
  // Shares given or received go with the person: their viewer DMs first stop offering Open (docs/sharing.md#forgetting).
  await retireSharesOf(deps, client, teamId, userId);
  const messages = await listSentMessages(deps.db, teamId, userId);
  const removed = await deleteFromSlack(deps, client, { teamId, userId }, messages);
  const counts = await deleteUserData(deps.db, teamId, userId, removed);
  forgetStanding(deps, teamId, userId);
  return { ...counts, messagesDeleted: removed.length, messagesLeft: messages.length - removed.length };
}

async function retireSharesOf(deps: Deps, client: WebClient, teamId: string, userId: string): Promise<void> {
  try {
    const shares = await listOpenShareDms(deps.db, teamId, userId);
    await Promise.all(shares.map((share) => retireShareDm(deps, client, share, { channel: share.dm_channel!, ts: share.dm_ts! }, { kind: 'gone' })));
  } catch (error) {
    deps.logger.warn('forget: could not update the DMs of shares; the shares are deleted all the same', { teamId, userId }, error);
  }
}

async function deleteFromSlack(deps: Deps, client: WebClient, who: { teamId: string; userId: string }, messages: readonly (MessageRef & { kind: SentMessageKind })[]): Promise<MessageRef[]> {
  const removed: MessageRef[] = [];
  const stopAt = performance.now() + SWEEP_BUDGET_MS;
  const queue = [...messages];
  const worker = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      if (performance.now() > stopAt) return;
      if (await deleteOne(deps, client, who, message)) removed.push(message);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DELETES, queue.length) }, worker));
  const left = messages.length - removed.length;
  if (left > 0) deps.logger.warn('forget: some of our messages are still in Slack; kept on record for a later retry', { ...who, left, total: messages.length });
  return removed;
}

async function deleteOne(deps: Deps, client: WebClient, who: { teamId: string; userId: string }, message: MessageRef & { kind: SentMessageKind }): Promise<boolean> {
  const context = { ...who, channel: message.channel, ts: message.ts, kind: message.kind };
  // An exported file is deleted as a file (its row's ts is the file id); the rest are messages.
  const method = message.kind === 'export_file' ? 'files.delete' : 'chat.delete';
  const call = message.kind === 'export_file' ? client.files.delete({ file: message.ts }) : client.chat.delete({ channel: message.channel, ts: message.ts });
  const outcome = await settleWithin<unknown>(call, DELETE_CALL_MS);
  if (outcome.kind === 'done') return true;
  if (outcome.kind === 'late') {
    deps.logger.warn(`forget: ${method} did not answer in time`, context);
    outcome.pending.catch(() => undefined); // its outcome no longer matters: a retry finds the message or not
    return false;
  }
  const code = slackErrorCode(outcome.error);
  if (code && ALREADY_GONE.has(code)) return true;
  deps.logger.warn(`forget: ${method} failed`, { ...context, error: code ?? String(outcome.error) });
  return false;
}

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
