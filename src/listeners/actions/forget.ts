import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildForgetCancelled, buildForgetDone } from '../../blocks/forget.js';
import type { Deps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';
import { forgetPerson, type ForgetResult } from '../../services/forget-person.js';
import { publishHome } from '../../services/my-skills.js';
import { replyPrivately } from '../../services/private-reply.js';
import { getUserProfile } from '../../services/user-profile.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';

/**
 * The answer to `/skill forget`'s question: delete everything about this person in this workspace (our messages
 * that carry their data included), or nothing.
 */
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
      await respond({ replace_original: true, ...buildForgetCancelled(locale) }).catch((error: unknown) =>
        logger.warn('forget: could not replace the question after Cancel', { teamId, userId }, error),
      );
      return;
    }
    let counts: ForgetResult;
    try {
      // Our messages in Slack first (each with a deadline; failures are counted, not fatal), then the rows.
      counts = await forgetPerson(deps, client, teamId, userId);
    } catch (error) {
      logger.error('forget: delete failed', { teamId, userId }, error);
      await respond({ replace_original: false, response_type: 'ephemeral', text: messagesFor(locale).somethingWentWrong }).catch((respondError: unknown) =>
        logger.error('forget: could not say the delete failed', { teamId, userId }, respondError),
      );
      return;
    }
    // From here the data is gone: the person is told so whatever the reply channel does, never "try again".
    deps.profiles.delete(teamId, userId);
    logger.info('user data deleted on request', { teamId, userId, ...counts });
    const done = buildForgetDone(locale, counts);
    const target = { teamId, userId, channelId: input.data.channel?.id };
    await Promise.all([
      respond({ replace_original: true, ...done }).catch((error: unknown) => {
        logger.warn('forget: response_url failed after the delete; confirming another way', { teamId, userId }, error);
        return replyPrivately(client, logger, target, done);
      }),
      publishHome(deps, client, teamId, userId).catch((error: unknown) => logger.error('forget: App Home refresh failed', { teamId, userId }, error)),
    ]);
  };
