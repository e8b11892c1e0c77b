import type { AllMiddlewareArgs, BlockAction, RespondArguments, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Locale } from '../../config.js';
import type { Deps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';
import { getUserProfile } from '../../services/user-profile.js';
import { blockActionInputSchema, teamOf, type BlockActionInput } from '../slack-input.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** A click on a card, parsed: who clicked, in which workspace and language, and the element they used. */
export interface Click {
  teamId: string;
  userId: string;
  locale: Locale;
  clicked: BlockActionInput['actions'][number];
  /** Logs that the value was stale or forged; the reply is then a notice. */
  onStale: () => void;
}

/**
 * The shell every card click shares: ack, parse the payload (untrusted), look up the language, let `reply` decide,
 * and answer through the response_url with one call. A failure is logged with its context and the person is told,
 * in their language, that something went wrong. `label` names the family in the logs ("card action").
 */
export const respondToClick =
  (deps: Deps, label: string, tags: Record<string, string>, reply: (click: Click) => Promise<RespondArguments> | RespondArguments) =>
  async ({ ack, body, respond, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const input = blockActionInputSchema.safeParse(body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    if (!input.success || !teamId) {
      logger.warn(`${label}: unexpected payload`, tags);
      return;
    }
    const userId = input.data.user.id;
    const clicked = input.data.actions[0]!;
    const context = { teamId, userId, ...tags, actionId: clicked.action_id };
    let locale = deps.config.defaultLocale;
    try {
      locale = (await getUserProfile(deps, client, teamId, userId)).locale;
      await respond(await reply({ teamId, userId, locale, clicked, onStale: () => logger.warn(`${label}: stale or forged value`, context) }));
    } catch (error) {
      logger.error(`${label} failed`, context, error);
      await respond({ replace_original: false, response_type: 'ephemeral', text: messagesFor(locale).somethingWentWrong }).catch((respondError: unknown) =>
        logger.error(`${label}: could not tell the user about the failure`, context, respondError),
      );
    }
  };
