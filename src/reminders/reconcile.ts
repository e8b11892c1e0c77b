import type { WebClient } from '@slack/web-api';
import type { Deps } from '../deps.js';
import type { ClaimedDelivery } from '../db/repositories/checkin-deliveries.js';
import { CHECKIN_EVENT_TYPE } from '../ids.js';
import { classifySlackError, errorText } from './slack-failures.js';

/** What the DM history says about an earlier attempt (docs/check-in-delivery.md#reconciliation). */
export type Lookup = { kind: 'found'; ts: string } | { kind: 'not-found' } | { kind: 'unverifiable' } | { kind: 'rate-limited'; retryAfterSeconds?: number };

/** Pages of history to read, newest first. The bot's DM holds only our check-ins and confirmations. */
const HISTORY_PAGES = 3;
const HISTORY_PAGE_SIZE = 100;
/** Look a little before the delivery existed, in case of clock differences between us, the DB and Slack. */
const HISTORY_SLACK_MS = 5 * 60 * 1000;

/**
 * Looks for this delivery's message in the DM by its metadata (`include_all_metadata`). A failed lookup is
 * "unverifiable", which the caller treats like "not found" (it spends the one blind re-send), except a 429,
 * which is retried later rather than guessed at. For non-Marketplace distributed apps conversations.history is
 * limited to ~1 request a minute (docs/slack-limits.md#message-metadata-and-history): only rows in doubt get here.
 */
export async function findPostedCheckin(client: WebClient, logger: Deps['logger'], channel: string, row: ClaimedDelivery): Promise<Lookup> {
  const oldestMs = Math.min(row.occurrence_at.getTime(), row.created_at.getTime()) - HISTORY_SLACK_MS;
  let cursor: string | undefined;
  try {
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const response = await client.conversations.history({
        channel,
        oldest: (oldestMs / 1000).toFixed(6),
        include_all_metadata: true,
        limit: HISTORY_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of response.messages ?? []) {
        const metadata = message.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
        if (metadata?.event_type !== CHECKIN_EVENT_TYPE || !message.ts) continue;
        const payload = metadata.event_payload ?? {};
        const sameDelivery = String(payload.delivery_id) === String(row.id);
        // Ids could repeat across databases posting to the same workspace (staging restored from prod): the
        // occurrence must match too when the message carries it.
        const sameOccurrence = payload.occurrence_at === undefined || payload.occurrence_at === row.occurrence_at.toISOString();
        if (sameDelivery && sameOccurrence) return { kind: 'found', ts: message.ts };
      }
      cursor = response.response_metadata?.next_cursor;
      if (!response.has_more || !cursor) return { kind: 'not-found' };
    }
    return { kind: 'not-found' };
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure?.kind === 'rate-limited') return { kind: 'rate-limited', ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}) };
    logger.warn('check-in: could not read the DM history to reconcile', { teamId: row.team_id, userId: row.user_id, deliveryId: row.id, error: failure?.code ?? errorText(error) });
    return { kind: 'unverifiable' };
  }
}
