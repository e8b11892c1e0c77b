import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { FIELD, parseMetadata, validateSubmission } from '../../blocks/assessment-modal.js';
import { buildSavedConfirmation } from '../../blocks/my-skills.js';
import type { Locale } from '../../config.js';
import { isDatabaseBusy } from '../../db/errors.js';
import { recordSentMessage } from '../../db/repositories/sent-messages.js';
import type { AssessmentRow } from '../../db/schema.js';
import { settleWithin, valueWithin } from '../../deadline.js';
import type { Deps } from '../../deps.js';
import { assessmentMessagesFor } from '../../i18n/assessment-messages.js';
import { saveAssessment } from '../../services/assessments.js';
import { loadMySkills, publishHomeView, toSkillSummary } from '../../services/my-skills.js';
import { getUserProfile } from '../../services/user-profile.js';
import { localDateIn, usableTimeZone } from '../../time/check-in-time.js';

/**
 * Slack closes the request 3 s after sending it and the modal must answer before then. The language lookup gets
 * at most PROFILE_BUDGET_MS; the save is bounded by the database's own deadlines (pool wait + statement timeout,
 * docs/database.md), and SAVE_BUDGET_MS is the backstop for a database that stops answering altogether.
 */
const PROFILE_BUDGET_MS = 400;
const SAVE_BUDGET_MS = 2400;

/**
 * Modal submitted: validate (field errors come back in place and the modal keeps what was typed), save the
 * assessment and schedule in one statement, close the modal, then confirm by DM and republish App Home.
 * The save is idempotent by the modal's view id, so what we tell the person is always true: "nothing was saved"
 * only when the database cancelled the statement; "could not confirm" when it may still commit, and pressing Save
 * again is then safe (it lands on the same row).
 */
export const handleAssessmentSubmit =
  (deps: Deps) =>
  async ({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const teamId = body.user.team_id ?? body.team?.id ?? '';
    const userId = body.user.id;
    const skill = deps.catalog.byId.get(parseMetadata(view.private_metadata)?.skill ?? '');
    const profile = await valueWithin(getUserProfile(deps, client, teamId, userId), PROFILE_BUDGET_MS, { locale: deps.config.defaultLocale, tz: null });
    const t = assessmentMessagesFor(profile.locale);
    if (!skill || !teamId) {
      await ack({ response_action: 'errors', errors: { [FIELD.role]: t.unknownSkillForAssess } });
      return;
    }
    const tz = usableTimeZone(profile.tz);
    const result = validateSubmission(view.state.values, skill, profile.locale, localDateIn(tz, deps.now()));
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    const context = { teamId, userId, skillId: skill.id, viewId: view.id };
    const saving = saveAssessment(deps, { teamId, userId, skillId: skill.id, tz, submissionKey: view.id, value: result.value });
    const outcome = await settleWithin(saving, SAVE_BUDGET_MS);
    if (outcome.kind === 'failed') {
      const busy = isDatabaseBusy(outcome.error);
      logger.error(`assessment: save ${busy ? 'cancelled (database busy)' : 'failed'}, the modal stays open`, context, outcome.error);
      await ack({ response_action: 'errors', errors: { [FIELD.goals]: busy ? t.errorSaveBusy : t.errorSaveUncertain } });
      return;
    }
    if (outcome.kind === 'late') {
      // It may still commit. If it does, the person gets the confirmation then; a second Save meanwhile lands on
      // the same row (firstTime false) and only closes the modal.
      logger.warn('assessment: save still running at the deadline, the modal stays open', context);
      await ack({ response_action: 'errors', errors: { [FIELD.goals]: t.errorSaveUncertain } });
      void outcome.pending.then(
        (saved) => (saved.firstTime ? confirm(deps, client, saved.assessment, profile.locale, tz, context) : undefined),
        (error: unknown) => logger.error('assessment: the late save failed after all', context, error),
      );
      return;
    }
    await ack();
    const { assessment, firstTime } = outcome.value;
    if (!firstTime) {
      logger.info('assessment: the same Save arrived again; kept the one row, no second confirmation', { ...context, assessmentId: assessment.id });
      return;
    }
    logger.info('assessment saved', { ...context, assessmentId: assessment.id });
    await confirm(deps, client, assessment, profile.locale, tz, context);
  };

/** The confirmation DM and App Home, from one read of the person's data. Failures are logged: the save stands. */
async function confirm(deps: Deps, client: WebClient, saved: AssessmentRow, locale: Locale, tz: string, context: Record<string, unknown>): Promise<void> {
  let mine;
  try {
    mine = await loadMySkills(deps, saved.team_id, saved.user_id, locale, tz);
  } catch (error) {
    deps.logger.error('assessment: could not load the saved data back for the confirmation', context, error);
    return;
  }
  const summary = mine.skills.find((s) => s.skillId === saved.skill_id) ?? toSkillSummary(saved, [], tz);
  await Promise.all([
    client.chat
      .postMessage({ channel: saved.user_id, ...buildSavedConfirmation({ ...mine, saved: summary }) })
      // It shows the person's goals: remembered so `/skill forget` can delete it.
      .then((posted) => rememberConfirmation(deps, saved, posted, context))
      .catch((error: unknown) => deps.logger.error('assessment: confirmation DM failed', context, error)),
    publishHomeView(client, saved.user_id, mine).catch((error: unknown) => deps.logger.error('assessment: App Home refresh failed', context, error)),
  ]);
}

async function rememberConfirmation(deps: Deps, saved: AssessmentRow, posted: { channel?: string; ts?: string }, context: Record<string, unknown>): Promise<void> {
  if (!posted.channel || !posted.ts) return;
  try {
    await recordSentMessage(deps.db, { teamId: saved.team_id, userId: saved.user_id, channel: posted.channel, ts: posted.ts, kind: 'confirmation' });
  } catch (error) {
    deps.logger.error('assessment: confirmation DM sent but not recorded; /skill forget will not find it', { ...context, channel: posted.channel, ts: posted.ts }, error);
  }
}
