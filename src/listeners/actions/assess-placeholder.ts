import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildNotice } from '../../blocks/help-and-list.js';
import type { Deps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';
import { getUserProfile } from '../../services/user-profile.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';

/** "Assess myself" until the self-assessment modal lands: an honest "coming soon", in the user's language. */
export const handleAssessPlaceholder =
  (deps: Deps) =>
  async ({ ack, body, respond, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    const input = blockActionInputSchema.safeParse(body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    if (!input.success || !teamId) return;
    const { locale } = await getUserProfile(deps, client, teamId, input.data.user.id);
    await respond({ replace_original: false, response_type: 'ephemeral', ...buildNotice(messagesFor(locale).comingSoon) }).catch((error: unknown) =>
      logger.error('assess: could not answer', { teamId, userId: input.data.user.id }, error),
    );
  };
