import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { buildDirectMessageHelp } from '../../blocks/direct-message-help.js';
import type { Deps } from '../../deps.js';
import { createReplyThrottle } from '../../services/reply-throttle.js';
import { getUserProfile } from '../../services/user-profile.js';

/** A person gets at most one help answer a minute, however much they type. */
const HELP_WINDOW_MS = 60_000;

const id = z.string().min(1).max(64);
/**
 * What a person typing in our DM looks like (`message.im`). Edits, deletions, joins and bot posts carry a
 * `subtype` or a `bot_id`; they are not a person talking to us.
 */
const personTypedSchema = z.object({
  channel_type: z.literal('im'),
  channel: id,
  user: id,
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

/**
 * `message.im`: someone typed in the app's Messages tab. We do not read what they wrote; they get a short help in
 * their language saying how to use `/skill`, at most once a minute. Our own posts, other bots, edits and Slack's
 * retries of the same event get nothing.
 */
export const handleDirectMessage = (deps: Deps) => {
  const throttle = createReplyThrottle(HELP_WINDOW_MS);
  return async ({ event, body, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (context.retryNum) return;
    const message = personTypedSchema.safeParse(event);
    if (!message.success || message.data.user === context.botUserId) return;
    const teamId = body.team_id;
    const { user: userId, channel } = message.data;
    if (!throttle.take(`${teamId}:${userId}`, deps.now().getTime())) return;
    try {
      const { locale } = await getUserProfile(deps, client, teamId, userId);
      await client.chat.postMessage({ channel, ...buildDirectMessageHelp(locale) });
    } catch (error) {
      logger.error('direct message: could not answer with the help', { teamId, userId, channel }, error);
    }
  };
};
