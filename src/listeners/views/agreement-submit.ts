import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { AGREEMENT_FIELD, buildAgreementDoneView, parseAgreementMetadata, parseAgreementSubmission } from '../../blocks/agreement-modal.js';
import { escapeEntities } from '../../blocks/elements.js';
import { isDatabaseBusy } from '../../db/errors.js';
import { settleWithin, valueWithin } from '../../deadline.js';
import type { Deps } from '../../deps.js';
import { agreementMessagesFor } from '../../i18n/agreement-messages.js';
import { formatCalendarDate, formatLocalDateTime, localize } from '../../i18n/format.js';
import { messagesFor } from '../../i18n/messages.js';
import { saveAgreement } from '../../services/agreements.js';
import { publishHome } from '../../services/my-skills.js';
import { mayRecordNote } from '../../services/sharing-access.js';
import { getUserProfile } from '../../services/user-profile.js';
import { localDateIn, usableTimeZone } from '../../time/check-in-time.js';

/**
 * "Record what we agreed" submitted (docs/one-on-one-brief.md#agreed-next-steps): the form's checks (the follow-up
 * date against the owner's today), then — for anyone but the owner — the access check again, since the share may
 * have ended while the modal was open. Field errors keep what was typed. Saved append-only as the owner's note; the
 * modal says where it will show, and the owner's App Home is redrawn. Budgets keep the answer inside Slack's 3 s
 * (docs/slack-limits.md#modal-submissions-and-updates).
 */
const PROFILE_BUDGET_MS = 400;
const SAVE_BUDGET_MS = 1200;

export const handleAgreementSubmit =
  (deps: Deps) =>
  async ({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const teamId = body.user.team_id ?? body.team?.id ?? '';
    const authorId = body.user.id;
    const fallback = { locale: deps.config.defaultLocale, tz: null };
    const metadata = parseAgreementMetadata(view.private_metadata);
    const ownerId = metadata?.owner ?? '';
    const readerIsOwner = authorId === ownerId;
    const [author, owner] = await Promise.all([
      valueWithin(getUserProfile(deps, client, teamId, authorId), PROFILE_BUDGET_MS, fallback),
      readerIsOwner || !metadata ? undefined : valueWithin(getUserProfile(deps, client, teamId, ownerId), PROFILE_BUDGET_MS, fallback),
    ]);
    const t = agreementMessagesFor(author.locale);
    if (!metadata || !teamId) {
      logger.warn('agreement: unexpected submission', { teamId, userId: authorId });
      await ack({ response_action: 'errors', errors: { [AGREEMENT_FIELD.steps]: messagesFor(author.locale).somethingWentWrong } });
      return;
    }
    // "After today" is the owner's today: the follow-up is theirs, at their local time.
    const ownerTz = usableTimeZone(owner?.tz ?? author.tz);
    const parsed = parseAgreementSubmission(view.state.values, {
      locale: author.locale,
      skillIds: deps.catalog.skills.map((s) => s.id),
      today: localDateIn(ownerTz, deps.now()),
      authorId,
      readerIsOwner,
    });
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const choice = parsed.value;
    const context = { teamId, userId: authorId, ownerId, skillId: choice.skillId };
    const save = async () => {
      if (!readerIsOwner && !(await mayRecordNote(deps, teamId, authorId, ownerId, choice.skillId))) return 'not_shared' as const;
      return saveAgreement(deps, { teamId, ownerId, authorId, choice });
    };
    const outcome = await settleWithin(save(), SAVE_BUDGET_MS);
    if (outcome.kind !== 'done') {
      if (outcome.kind === 'late') outcome.pending.catch(() => undefined);
      const error = outcome.kind === 'failed' ? outcome.error : undefined;
      logger.error(`agreement: save ${outcome.kind === 'late' ? 'still running at the deadline' : isDatabaseBusy(error) ? 'cancelled (database busy)' : 'failed'}, the modal stays open`, context, error);
      // A save still running may yet commit: say so rather than "nothing was saved" (a second Save would add a copy).
      await ack({ response_action: 'errors', errors: { [AGREEMENT_FIELD.steps]: outcome.kind === 'late' ? t.errorSaveUncertain : t.errorSaveFailed } });
      return;
    }
    if (outcome.value === 'not_shared') {
      logger.info('agreement refused: the share no longer holds', context);
      await ack({ response_action: 'errors', errors: { [AGREEMENT_FIELD.skill]: t.errorNotShared(`<@${ownerId}>`) } });
      return;
    }
    const { note, followUpAt } = outcome.value;
    const skill = deps.catalog.byId.get(note.skill_id);
    const name = escapeEntities(skill ? localize(skill.name, author.locale) : note.skill_id);
    const followUp = followUpAt
      ? t.doneFollowUpAt(formatLocalDateTime(followUpAt, usableTimeZone(author.tz, ownerTz), author.locale))
      : note.follow_up_on
        ? t.doneFollowUp(formatCalendarDate(note.follow_up_on, author.locale))
        : undefined;
    const lines = [readerIsOwner ? t.doneOwner(name) : t.doneViewer(`<@${ownerId}>`, name), ...(followUp ? [followUp] : [])];
    await ack({ response_action: 'update', view: buildAgreementDoneView(author.locale, lines) });
    logger.info('agreement recorded', { ...context, noteId: note.id, followUpOn: note.follow_up_on });
    await publishHome(deps, client, teamId, ownerId).catch((error: unknown) => logger.warn('agreement: App Home refresh failed', context, error));
  };
