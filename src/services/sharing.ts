import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { buildShareLoadingModal, buildShareModal, SHARE_FIELD, type ShareChoice, type ShareDuration } from '../blocks/share-modal.js';
import { buildPictureLoadingModal, buildSharedPictureModal, buildShareRefusedModal } from '../blocks/shared-picture.js';
import type { SharingOverview } from '../blocks/sharing-lists.js';
import type { Locale } from '../config.js';
import { cancelLeadFollowUps } from '../db/repositories/follow-ups.js';
import { countAnonymousViews, listSharesGiven, logShareView, revokeShare, upsertShare } from '../db/repositories/growth-shares.js';
import type { GrowthShareRow } from '../db/schema.js';
import { settleWithin } from '../deadline.js';
import type { Deps } from '../deps.js';
import { formatLocalDateTime } from '../i18n/format.js';
import { sharingMessagesFor } from '../i18n/sharing-messages.js';
import { localDateIn, usableTimeZone } from '../time/check-in-time.js';
import { endShareDm, postShareDm, retireShareDm } from './share-notices.js';
import { loadSharedPictures, type Reader } from './sharing-access.js';
import { getUserProfile } from './user-profile.js';

/** Sharing a growth picture: the modal, the checks on the person, saving, opening, revoking (docs/sharing.md). */

/** users.info for the person chosen must answer inside the modal's 3-second window, beside the language lookup and the save. */
const PERSON_CHECK_MS = 1000;

/** When a share chosen now ends; null = until revoked. Months are calendar months (in UTC). */
export function shareExpiry(duration: ShareDuration, now: Date): Date | null {
  const at = new Date(now.getTime());
  if (duration === '2w') at.setUTCDate(at.getUTCDate() + 14);
  else if (duration === '1m') at.setUTCMonth(at.getUTCMonth() + 1);
  else if (duration === '3m') at.setUTCMonth(at.getUTCMonth() + 3);
  else return null;
  return at;
}

/** Opens "Share with…": a loading view at once (the trigger expires in 3 s), then the form in the person's language. */
export async function openShareModal(
  deps: Deps,
  client: WebClient,
  args: { triggerId: string; teamId: string; userId: string; skillId?: string | undefined; viewerId?: string | undefined; unresolvedName?: string | undefined },
): Promise<void> {
  const opened = await client.views.open({ trigger_id: args.triggerId, view: buildShareLoadingModal(deps.config.defaultLocale) });
  const { locale } = await getUserProfile(deps, client, args.teamId, args.userId);
  const view = buildShareModal({ catalog: deps.catalog, locale, skillId: args.skillId, viewerId: args.viewerId, unresolvedName: args.unresolvedName });
  await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view });
}

/**
 * Whether the chosen person can be shared with: someone in this workspace, not a bot, not deactivated (users.info).
 * Returns a field error in the owner's language, or undefined.
 */
export async function checkViewer(deps: Deps, client: WebClient, teamId: string, viewerId: string, locale: Locale): Promise<Record<string, string> | undefined> {
  const t = sharingMessagesFor(locale);
  const outcome = await settleWithin(client.users.info({ user: viewerId }), PERSON_CHECK_MS);
  if (outcome.kind === 'late') {
    outcome.pending.catch(() => undefined);
    return { [SHARE_FIELD.person]: t.errorCheckFailed };
  }
  if (outcome.kind === 'failed') {
    const code = (outcome.error as { data?: { error?: string } }).data?.error;
    if (code === 'user_not_found') return { [SHARE_FIELD.person]: t.errorUnknownPerson };
    deps.logger.warn('share: users.info failed for the chosen person', { teamId, viewerId, error: code ?? String(outcome.error) });
    return { [SHARE_FIELD.person]: t.errorCheckFailed };
  }
  const user = outcome.value.user;
  if (!user) return { [SHARE_FIELD.person]: t.errorUnknownPerson };
  if (user.is_bot || user.id === 'USLACKBOT') return { [SHARE_FIELD.person]: t.errorBot };
  if (user.deleted) return { [SHARE_FIELD.person]: t.errorDeactivated };
  if (user.team_id && user.team_id !== teamId) return { [SHARE_FIELD.person]: t.errorOtherWorkspace };
  return undefined;
}

