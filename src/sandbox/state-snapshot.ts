import type { FakeSlack, FakeView } from './fake-slack/fake-slack-server.js';
import type { LocalMessages } from './local-messages.js';
import { SANDBOX_BOT, SANDBOX_TEAM, SANDBOX_USERS } from './sandbox-people.js';
import { sandboxWords } from './sandbox-words.js';
import { publicView, type SlackSimulator } from './slack-simulator.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * Everything the page shows for one person, in one JSON document: conversations with their messages (posted,
 * ephemeral ones meant for this person, and the sandbox's own), the modal on top of their stack, their Home tab,
 * and the pretend time. The page re-renders from it after every change notice.
 */

export interface SnapshotMessage {
  ts: string;
  /** A user id, the bot's user id, or `slackbot`. */
  author: string;
  text: string;
  blocks: unknown[];
  ephemeral: boolean;
  edited: boolean;
  /** Files shared with the message; `href` is the fake's download path, relative to the page's origin. */
  files?: { name: string; title: string; mimetype: string; size: number; href: string }[];
}

export interface SandboxSnapshot {
  notice: string;
  version: number;
  team: { id: string; name: string };
  bot: { userId: string; name: string };
  clock: { now: string; aheadMs: number };
  user: string;
  users: { id: string; name: string; realName: string; tz: string; locale: string }[];
  nextCheckin: string | null;
  conversations: { id: string; name: string; kind: 'channel' | 'im'; messages: SnapshotMessage[] }[];
  modal: (Record<string, unknown> & { id: string }) | null;
  home: (Record<string, unknown> & { id: string }) | null;
}

export function buildSnapshot(args: {
  userId: string;
  fake: FakeSlack;
  simulator: SlackSimulator;
  local: LocalMessages;
  clock: VirtualClock;
  version: number;
  nextCheckin: Date | null;
}): SandboxSnapshot {
  const { userId, fake, local } = args;
  const conversations = args.simulator.conversationsFor(userId).map((conversation) => {
    const posted: SnapshotMessage[] = fake
      .messagesIn(conversation.id)
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
      .map((m) => ({
        ts: m.ts,
        author: m.user,
        text: m.text ?? '',
        blocks: m.blocks ?? [],
        ephemeral: false,
        edited: m.edited !== undefined,
        ...(m.files ? { files: m.files.map((f) => ({ name: f.name, title: f.title, mimetype: f.mimetype, size: f.size, href: new URL(f.url_private).pathname })) } : {}),
      }));
    const ephemeral: SnapshotMessage[] = fake
      .ephemeralsTo(userId)
      .filter((e) => e.channel === conversation.id)
      .map((e) => ({ ts: e.message_ts, author: SANDBOX_BOT.userId, text: e.text ?? '', blocks: e.blocks ?? [], ephemeral: true, edited: false }));
    const own: SnapshotMessage[] = local
      .visibleIn(conversation.id, userId)
      .map((m) => ({ ts: m.ts, author: m.author, text: m.text, blocks: [], ephemeral: m.visibleTo !== undefined, edited: false }));
    const messages = [...posted, ...ephemeral, ...own].sort((a, b) => compareTs(a.ts, b.ts));
    return { ...conversation, messages };
  });
  const stack = fake.openViews().filter((view) => view.user_id === userId);
  const top: FakeView | undefined = stack[stack.length - 1];
  const home = fake.homeViewFor(userId);
  return {
    notice: sandboxWords(userId).notice,
    version: args.version,
    team: { id: SANDBOX_TEAM.id, name: SANDBOX_TEAM.name },
    bot: { userId: SANDBOX_BOT.userId, name: SANDBOX_BOT.name },
    clock: { now: args.clock.now().toISOString(), aheadMs: args.clock.aheadMs },
    user: userId,
    users: SANDBOX_USERS.map((u) => ({ id: u.id, name: u.name, realName: u.realName ?? u.name, tz: u.tz, locale: u.locale })),
    nextCheckin: args.nextCheckin?.toISOString() ?? null,
    conversations,
    modal: top ? publicView(top) : null,
    home: home ? publicView(home) : null,
  };
}

/** Slack timestamps compare as (seconds, microseconds). */
function compareTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}
