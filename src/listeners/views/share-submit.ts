import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { skillNames } from '../../blocks/share-dm.js';
import { buildShareDoneView, parseShareSubmission, SHARE_FIELD } from '../../blocks/share-modal.js';
import { isDatabaseBusy } from '../../db/errors.js';
import { settleWithin, valueWithin } from '../../deadline.js';
import type { Deps } from '../../deps.js';
import { formatCalendarDate } from '../../i18n/format.js';
import { sharingMessagesFor } from '../../i18n/sharing-messages.js';
import { publishHome } from '../../services/my-skills.js';
import { announceShare, checkViewer, saveShare } from '../../services/sharing.js';
import { getUserProfile } from '../../services/user-profile.js';
import { localDateIn, usableTimeZone } from '../../time/check-in-time.js';

/**
 * "Share with…" submitted: the form's own checks, then Slack's word on the person (not me, not a bot, not
 * deactivated, in this workspace), all as field errors that keep what was typed. Then the share is saved (sharing
 * again with the same person changes it), the modal says what was shared, and the viewer gets a DM.
 * Budgets keep the answer inside Slack's 3 s (docs/slack-limits.md#modal-submissions-and-updates).
 */
const PROFILE_BUDGET_MS = 400;
const SAVE_BUDGET_MS = 1200;

export const handleShareSubmit =
  (deps: Deps) =>
  async ({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const teamId = body.user.team_id ?? body.team?.id ?? '';
    const ownerId = body.user.id;
    const profile = await valueWithin(getUserProfile(deps, client, teamId, ownerId), PROFILE_BUDGET_MS, { locale: deps.config.defaultLocale, tz: null });
    const t = sharingMessagesFor(profile.locale);
    const parsed = parseShareSubmission(view.state.values, deps.catalog, profile.locale, ownerId);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const choice = parsed.value;
    const refused = await checkViewer(deps, client, teamId, choice.viewerId, profile.locale);
    if (refused) {
      logger.info('share: person refused', { teamId, userId: ownerId, viewerId: choice.viewerId, field: Object.values(refused)[0] });
      await ack({ response_action: 'errors', errors: refused });
      return;
    }
    const context = { teamId, userId: ownerId, viewerId: choice.viewerId };
    const outcome = await settleWithin(saveShare(deps, teamId, ownerId, choice), SAVE_BUDGET_MS);
    if (outcome.kind !== 'done') {
      if (outcome.kind === 'late') outcome.pending.catch(() => undefined);
      const error = outcome.kind === 'failed' ? outcome.error : undefined;
      logger.error(`share: save ${outcome.kind === 'late' ? 'still running at the deadline' : isDatabaseBusy(error) ? 'cancelled (database busy)' : 'failed'}, the modal stays open`, context, error);
      await ack({ response_action: 'errors', errors: { [SHARE_FIELD.note]: t.errorSaveFailed } });
      return;
    }
    const { share, previousDm } = outcome.value;
    const tz = usableTimeZone(profile.tz);
    const what = share.skill_ids === null ? t.whatAll : t.whatSkills(skillNames(deps.catalog, share.skill_ids, profile.locale));
    const until = share.expires_at ? t.untilDate(formatCalendarDate(localDateIn(tz, share.expires_at), profile.locale)) : t.untilRevokedLower;
    await ack({ response_action: 'update', view: buildShareDoneView(profile.locale, t.done(`<@${share.viewer_id}>`, what, until)) });
    logger.info('shared', { ...context, shareId: share.id, skills: share.skill_ids?.join(',') ?? 'all', expiresAt: share.expires_at?.toISOString() ?? null });
    await announceShare(deps, client, share, previousDm);
    await Promise.all(
      [ownerId, share.viewer_id].map((userId) => publishHome(deps, client, teamId, userId).catch((error: unknown) => logger.warn('share: App Home refresh failed', { ...context, home: userId }, error))),
    );
  };
