import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { buildMoveFollowUpDone, MOVE_FOLLOW_UP_FIELD, parseMoveFollowUp, parseMoveFollowUpMetadata } from '../../blocks/move-follow-up-modal.js';
import { settleWithin, valueWithin } from '../../deadline.js';
import type { Deps } from '../../deps.js';
import { agreementMessagesFor } from '../../i18n/agreement-messages.js';
import { formatCalendarDate } from '../../i18n/format.js';
import { moveAgreedFollowUp } from '../../services/agreements.js';
import { publishHome } from '../../services/my-skills.js';
import { getUserProfile } from '../../services/user-profile.js';
import { localDateIn, usableTimeZone } from '../../time/check-in-time.js';

/**
 * **Change follow-up** submitted (docs/follow-ups.md#done-moving-forgetting): the date checked against the owner's
 * today (field errors keep it), then moved with the schedule re-pointed in one transaction; the modal says when the
 * follow-up now comes, and App Home is redrawn. Budgets keep the answer inside Slack's 3 s.
 */
const PROFILE_BUDGET_MS = 400;
const SAVE_BUDGET_MS = 1200;

export const handleMoveFollowUpSubmit =
  (deps: Deps) =>
  async ({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const teamId = body.user.team_id ?? body.team?.id ?? '';
    const userId = body.user.id;
    const profile = await valueWithin(getUserProfile(deps, client, teamId, userId), PROFILE_BUDGET_MS, { locale: deps.config.defaultLocale, tz: null });
    const t = agreementMessagesFor(profile.locale);
    const tz = usableTimeZone(profile.tz);
    const noteId = parseMoveFollowUpMetadata(view.private_metadata);
    const parsed = parseMoveFollowUp(view.state.values, { locale: profile.locale, today: localDateIn(tz, deps.now()) });
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const context = { teamId, userId, noteId, followUpOn: parsed.date };
    if (!noteId || !teamId) {
      logger.warn('change follow-up: unexpected submission', context);
      await ack({ response_action: 'update', view: buildMoveFollowUpDone(profile.locale, t.moveGone) });
      return;
    }
    const outcome = await settleWithin(moveAgreedFollowUp(deps, { teamId, ownerId: userId, noteId, date: parsed.date }), SAVE_BUDGET_MS);
    if (outcome.kind !== 'done') {
      if (outcome.kind === 'late') outcome.pending.catch(() => undefined);
      logger.error(`change follow-up: save ${outcome.kind === 'late' ? 'still running at the deadline' : 'failed'}, the modal stays open`, context, outcome.kind === 'failed' ? outcome.error : undefined);
      await ack({ response_action: 'errors', errors: { [MOVE_FOLLOW_UP_FIELD]: outcome.kind === 'late' ? t.errorSaveUncertain : t.errorSaveFailed } });
      return;
    }
    if (!outcome.value) {
      await ack({ response_action: 'update', view: buildMoveFollowUpDone(profile.locale, t.moveGone) });
      return;
    }
    const text = parsed.date === null ? t.moveCleared : t.movedTo(formatCalendarDate(parsed.date, profile.locale));
    await ack({ response_action: 'update', view: buildMoveFollowUpDone(profile.locale, `:white_check_mark: ${text}`) });
    logger.info('follow-up moved', context);
    await publishHome(deps, client, teamId, userId).catch((error: unknown) => logger.warn('change follow-up: App Home refresh failed', context, error));
  };
