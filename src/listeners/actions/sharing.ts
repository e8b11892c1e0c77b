import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildSharingMessage } from '../../blocks/sharing-lists.js';
import { countAnonymousViews } from '../../db/repositories/growth-shares.js';
import type { Deps } from '../../deps.js';
import { sharingMessagesFor } from '../../i18n/sharing-messages.js';
import { publishHome } from '../../services/my-skills.js';
import { showBriefModal } from '../../services/one-on-one-brief.js';
import { loadSharesGiven, openSharedPicture, openShareModal, readerFor, revokeShareNow } from '../../services/sharing.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';
import { onModalClick } from './modal-click.js';

/** Sharing buttons (docs/sharing.md): "Share with…", "Open" (a shared picture), "Prepare 1:1" on it, and "Revoke". */

const shareId = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

/** "Share with…" on one of my skills or the confirmation DM: the modal, with that skill chosen. */
export const handleShareWith = (deps: Deps) =>
  onModalClick('share with', async ({ teamId, userId, triggerId, value }, { client, logger }) => {
    const skillId = value && deps.catalog.byId.has(value) ? value : undefined;
    try {
      await openShareModal(deps, client, { triggerId, teamId, userId, skillId });
    } catch (error) {
      logger.error('share with: could not open the modal', { teamId, userId, skillId }, error);
    }
  });

/** "Open" on a share DM or in "Shared with me": the picture, only if the share still holds. */
export const handleOpenShared = (deps: Deps) =>
  onModalClick('open shared', async ({ teamId, userId: viewerId, triggerId, value }, { client, logger }) => {
    const id = shareId(value) ?? 0;
    try {
      const outcome = await openSharedPicture(deps, client, { triggerId, teamId, viewerId, shareId: id });
      logger.info('shared picture opened', { teamId, userId: viewerId, shareId: id, outcome });
    } catch (error) {
      logger.error('open shared: could not show the picture', { teamId, userId: viewerId, shareId: id }, error);
    }
  });

/** "Revoke" (after Slack's confirm dialog): immediate; the viewer's DM says so; the list the click came from is redrawn. */
export const handleRevokeShare =
  (deps: Deps) =>
  async ({ ack, body, client, respond, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    const input = blockActionInputSchema.safeParse(body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    if (!input.success || !teamId) return;
    const ownerId = input.data.user.id;
    const id = shareId(input.data.actions[0]!.value);
    const context = { teamId, userId: ownerId, shareId: id };
    const reader = await readerFor(deps, client, teamId, ownerId);
    const t = sharingMessagesFor(reader.locale);
    const fromHome = body.container?.type === 'view';
    try {
      const share = id === undefined ? undefined : await revokeShareNow(deps, client, teamId, ownerId, id);
      logger.info(share ? 'share revoked' : 'revoke: no such share of this owner', { ...context, viewerId: share?.viewer_id });
      const homes: Promise<unknown>[] = [publishHome(deps, client, teamId, ownerId), ...(share ? [publishHome(deps, client, teamId, share.viewer_id)] : [])];
      if (!fromHome) {
        const [given, anonymousViews] = await Promise.all([loadSharesGiven(deps, teamId, ownerId, reader), countAnonymousViews(deps.db, teamId, ownerId)]);
        const notice = share ? t.revoked(`<@${share.viewer_id}>`) : t.revokeNotFound;
        homes.push(respond({ replace_original: true, ...buildSharingMessage({ given, anonymousViews }, deps.catalog, reader.locale, notice) }));
      }
      await Promise.all(homes.map((p) => p.catch((error: unknown) => logger.warn('revoke: could not redraw a list', context, error))));
    } catch (error) {
      logger.error('revoke: failed', context, error);
    }
  };

/** "Prepare 1:1" on a shared picture: the brief, pushed over it, only if the share still holds (docs/one-on-one-brief.md). */
export const handlePrepareBrief = (deps: Deps) =>
  onModalClick('prepare brief', async ({ teamId, userId: readerId, triggerId, value: ownerId }, { client, logger }) => {
    if (!ownerId || !/^[UW][A-Z0-9]{1,20}$/.test(ownerId)) {
      logger.warn('prepare brief: unexpected payload');
      return;
    }
    try {
      const outcome = await showBriefModal(deps, client, { how: 'push', triggerId, teamId, readerId, ownerId });
      logger.info('brief prepared', { teamId, userId: readerId, ownerId, outcome });
    } catch (error) {
      logger.error('prepare brief: could not show the brief', { teamId, userId: readerId, ownerId }, error);
    }
  });
