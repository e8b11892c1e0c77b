/**
 * Channels and what is in them: IMs, group DMs and ordinary channels with their messages, plus ephemeral messages
 * and deleted ones (kept so tests can see what a user no longer sees).
 */
import type { Args } from './api-result.js';
import type { FakeEphemeral, FakeMessage } from './types.js';
import { clone, isObject, type Json, str } from './values.js';
import type { Workspace } from './workspace.js';

export interface ChannelRecord {
  id: string;
  kind: 'im' | 'mpim' | 'channel';
  /** For IMs: the other member. */
  user?: string;
  members: string[];
  messages: FakeMessage[];
  created: number;
}

/** What a message shows: at least one of them is set once the content has been checked. */
export interface MessageContent {
  text?: string | undefined;
  blocks?: unknown[] | undefined;
}

/** The message as Slack returns it in API responses (no fake-only fields). */
export function publicMessage(message: FakeMessage, withMetadata = true): Json {
  const { channel: _channel, via: _via, metadata, ...rest } = clone(message);
  return withMetadata && metadata ? { ...rest, metadata } : rest;
}

export class ConversationStore {
  /** Ephemeral messages (chat.postEphemeral and ephemeral response_url replies). */
  readonly ephemerals: FakeEphemeral[] = [];
  /** Messages removed by chat.delete or `delete_original`. */
  readonly deletedMessages: FakeMessage[] = [];

  private readonly channels = new Map<string, ChannelRecord>();
  private readonly dmByUser = new Map<string, string>();
  private readonly mpimByMembers = new Map<string, string>();

  constructor(private readonly workspace: Workspace) {}

  /** The user's IM with the bot, created on first use like conversations.open does. */
  openIm(userId: string): string {
    const existing = this.dmByUser.get(userId);
    if (existing) return existing;
    const id = this.workspace.makeId('D');
    this.channels.set(id, { id, kind: 'im', user: userId, members: [userId, this.workspace.botUserId], messages: [], created: this.createdNow() });
    this.dmByUser.set(userId, id);
    return id;
  }

  hasIm(userId: string): boolean {
    return this.dmByUser.has(userId);
  }

  /** The group DM of exactly these users and the bot, created on first use; `already` when it existed. */
  openMpim(users: readonly string[]): { id: string; already: boolean } {
    const key = [...users].sort().join(',');
    const existing = this.mpimByMembers.get(key);
    if (existing !== undefined) return { id: existing, already: true };
    const id = this.workspace.makeId('G');
    this.channels.set(id, { id, kind: 'mpim', members: [...users, this.workspace.botUserId], messages: [], created: this.createdNow() });
    this.mpimByMembers.set(key, id);
    return { id, already: false };
  }

  /** A known channel by its exact id (no user ids, nothing created). */
  channel(id: string): ChannelRecord | undefined {
    return this.channels.get(id);
  }

  /** A channel id, or a user id standing for that user's IM (without creating it). */
  peekChannel(arg: string): string {
    return this.workspace.isUser(arg) ? (this.dmByUser.get(arg) ?? '') : arg;
  }

  /**
   * Resolves a `channel` argument: a user id means the user's IM (chat.postMessage does this in Slack), a `D…`
   * id must be a known IM, other ids (`C…`, `G…`) are created on first use as ordinary channels.
   */
  resolveChannel(arg: unknown, allowUserId: boolean): ChannelRecord | undefined {
    const id = str(arg);
    if (!id) return undefined;
    if (this.workspace.isUser(id)) return allowUserId ? this.channels.get(this.openIm(id)) : undefined;
    const known = this.channels.get(id);
    if (known) return known;
    if (!/^[CG][A-Z0-9]+$/.test(id)) return undefined;
    const created: ChannelRecord = { id, kind: 'channel', members: [], messages: [], created: this.createdNow() };
    this.channels.set(id, created);
    return created;
  }

  findMessage(channel: ChannelRecord, ts: unknown): FakeMessage | undefined {
    return channel.messages.find((m) => m.ts === ts);
  }

  /** Posts a bot message; `args` brings the optional attachments, metadata and thread_ts. */
  postMessage(channel: ChannelRecord, content: MessageContent, args: Args, via: FakeMessage['via']): FakeMessage {
    const { workspace } = this;
    const message: FakeMessage = { type: 'message', channel: channel.id, ts: workspace.nextTs(), user: workspace.botUserId, bot_id: workspace.botId, app_id: workspace.appId, team: workspace.teamId, via };
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = clone(content.blocks);
    if (Array.isArray(args.attachments)) message.attachments = clone(args.attachments);
    if (isObject(args.metadata)) message.metadata = clone(args.metadata) as FakeMessage['metadata'];
    const threadTs = str(args.thread_ts);
    if (threadTs) message.thread_ts = threadTs;
    channel.messages.push(message);
    return message;
  }

