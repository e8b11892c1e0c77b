import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../blocks/elements.js';

export interface PrivateReplyTarget {
  teamId: string;
  userId: string;
  /** The channel the person clicked in, when the payload carries one. */
  channelId?: string | undefined;
}

/**
 * Shows `message` to one person when the response_url could not (it expired, was used up, or Slack failed):
 * as an ephemeral in the channel they clicked in, or, where the app cannot post there (a channel it is not a
 * member of, a DM between two people), in their DM with the app. For results that already happened: it never
 * throws, and returns whether the person was told.
 */
export async function replyPrivately(client: WebClient, logger: Logger, target: PrivateReplyTarget, message: SlackMessage): Promise<boolean> {
  const context = { teamId: target.teamId, userId: target.userId, channelId: target.channelId };
  if (target.channelId) {
    try {
      await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...message });
      return true;
    } catch (error) {
      logger.warn('private reply: no ephemeral in that channel, sending a DM instead', context, errorCode(error));
    }
  }
  try {
    // A user id as the channel posts in the app's DM with that person (Slack opens it if needed).
    await client.chat.postMessage({ channel: target.userId, ...message });
    return true;
  } catch (error) {
    logger.error('private reply: could not reach the person by ephemeral or DM', context, error);
    return false;
  }
}

function errorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : error instanceof Error ? error.message : String(error);
}
