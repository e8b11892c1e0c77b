import type { WebClient } from '@slack/web-api';
import { buildShareDm, buildShareEndedDm, type ShareEnd } from '../blocks/share-dm.js';
import { listEndedOpenDms, markShareDmEnded, saveShareDm } from '../db/repositories/growth-shares.js';
import type { GrowthShareRow } from '../db/schema.js';
import { settleWithin } from '../deadline.js';
import type { Deps } from '../deps.js';
import { localDateIn, usableTimeZone } from '../time/check-in-time.js';
import type { SlackClients } from './slack-clients.js';
import { getUserProfile } from './user-profile.js';

/**
 * The viewer's DM about a share: posted when it is shared, and changed to say so when it ends
 * (docs/sharing.md#when-a-share-ends). Ending is idempotent: the DM is updated first (doing it twice is harmless),
 * then marked, so a failed update is retried by the next scheduler pass.
 */

const SLACK_CALL_MS = 3000;

/** Tells the viewer. A failure is logged: the share stands, and Home and `/skill sharing` show it. */
export async function postShareDm(deps: Deps, client: WebClient, share: GrowthShareRow): Promise<void> {
  const context = { teamId: share.team_id, userId: share.owner_id, viewerId: share.viewer_id, shareId: share.id };
  try {
    const { locale, tz } = await getUserProfile(deps, client, share.team_id, share.viewer_id);
    const expiresOn = share.expires_at ? localDateIn(usableTimeZone(tz), share.expires_at) : null;
    const message = buildShareDm({ catalog: deps.catalog, locale, shareId: share.id, ownerId: share.owner_id, skillIds: share.skill_ids, expiresOn, note: share.note });
    const posted = await client.chat.postMessage({ channel: share.viewer_id, ...message });
    if (posted.channel && posted.ts) await saveShareDm(deps.db, share.team_id, share.id, { channel: posted.channel, ts: posted.ts });
  } catch (error) {
    deps.logger.error('share: could not tell the viewer', context, error);
  }
}

/** Replaces an earlier DM (the share was changed, or ended) so it no longer offers Open. */
export async function retireShareDm(deps: Deps, client: WebClient, share: Pick<GrowthShareRow, 'team_id' | 'owner_id' | 'viewer_id'>, dm: { channel: string; ts: string }, end: ShareEnd): Promise<boolean> {
  const context = { teamId: share.team_id, userId: share.owner_id, viewerId: share.viewer_id, channel: dm.channel, ts: dm.ts };
  try {
    const { locale } = await getUserProfile(deps, client, share.team_id, share.viewer_id);
    const outcome = await settleWithin(client.chat.update({ channel: dm.channel, ts: dm.ts, ...buildShareEndedDm(locale, share.owner_id, end) }), SLACK_CALL_MS);
    if (outcome.kind === 'done') return true;
    if (outcome.kind === 'late') outcome.pending.catch(() => undefined);
    const code = (outcome.kind === 'failed' ? (outcome.error as { data?: { error?: string } }).data?.error : undefined) ?? outcome.kind;
    // A DM that is already gone has nothing left to retire.
    if (code === 'message_not_found' || code === 'channel_not_found') return true;
    deps.logger.warn('share: could not update the viewer DM to say the share ended', { ...context, error: code });
    return false;
  } catch (error) {
    deps.logger.warn('share: could not update the viewer DM to say the share ended', context, error);
    return false;
  }
}

/** The DM of a share that no longer holds, updated and marked; nothing when it was already done. */
export async function endShareDm(deps: Deps, client: WebClient, share: GrowthShareRow, reason: 'revoked' | 'expired'): Promise<void> {
  if (!share.dm_channel || !share.dm_ts || share.dm_ended_at) return;
  const end: ShareEnd = reason === 'revoked' || !share.expires_at ? { kind: 'revoked' } : { kind: 'expired', on: await expiryDate(deps, client, share) };
  if (await retireShareDm(deps, client, share, { channel: share.dm_channel, ts: share.dm_ts }, end)) {
    await markShareDmEnded(deps.db, share.team_id, share.id, deps.now()).catch((error: unknown) =>
      deps.logger.warn('share: DM updated but not marked; it will be updated again', { teamId: share.team_id, shareId: share.id }, error),
    );
  }
}

async function expiryDate(deps: Deps, client: WebClient, share: GrowthShareRow): Promise<string> {
  const { tz } = await getUserProfile(deps, client, share.team_id, share.viewer_id);
  return localDateIn(usableTimeZone(tz), share.expires_at!);
}

/**
 * The scheduler's part (docs/sharing.md#when-a-share-ends): DMs of shares that expired (or were revoked while
 * Slack failed) are changed to say so, a batch per pass. Returns how many were retired.
 */
export async function retireEndedShareDms(deps: Deps, clients: SlackClients, asOf: Date, batch = 50): Promise<number> {
  const rows = await listEndedOpenDms(deps.db, asOf, batch);
  let retired = 0;
  for (const share of rows) {
    let client: WebClient;
    try {
      client = await clients.clientFor(share.team_id);
    } catch (error) {
      // No installation for that workspace (OAuth mode): its other shares still go; this one waits for a later pass.
      deps.logger.warn('share: no Slack client for the workspace; the ended share DM waits', { teamId: share.team_id, shareId: share.id }, error);
      continue;
    }
    await endShareDm(deps, client, share, share.revoked_at ? 'revoked' : 'expired');
    retired += 1;
  }
  return retired;
}