  deleteMessage(channel: ChannelRecord, message: FakeMessage): void {
    channel.messages.splice(channel.messages.indexOf(message), 1);
    this.deletedMessages.push(message);
  }

  addEphemeral(ephemeral: FakeEphemeral): void {
    this.ephemerals.push(ephemeral);
  }

  /** Replaces the message (or ephemeral) at `ts` whole; false when there is none. */
  replaceMessage(channelId: string | undefined, ts: string, content: { text: string | undefined; blocks: unknown[] | undefined }): boolean {
    const channel = channelId ? this.channels.get(this.peekChannel(channelId)) : undefined;
    const message = channel ? this.findMessage(channel, ts) : undefined;
    if (message) {
      // Replacing swaps the whole message: fields not given are cleared.
      if (content.text !== undefined) message.text = content.text;
      else delete message.text;
      if (content.blocks !== undefined) message.blocks = clone(content.blocks);
      else delete message.blocks;
      message.edited = { user: this.workspace.botUserId, ts: this.workspace.nextTs() };
      return true;
    }
    const ephemeral = this.ephemerals.find((e) => e.message_ts === ts);
    if (!ephemeral) return false;
    if (content.text !== undefined) ephemeral.text = content.text;
    else delete ephemeral.text;
    if (content.blocks !== undefined) ephemeral.blocks = clone(content.blocks);
    else delete ephemeral.blocks;
    return true;
  }

  /** The message at `ts` in a channel, if there is one (for methods that change part of it, such as files.delete). */
  messageAt(channelId: string, ts: string): FakeMessage | undefined {
    const channel = this.channels.get(this.peekChannel(channelId));
    return channel ? this.findMessage(channel, ts) : undefined;
  }

  /** Removes the message (or ephemeral) at `ts`, if there is one. */
  removeMessage(channelId: string | undefined, ts: string): void {
    const channel = channelId ? this.channels.get(this.peekChannel(channelId)) : undefined;
    const message = channel ? this.findMessage(channel, ts) : undefined;
    if (channel && message) {
      this.deleteMessage(channel, message);
      return;
    }
    const index = this.ephemerals.findIndex((e) => e.message_ts === ts);
    if (index >= 0) this.ephemerals.splice(index, 1);
  }

  /** Messages in a channel (a user id means that user's IM), oldest first, including thread replies. */
  messagesIn(channel: string): FakeMessage[] {
    const id = this.workspace.isUser(channel) ? this.dmByUser.get(channel) : channel;
    return clone(id ? (this.channels.get(id)?.messages ?? []) : []);
  }

  /** Messages the bot posted in a user's IM. */
  dmsTo(userId: string): FakeMessage[] {
    const id = this.dmByUser.get(userId);
    return id ? this.messagesIn(id) : [];
  }

  /** Ephemeral messages shown to a user. */
  ephemeralsTo(userId: string): FakeEphemeral[] {
    return clone(this.ephemerals.filter((e) => e.user === userId));
  }

  /** Every channel with its messages (copies): what a Slack workspace keeps across a client's reconnect. */
  exportChannels(): ChannelRecord[] {
    return clone([...this.channels.values()]);
  }

  /** Puts saved channels back, with the IM and group-DM lookups they imply. */
  restoreChannels(channels: readonly ChannelRecord[]): void {
    for (const channel of clone([...channels])) {
      this.channels.set(channel.id, channel);
      if (channel.kind === 'im' && channel.user) this.dmByUser.set(channel.user, channel.id);
      if (channel.kind === 'mpim') {
        const users = channel.members.filter((member) => member !== this.workspace.botUserId);
        this.mpimByMembers.set([...users].sort().join(','), channel.id);
      }
    }
  }

  dropEphemeralsTo(userId: string): void {
    const kept = this.ephemerals.filter((e) => e.user !== userId);
    this.ephemerals.splice(0, this.ephemerals.length, ...kept);
  }

  reset(): void {
    this.ephemerals.length = 0;
    this.deletedMessages.length = 0;
    this.channels.clear();
    this.dmByUser.clear();
    this.mpimByMembers.clear();
  }

  /** Channel `created` is in whole seconds, as Slack sends it. */
  private createdNow(): number {
    return Math.floor(this.workspace.now() / 1000);
  }
}
