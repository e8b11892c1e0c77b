import type { WebClient } from '@slack/web-api';
import { buildCheckinMessage, type CheckinMessageView } from '../blocks/checkin-message.js';
import type { ClaimedDelivery } from '../db/repositories/checkin-deliveries.js';
import type { Deps } from '../deps.js';
import { loadCheckinView } from './checkins.js';
import { leadFollowUpMessage, ownerFollowUpMessage, type DeliveryMessage } from './follow-ups.js';
import { ladderNoticeMessage } from './ladder-change-notices.js';

/**
 * What one claimed outbox delivery says when it loads its own data (src/reminders/deliver.ts posts it; plain check-ins
 * come from the batch's one read instead, src/reminders/delivery-message.ts): a check-in with the owner's follow-ups
 * of that day on top (docs/follow-ups.md); the owner's follow-up alone; the lead's short follow-up DM; or a "the
 * ladder changed" notice (docs/ladder-changes.md). Or why nobody should get it any more.
 */
export async function loadDeliveryMessage(deps: Deps, client: WebClient, row: ClaimedDelivery, now: Date, extra: Pick<CheckinMessageView, 'backoff'>): Promise<DeliveryMessage> {
  switch (row.kind) {
    case 'lead_follow_up':
      return leadFollowUpMessage(deps, row);
    case 'follow_up':
      return ownerFollowUpMessage(deps, row, undefined);
    case 'ladder_change':
      return ladderNoticeMessage(deps, client, row);
    case 'checkin': {
      const loaded = await loadCheckinView(deps, { teamId: row.team_id, userId: row.user_id, now, withSchedule: false });
      const message = buildCheckinMessage({ ...loaded.view, ...extra });
      if (row.follow_up_on === null) return { post: message };
      return ownerFollowUpMessage(deps, row, { message, locale: loaded.view.locale, tz: loaded.tz });
    }
  }
}
