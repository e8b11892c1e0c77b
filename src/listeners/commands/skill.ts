import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildCommandReply } from '../../blocks/command-reply.js';
import { parseSkillCommand } from '../../command/parse-skill-command.js';
import type { Deps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';
import { getUserProfile } from '../../services/user-profile.js';
import { commandInputSchema } from '../slack-input.js';

/** `/skill …`: ack at once (Slack allows 3 s), then look up the user's language and answer ephemerally. */
export const handleSkillCommand =
  (deps: Deps) =>
  async ({ command, ack, respond, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    const input = commandInputSchema.safeParse(command);
    if (!input.success) {
      logger.warn('/skill: unexpected command payload', { issues: input.error.issues.map((i) => i.path.join('.')) });
      await respond({ response_type: 'ephemeral', text: messagesFor(deps.config.defaultLocale).somethingWentWrong });
      return;
    }
    const { team_id: teamId, user_id: userId, text } = input.data;
    let locale = deps.config.defaultLocale;
    try {
      locale = (await getUserProfile(deps, client, teamId, userId)).locale;
      const intent = parseSkillCommand(text, deps.catalog);
      await respond({ response_type: 'ephemeral', ...buildCommandReply(intent, deps.catalog, locale) });
    } catch (error) {
      logger.error('/skill failed', { teamId, userId, text: text.slice(0, 100) }, error);
      await respond({ response_type: 'ephemeral', text: messagesFor(locale).somethingWentWrong }).catch((respondError: unknown) =>
        logger.error('/skill: could not tell the user about the failure', { teamId, userId }, respondError),
      );
    }
  };
