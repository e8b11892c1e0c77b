/** chat.postMessage, chat.update, chat.postEphemeral, chat.delete and chat.getPermalink. */
import { type ApiResult, type Args, fail, invalidBlocks, ok, type WebApiMethods } from '../api-result.js';
import { type ConversationStore, publicMessage } from '../conversation-store.js';
import { checkMessageContent, checkMetadata, TRUNCATION_WARNING } from '../message-content.js';
import type { FakeEphemeral, FakeMessage } from '../types.js';
import { clone, isObject, type Json, str } from '../values.js';
import type { Workspace } from '../workspace.js';

export interface ChatMethodsDeps {
  workspace: Workspace;
  conversations: ConversationStore;
  /** Reject blocks without a `text` fallback (see FakeSlackOptions). */
  requireFallbackText: boolean;
}

export function chatMethods({ workspace, conversations, requireFallbackText }: ChatMethodsDeps): WebApiMethods {
  function chatPostMessage(args: Args): ApiResult {
    const channel = conversations.resolveChannel(args.channel, true);
    if (!channel) return fail('channel_not_found');
    const content = checkMessageContent(args, requireFallbackText);
    if (!content.ok) return invalidBlocks(content.error, content.problems);
    const metadataError = checkMetadata(args.metadata);
    if (metadataError) return metadataError;
    const message = conversations.postMessage(channel, content, args, 'chat.postMessage');
    const body: Json = { channel: channel.id, ts: message.ts, message: publicMessage(message) };
    if (content.truncated) body.response_metadata = TRUNCATION_WARNING;
    return ok(body);
  }

  function chatUpdate(args: Args): ApiResult {
    const channel = conversations.resolveChannel(args.channel, false);
    if (!channel) return fail('channel_not_found');
    const message = conversations.findMessage(channel, str(args.ts));
    if (!message) return fail('message_not_found');
    const content = checkMessageContent(args, requireFallbackText);
    if (!content.ok) return invalidBlocks(content.error, content.problems);
    const metadataError = checkMetadata(args.metadata);
    if (metadataError) return metadataError;
    // chat.update replaces the fields it is given; blocks: [] clears them.
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = clone(content.blocks);
    if (Array.isArray(args.attachments)) message.attachments = clone(args.attachments);
    if (isObject(args.metadata)) message.metadata = clone(args.metadata) as FakeMessage['metadata'];
    message.edited = { user: workspace.botUserId, ts: workspace.nextTs() };
    const body: Json = { channel: channel.id, ts: message.ts, text: message.text ?? '', message: publicMessage(message) };
    if (content.truncated) body.response_metadata = TRUNCATION_WARNING;
    return ok(body);
  }

  function chatPostEphemeral(args: Args): ApiResult {
    const channel = conversations.resolveChannel(args.channel, true);
    if (!channel) return fail('channel_not_found');
    const user = str(args.user);
    if (!user || !workspace.isUser(user)) return fail('user_not_found');
    const content = checkMessageContent(args, requireFallbackText);
    if (!content.ok) return invalidBlocks(content.error, content.problems);
    const ephemeral: FakeEphemeral = { channel: channel.id, user, message_ts: workspace.nextTs(), via: 'chat.postEphemeral' };
    if (content.text !== undefined) ephemeral.text = content.text;
    if (content.blocks !== undefined) ephemeral.blocks = clone(content.blocks);
    const threadTs = str(args.thread_ts);
    if (threadTs) ephemeral.thread_ts = threadTs;
    conversations.addEphemeral(ephemeral);
    const body: Json = { message_ts: ephemeral.message_ts };
    if (content.truncated) body.response_metadata = TRUNCATION_WARNING;
    return ok(body);
  }

  function chatDelete(args: Args): ApiResult {
    const channel = conversations.resolveChannel(args.channel, false);
    if (!channel) return fail('channel_not_found');
    const message = conversations.findMessage(channel, str(args.ts));
    if (!message) return fail('message_not_found');
    conversations.deleteMessage(channel, message);
    return ok({ channel: channel.id, ts: message.ts });
  }

  function chatGetPermalink(args: Args): ApiResult {
    const channel = conversations.channel(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const message = conversations.findMessage(channel, str(args.message_ts));
    if (!message) return fail('message_not_found');
    return ok({ channel: channel.id, permalink: `https://${workspace.teamDomain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}` });
  }

  return {
    'chat.postMessage': chatPostMessage,
    'chat.update': chatUpdate,
    'chat.postEphemeral': chatPostEphemeral,
    'chat.delete': chatDelete,
    'chat.getPermalink': chatGetPermalink,
  };
}
