import type { SlackMessage } from '../blocks/elements.js';
import { buildCheckinMessage, type CheckinMessageView } from '../blocks/checkin-message.js';
import { personKey } from '../db/repositories/checkin-batch.js';
import type { ClaimedDelivery } from '../db/repositories/checkin-deliveries.js';
import { loadCheckinViews } from '../services/checkins.js';
import type { PassContext } from './pass-context.js';

/**
 * What a claimed batch's messages need (loaded ONCE per batch) and the one function that turns a row and that data
 * into the message (docs/check-in-delivery.md#one-batch). A new kind of delivery adds its data here and its case in
 * `deliveryMessage`; the protocol in deliver.ts does not change.
 */

export interface BatchMessageData {
  /** Check-in views by `personKey`. */
  checkins: Map<string, CheckinMessageView>;
}

/** One query for the whole batch's plain check-ins (plus the catalog, in memory); other kinds load their own. */
export async function loadBatchMessageData(ctx: PassContext, rows: readonly ClaimedDelivery[]): Promise<BatchMessageData> {
  const people = rows.filter((row) => row.kind === 'checkin' && row.follow_up_on === null).map((row) => ({ teamId: row.team_id, userId: row.user_id }));
  return { checkins: await loadCheckinViews(ctx.deps, people, ctx.messageNow) };
}

/** The message of a plain check-in: pure, from the row and the batch's data. */
export function deliveryMessage(row: ClaimedDelivery, data: BatchMessageData, fallback: Pick<CheckinMessageView, 'locale' | 'now'>): SlackMessage {
  const view = data.checkins.get(personKey({ teamId: row.team_id, userId: row.user_id })) ?? { ...fallback, skills: [] };
  return buildCheckinMessage({ ...view, ...backoffView(row) });
}

/** What the DM says about a back-off: only while the schedule runs slower than chosen (docs/time-zones.md#back-off). */
export function backoffView(row: ClaimedDelivery): Pick<CheckinMessageView, 'backoff'> {
  if (row.kind !== 'checkin') return {};
  const chosen = row.chosen_cadence;
  const effective = row.effective_cadence;
  if (!chosen || chosen === 'off' || !effective || effective === chosen) return {};
  return { backoff: { chosen, effective } };
}
