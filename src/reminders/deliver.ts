import { bumpBlindResends, markCancelled, markSent, parkAmbiguous, retryLater, saveDmChannel, UNCERTAIN_PREFIX, type ClaimedDelivery, type DeliveryKey } from '../db/repositories/checkin-deliveries.js';
import { CHECKIN_EVENT_TYPE } from '../ids.js';
import { loadDeliveryMessage } from '../services/delivery-messages.js';
import { backoffView, deliveryMessage, type BatchMessageData } from './delivery-message.js';
import type { PassContext } from './pass-context.js';
import { findPostedCheckin } from './reconcile.js';
import { afterHttpLevelAnswer, recordFailure, type FailurePoint } from './record-failure.js';
import type { SentMarks } from './sent-marks.js';

/** The per-delivery protocol (docs/check-in-delivery.md#sending-one-delivery): look in the DM if in doubt, open it, post, record. */

/** What one claimed batch shares between its deliveries. */
export interface DeliveryBatch {
  /** DM channels opened in this batch, by `team:user`. */
  dmCache: Map<string, string>;
  /** What the messages need, loaded once for the batch while the first rows reconcile or open their DM. */
  messages: Promise<BatchMessageData>;
  /** Where a post goes to be marked sent (in sets). */
  marks: SentMarks;
}

/** Sends one delivery and records the outcome. Errors are classified, logged and counted here, never thrown. */
export async function deliver(ctx: PassContext, row: ClaimedDelivery, batch: DeliveryBatch): Promise<void> {
  const { dmCache } = batch;
  const { deps, counts } = ctx;
  const key: DeliveryKey = { id: row.id, teamId: row.team_id, workerId: ctx.workerId };
  const log = { teamId: row.team_id, userId: row.user_id, deliveryId: row.id, scheduleId: row.schedule_id, attempt: row.attempts };
  let stage: FailurePoint['stage'] = 'reconcile';
  let posted = false;
  // True while an earlier attempt may have posted and we have neither found its message nor spent the blind
  // re-send: a retry recorded in that state must keep the "look first" mark.
  let unresolved = false;
  try {
    const client = await ctx.clientFor(row.team_id);
    let channel = row.dm_channel ?? dmCache.get(`${row.team_id}:${row.user_id}`);
    // 1. The previous attempt may have posted (its lease expired, Slack said internal_error, or answered a post
    //    with a 5xx or an unreadable body): look first.
    //    Without a DM channel it cannot have: we always store the channel before posting.
    const mayHavePosted = row.expired_lease || (row.last_error?.startsWith(UNCERTAIN_PREFIX) ?? false);
    if (mayHavePosted && row.dm_channel) {
      unresolved = true;
      const lookup = await findPostedCheckin(client, deps.logger, row.dm_channel, row);
      if (lookup.kind === 'found') {
        if (await markSent(deps.db, { ...key, slackTs: lookup.ts, channel: row.dm_channel })) counts.reconciled += 1;
        return;
      }
      if (lookup.kind === 'rate-limited') {
        // Keep the "may have posted" mark so the next attempt looks again instead of sending blind.
        await retryLater(deps.db, { ...key, error: `${UNCERTAIN_PREFIX} history rate-limited`, retryAfterSeconds: lookup.retryAfterSeconds, maxAttempts: ctx.settings.maxRateLimitedAttempts });
        counts.rateLimited += 1;
        return;
      }
      if (lookup.kind === 'not-found' && afterHttpLevelAnswer(row)) {
        // The last attempt got a 5xx or unreadable answer, the signature of a Slack outage, and the DM shows it
        // posted nothing: sending again is not blind. Counting it would park the check-in after two such
        // answers in a row; the attempt limit still bounds the retries.
        unresolved = false;
        deps.logger.info('check-in not found in the DM after an unclear answer; sending again', { ...log, lastError: row.last_error });
      } else if (row.blind_resends >= 1) {
        await parkAmbiguous(deps.db, { ...key, error: 'outcome unknown after the one allowed re-send; not found in the DM' });
        counts.dead += 1;
        deps.logger.error('check-in parked: outcome unknown twice, not re-sending (at most one duplicate allowed)', log);
        return;
      } else {
        if (!(await bumpBlindResends(deps.db, key))) return; // we lost the lease meanwhile: the new holder decides
        unresolved = false;
        counts.blindResends += 1;
        deps.logger.warn('check-in re-sent without proof the first attempt failed (the one allowed re-send)', { ...log, lookup: lookup.kind });
      }
    }
    // 2. The DM channel: conversations.open once per person, stored on the schedule.
    if (!channel) {
      stage = 'open';
      const opened = await client.conversations.open({ users: row.user_id });
      channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel id');
      await saveDmChannel(deps.db, { ...key, userId: row.user_id, channel });
      dmCache.set(`${row.team_id}:${row.user_id}`, channel);
    }
    // 3. Build and post. The metadata is how a later attempt recognises this message in the DM.
    // A plain check-in comes from the batch's one read; the rarer kinds (a follow-up, the lead's DM, a ladder notice,
    // a check-in carrying the day's follow-up) load what they need themselves (docs/follow-ups.md).
    const built =
      row.kind === 'checkin' && row.follow_up_on === null
        ? { post: deliveryMessage(row, await batch.messages, { locale: deps.config.defaultLocale, now: ctx.messageNow }) }
        : await loadDeliveryMessage(deps, client, row, ctx.messageNow, backoffView(row));
    if ('cancel' in built) {
      if (await markCancelled(deps.db, { ...key, reason: built.cancel })) counts.cancelled += 1;
      deps.logger.info('scheduled DM cancelled before sending', { ...log, kind: row.kind, reason: built.cancel });
      return;
    }
    const message = built.post;
    stage = 'post';
    const response = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      metadata: { event_type: CHECKIN_EVENT_TYPE, event_payload: { delivery_id: String(row.id), occurrence_at: row.occurrence_at.toISOString() } },
    });
    posted = true;
    // Marked in a set with other posts, promptly (sent-marks.ts); a lost lease is logged there.
    await batch.marks.add({ id: row.id, teamId: row.team_id, slackTs: response.ts ?? '', channel: response.channel ?? channel, log });
  } catch (error) {
    await recordFailure(ctx, row, key, log, error, { stage, posted, unresolved });
  }
}