/** Saves the share (one per owner and viewer: sharing again changes it). */
export async function saveShare(deps: Deps, teamId: string, ownerId: string, choice: ShareChoice): Promise<{ share: GrowthShareRow; previousDm: { channel: string; ts: string } | undefined }> {
  const now = deps.now();
  return upsertShare(deps.db, { teamId, ownerId, viewerId: choice.viewerId, skillIds: choice.skillIds, expiresAt: shareExpiry(choice.duration, now), note: choice.note, now });
}

/** After saving: the earlier DM (if any) says it was replaced, then the new one goes out. */
export async function announceShare(deps: Deps, client: WebClient, share: GrowthShareRow, previousDm: { channel: string; ts: string } | undefined): Promise<void> {
  if (previousDm) await retireShareDm(deps, client, share, previousDm, { kind: 'replaced' });
  await postShareDm(deps, client, share);
}

/** Revokes now; the viewer's DM is updated. Undefined when the share is not this owner's in this workspace. */
export async function revokeShareNow(deps: Deps, client: WebClient, teamId: string, ownerId: string, shareId: number): Promise<GrowthShareRow | undefined> {
  const share = await revokeShare(deps.db, teamId, ownerId, shareId, deps.now());
  if (!share) return undefined;
  // The lead's follow-up DMs not yet sent go too (docs/follow-ups.md#the-leads-dm); one being sent checks the share itself.
  await cancelLeadFollowUps(deps.db, teamId, ownerId, share.viewer_id);
  await endShareDm(deps, client, share, 'revoked');
  return share;
}

/**
 * **Open**: a loading view at once, then — only if the share holds (sharing-access.ts) — the picture, and the
 * opening is logged. A share that ended gets a refusal, and its DM is updated if that had not happened yet.
 */
export async function openSharedPicture(deps: Deps, client: WebClient, args: { triggerId: string; teamId: string; viewerId: string; shareId: number }): Promise<'shown' | 'ended' | 'not_found'> {
  const opened = await client.views.open({ trigger_id: args.triggerId, view: buildPictureLoadingModal(deps.config.defaultLocale) });
  const update = (view: ModalView) =>
    client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view });
  const reader = await readerFor(deps, client, args.teamId, args.viewerId);
  const result = await loadSharedPictures(deps, args.teamId, args.viewerId, { shareId: args.shareId }, reader);
  const picture = result.pictures[0];
  if (picture) {
    await logShareView(deps.db, { id: picture.shareId, team_id: args.teamId, owner_id: picture.ownerId, viewer_id: args.viewerId }, deps.now());
    await update(buildSharedPictureModal(picture, deps.catalog, reader.locale));
    return 'shown';
  }
  await update(buildShareRefusedModal(reader.locale, result.ended.length > 0 ? 'ended' : 'not_found'));
  for (const { share, reason } of result.ended) await endShareDm(deps, client, share, reason);
  return result.ended.length > 0 ? 'ended' : 'not_found';
}

export async function readerFor(deps: Deps, client: WebClient, teamId: string, userId: string): Promise<Reader> {
  const { locale, tz } = await getUserProfile(deps, client, teamId, userId);
  return { locale, tz: usableTimeZone(tz) };
}

/** Both sides for App Home: the shares this person gave (with their log) and the pictures shared with them. */
export async function loadSharingOverview(deps: Deps, teamId: string, userId: string, reader: Reader): Promise<SharingOverview> {
  const [given, anonymousViews, received] = await Promise.all([
    loadSharesGiven(deps, teamId, userId, reader),
    countAnonymousViews(deps.db, teamId, userId),
    loadSharedPictures(deps, teamId, userId, 'all', reader),
  ]);
  return { given, anonymousViews, received: received.pictures };
}

/** The owner's shares as the lists show them: held ones first, ended ones after (kept for their log). */
export async function loadSharesGiven(deps: Deps, teamId: string, ownerId: string, reader: Reader): Promise<SharingOverview['given']> {
  const now = deps.now().getTime();
  const rows = await listSharesGiven(deps.db, teamId, ownerId);
  const items = rows.map((row) => ({
    id: row.id,
    viewerId: row.viewer_id,
    skillIds: row.skill_ids,
    expiresOn: row.expires_at ? localDateIn(reader.tz, row.expires_at) : null,
    ended: row.revoked_at !== null || (row.expires_at !== null && row.expires_at.getTime() <= now),
    opened: row.opened,
    lastOpened: row.last_opened_at ? formatLocalDateTime(row.last_opened_at, reader.tz, reader.locale) : null,
  }));
  return [...items.filter((i) => !i.ended), ...items.filter((i) => i.ended)];
}
