import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildCommandReply, isCatalogIntent } from '../../blocks/command-reply.js';
import { buildForgetPrompt } from '../../blocks/forget.js';
import { buildMySkillsMessage } from '../../blocks/my-skills.js';
import { parseSkillCommand, type SkillIntent } from '../../command/parse-skill-command.js';
import type { Locale } from '../../config.js';
import type { Deps } from '../../deps.js';
import { countAssessments } from '../../db/repositories/assessments.js';
import { isDatabaseBusy } from '../../db/errors.js';
import { findSchedule } from '../../db/repositories/checkin-schedules.js';
import { countSentMessages } from '../../db/repositories/sent-messages.js';
import { messagesFor } from '../../i18n/messages.js';
import { openAssessmentModal } from '../../services/assessment-modal.js';
import { loadSharesGiven, openShareModal } from '../../services/sharing.js';
import { buildSharingMessage } from '../../blocks/sharing-lists.js';
import { countAnonymousViews, countSharesOf } from '../../db/repositories/growth-shares.js';
import { loadPersonalMarks } from '../../services/personal-marks.js';
import { loadMySkills } from '../../services/my-skills.js';
import { getUserProfile, peekUserProfile } from '../../services/user-profile.js';
import { commandInputSchema, type CommandInput } from '../slack-input.js';
import { checkinCommandReply } from './checkin-command.js';
import { assessmentMessagesFor } from '../../i18n/assessment-messages.js';
import { exportMyData } from '../../services/export-my-data.js';
import { usableTimeZone } from '../../time/check-in-time.js';
import { buildOneOnOneBrief } from '../../blocks/one-on-one-brief.js';
import { clip, escapeMrkdwn } from '../../blocks/elements.js';
import { briefMessagesFor } from '../../i18n/brief-messages.js';
import { loadOneOnOneBrief } from '../../services/one-on-one-brief.js';

/**
 * `/skill …`: ack within Slack's 3 s, answering ephemerally in the user's language. `assess` opens the modal
 * before anything else, because its trigger_id expires 3 s after the command.
 */
export const handleSkillCommand =
  (deps: Deps) =>
  async ({ command, ack, respond, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const input = commandInputSchema.safeParse(command);
    if (!input.success) {
      await ack();
      logger.warn('/skill: unexpected command payload', { issues: input.error.issues.map((i) => i.path.join('.')) });
      await respond({ response_type: 'ephemeral', text: messagesFor(deps.config.defaultLocale).somethingWentWrong });
      return;
    }
    const { team_id: teamId, user_id: userId, trigger_id: triggerId } = input.data;
    const intent = parseSkillCommand(input.data.text, deps.catalog);
    // Fast path: a catalog card for someone whose language we remember is pure CPU, so it goes in the ack itself
    // (no response_url round trip). Anything needing I/O acks empty first, then answers on the response_url.
    const remembered = peekUserProfile(deps, teamId, userId);
    if (remembered && isCatalogIntent(intent) && !(intent.kind === 'assess' && triggerId)) {
      // Overviews and level cards mark the person's own levels: one indexed read, bounded well inside the 3 s ack window.
      const marks = await marksFor(deps, intent, teamId, userId);
      await ack({ response_type: 'ephemeral', ...buildCommandReply(intent, deps.catalog, remembered.locale, marks) });
      return;
    }
    await ack();
    let locale = deps.config.defaultLocale;
    try {
      if (intent.kind === 'assess' && triggerId) {
        await openAssessmentModal(deps, client, { triggerId, teamId, userId, skillId: intent.skill.id });
        return;
      }
      if (intent.kind === 'share' && triggerId) {
        // A person Slack resolved is pre-filled; a name it could not resolve leaves the picker empty, with a word why.
        const viewer = intent.viewer;
        await openShareModal(deps, client, {
          triggerId,
          teamId,
          userId,
          skillId: intent.skill?.id,
          viewerId: viewer && 'userId' in viewer ? viewer.userId : undefined,
          unresolvedName: viewer && 'name' in viewer ? viewer.name : undefined,
        });
        return;
      }
      const profile = await getUserProfile(deps, client, teamId, userId);
      locale = profile.locale;
      await respond({ response_type: 'ephemeral', ...(await reply(deps, client, input.data, intent, locale, profile.tz)) });
    } catch (error) {
      const busy = isDatabaseBusy(error);
      logger.error(`/skill failed${busy ? ' (database busy)' : ''}`, { teamId, userId, verb: intent.kind }, error);
      const t = messagesFor(locale);
      await respond({ response_type: 'ephemeral', text: busy ? t.databaseBusy : t.somethingWentWrong }).catch((respondError: unknown) =>
        logger.error('/skill: could not tell the user about the failure', { teamId, userId }, respondError),
      );
    }
  };

async function reply(deps: Deps, client: WebClient, input: CommandInput, intent: SkillIntent, locale: Locale, tz: string | null): Promise<RespondArguments> {
  const { team_id: teamId, user_id: userId } = input;
  if (intent.kind === 'me') return buildMySkillsMessage(await loadMySkills(deps, teamId, userId, locale, usableTimeZone(tz)));
  if (intent.kind === 'forget') {
    const [assessments, schedule, messages, shares] = await Promise.all([
      countAssessments(deps.db, teamId, userId),
      findSchedule(deps.db, teamId, userId),
      countSentMessages(deps.db, teamId, userId),
      countSharesOf(deps.db, teamId, userId),
    ]);
    return buildForgetPrompt(locale, assessments, assessments > 0 || schedule !== undefined, messages, shares);
  }
  if (intent.kind === 'sharing' || intent.kind === 'share') {
    const [given, anonymousViews] = await Promise.all([loadSharesGiven(deps, teamId, userId, { locale, tz: usableTimeZone(tz) }), countAnonymousViews(deps.db, teamId, userId)]);
    return buildSharingMessage({ given, anonymousViews }, deps.catalog, locale);
  }
  if (intent.kind === 'prep') {
    const b = briefMessagesFor(locale);
    const person = intent.person ?? { userId };
    if (!('userId' in person)) return { text: b.unknownPerson(escapeMrkdwn(clip(person.name, 80))) };
    const brief = await loadOneOnOneBrief(deps, teamId, userId, person.userId, { locale, tz: usableTimeZone(tz) });
    return brief === 'not_shared' ? { text: b.notShared(`<@${person.userId}>`) } : buildOneOnOneBrief(brief, deps.catalog, locale);
  }
  if (intent.kind === 'pause' || intent.kind === 'resume') return checkinCommandReply(deps, client, { teamId, userId, intent, locale, tz });
  if (intent.kind === 'export') {
    await exportMyData(deps, client, { teamId, userId, locale });
    return { text: assessmentMessagesFor(locale).exportSent };
  }
  return buildCommandReply(intent, deps.catalog, locale, await marksFor(deps, intent, teamId, userId));
}

function marksFor(deps: Deps, intent: SkillIntent, teamId: string, userId: string) {
  return intent.kind === 'card' || intent.kind === 'overview' ? loadPersonalMarks(deps, teamId, userId, intent.skill.id) : Promise.resolve(undefined);
}

