/** conversations.open, conversations.history and conversations.replies. */
import { type ApiResult, type Args, fail, ok, type WebApiMethods } from '../api-result.js';
import { type ConversationStore, publicMessage } from '../conversation-store.js';
import { tsMicros } from '../slack-timestamps.js';
import { flag, str } from '../values.js';
import type { Workspace } from '../workspace.js';

/** Slack's cursors are opaque; an offset in base64 is enough for a fake that never changes pages under a reader. */
function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: unknown): number {
  const text = str(cursor);
  if (!text) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(text, 'base64').toString('utf8'));
  return match ? Number(match[1]) : 0;
}

export function conversationsMethods({ workspace, conversations }: { workspace: Workspace; conversations: ConversationStore }): WebApiMethods {
  function conversationsOpen(args: Args): ApiResult {
    const existing = str(args.channel);
    if (existing) {
      const channel = conversations.channel(existing);
      return channel ? ok({ channel: { id: channel.id }, already_open: true }) : fail('channel_not_found');
    }
    const raw = args.users;
    const users = (Array.isArray(raw) ? raw.map(String) : (str(raw) ?? '').split(',')).map((u) => u.trim()).filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 8) return fail('too_many_users');
    const unknown = users.find((u) => !workspace.isUser(u));
    if (unknown) return fail('user_not_found');
    if (users.length === 1) {
      const user = users[0] as string;
      const already = conversations.hasIm(user);
      const id = conversations.openIm(user);
      return ok({ no_op: already, already_open: already, channel: { id, is_im: true, user, created: conversations.channel(id)?.created } });
    }
    const { id, already } = conversations.openMpim(users);
    return ok({ no_op: already, already_open: already, channel: { id, is_mpim: true } });
  }

  function conversationsHistory(args: Args): ApiResult {
    const channel = conversations.resolveChannel(args.channel, false);
    if (!channel) return fail('channel_not_found');
    const inclusive = flag(args.inclusive);
    const oldest = tsMicros(str(args.oldest) ?? '0');
    const latest = args.latest === undefined ? Number.MAX_SAFE_INTEGER : tsMicros(str(args.latest) ?? '0');
    const limit = Math.min(Math.max(Number(str(args.limit) ?? 100) || 100, 1), 999);
    const offset = decodeCursor(args.cursor);
    // History lists top-level messages only; thread replies live in conversations.replies.
    const matching = channel.messages
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
      .filter((m) => {
        const t = tsMicros(m.ts);
        return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
      })
      .reverse();
    const page = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    const withMetadata = flag(args.include_all_metadata);
    return ok({
      messages: page.map((m) => publicMessage(m, withMetadata)),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: { next_cursor: hasMore ? encodeCursor(offset + limit) : '' },
    });
  }

  function conversationsReplies(args: Args): ApiResult {
    const channel = conversations.channel(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const ts = str(args.ts);
    const parent = conversations.findMessage(channel, ts);
    if (!parent) return fail('thread_not_found');
    const withMetadata = flag(args.include_all_metadata);
    const thread = channel.messages.filter((m) => m === parent || m.thread_ts === ts);
    return ok({ messages: thread.map((m) => publicMessage(m, withMetadata)), has_more: false });
  }

  return { 'conversations.open': conversationsOpen, 'conversations.history': conversationsHistory, 'conversations.replies': conversationsReplies };
}
