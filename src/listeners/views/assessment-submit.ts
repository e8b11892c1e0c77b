import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { FIELD, parseMetadata, validateSubmission } from '../../blocks/assessment-modal.js';
import { buildSavedConfirmation } from '../../blocks/my-skills.js';
import type { Deps } from '../../deps.js';
import { assessmentMessagesFor } from '../../i18n/assessment-messages.js';
import { saveAssessment } from '../../services/assessments.js';
import { loadMySkills, localDateIn, publishHomeView, toSkillSummary, usableTimeZone } from '../../services/my-skills.js';
import { getUserProfile } from '../../services/user-profile.js';

/** Slack closes the request after 3 s; the save must finish (or give up) well before, so the modal can answer. */
const SAVE_BUDGET_MS = 2000;

/**
 * Modal submitted: validate (field errors come back in place and the modal keeps what was typed), save the
 * assessment and schedule in one transaction, close the modal, then confirm by DM and republish App Home.
 * If the database does not answer in time the modal stays open with an error: nothing typed is lost.
 */
export const handleAssessmentSubmit =
  (deps: Deps) =>
  async ({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const teamId = body.user.team_id ?? body.team?.id ?? '';
    const userId = body.user.id;
    const skill = deps.catalog.byId.get(parseMetadata(view.private_metadata)?.skill ?? '');
    const profile = await withTimeout(getUserProfile(deps, client, teamId, userId), 800).catch(() => ({ locale: deps.config.defaultLocale, tz: null }));
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
    let saved;
    try {
      saved = await withTimeout(saveAssessment(deps, { teamId, userId, skillId: skill.id, tz, value: result.value }), SAVE_BUDGET_MS);
    } catch (error) {
      logger.error('assessment: save failed, the modal stays open', { teamId, userId, skillId: skill.id }, error);
      await ack({ response_action: 'errors', errors: { [FIELD.goals]: t.errorSaveFailed } });
      return;
    }
    await ack();
    const context = { teamId, userId, skillId: skill.id, assessmentId: saved.assessment.id };
    logger.info('assessment saved', context);
    // One read of the person's data serves both the confirmation DM and App Home.
    let mine;
    try {
      mine = await loadMySkills(deps, teamId, userId, profile.locale, tz);
    } catch (error) {
      logger.error('assessment: could not load the saved data back for the confirmation', context, error);
      return;
    }
    const summary = mine.skills.find((s) => s.skillId === skill.id) ?? toSkillSummary(saved.assessment, [], tz);
    await Promise.all([
      client.chat
        .postMessage({ channel: userId, ...buildSavedConfirmation({ ...mine, saved: summary }) })
        .catch((error: unknown) => logger.error('assessment: confirmation DM failed', context, error)),
      publishHomeView(client, userId, mine).catch((error: unknown) => logger.error('assessment: App Home refresh failed', context, error)),
    ]);
  };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
