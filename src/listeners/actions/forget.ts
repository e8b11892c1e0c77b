import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildForgetCancelled, buildForgetDone } from '../../blocks/forget.js';
import type { Deps } from '../../deps.js';
import { deleteUserData } from '../../db/repositories/forget.js';
import { messagesFor } from '../../i18n/messages.js';
import { publishHome } from '../../services/my-skills.js';
import { getUserProfile } from '../../services/user-profile.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';

/** The answer to `/skill forget`'s question: delete everything about this person in this workspace, or nothing. */
export const handleForget =
  (deps: Deps, answer: 'confirm' | 'cancel') =>
  async ({ ack, body, client, respond, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    const input = blockActionInputSchema.safeParse(body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    if (!input.success || !teamId) return;
    const userId = input.data.user.id;
    // The language is read before deleting: the settings row that holds it goes too.
    const { locale } = await getUserProfile(deps, client, teamId, userId);
    if (answer === 'cancel') {
      await respond({ replace_original: true, ...buildForgetCancelled(locale) });
      return;
    }
    try {
      const counts = await deleteUserData(deps.db, teamId, userId);
      deps.profiles.delete(teamId, userId);
      logger.info('user data deleted on request', { teamId, userId, ...counts });
      await respond({ replace_original: true, ...buildForgetDone(locale, counts.assessments) });
    } catch (error) {
      logger.error('forget: delete failed', { teamId, userId }, error);
      await respond({ replace_original: false, response_type: 'ephemeral', text: messagesFor(locale).somethingWentWrong });
      return;
    }
    await publishHome(deps, client, teamId, userId).catch((error: unknown) => logger.error('forget: App Home refresh failed', { teamId, userId }, error));
  };
