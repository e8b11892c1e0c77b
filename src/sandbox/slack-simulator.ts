import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { FakeSlack, FakeSlackUser, FakeView } from './fake-slack/fake-slack-server.js';
import { actionEntryFor, findElement, stateValuesFor, type ElementChoice, type ElementRef } from './block-elements.js';
import type { BoltAnswer, BoltForwarder } from './bolt-forwarder.js';
import type { ChangeFeed } from './change-feed.js';
import type { LocalMessages } from './local-messages.js';
import { GENERAL_CHANNEL, SANDBOX_BOT, SANDBOX_TEAM, SANDBOX_USERS, findSandboxUser } from './sandbox-people.js';
import {
  buildCommandBody,
  buildEventBody,
  buildInteractionBody,
  buildMessageActionPayload,
  buildViewActionPayload,
  buildViewClosedPayload,
  buildViewSubmissionPayload,
  type ActionEntry,
  type SlackUserRef,
} from './slack-payloads.js';
import { sandboxWords, type SandboxWords } from './sandbox-words.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * Plays the Slack client and Slack's servers for the page: what happens when a person types a command, clicks a
 * button, picks an option, submits or closes a modal, or opens the app's Home tab. Every one of them reaches the
 * Bolt app as the signed HTTP request Slack would send; what the app does in return (respond, chat.*, views.*)
 * lands in the fake Slack, which the page then shows. Nothing here knows what the app is about.
 */

/** Per-person edits of a view's inputs, keyed like `state.values` (block_id → action_id → choice). */
export type ViewEdits = Record<string, Record<string, ElementChoice>>;

export type Outcome = { ok: true } | { ok: false; error: string; message: string };
export type SubmitOutcome = { ok: true; closed: boolean; errors?: Record<string, string> } | { ok: false; error: string; message: string };

export interface SimulatorOptions {
  fake: FakeSlack;
  bolt: BoltForwarder;
  local: LocalMessages;
  clock: VirtualClock;
  feed: ChangeFeed;
  /** A bot-token client on the fake, for the view changes Slack itself makes after `response_action: update|push`. */
  slackApi: WebClient;
  logger: Logger;
}

const COMMAND = /^(\/\S+)(?:\s([\s\S]*))?$/;

export class SlackSimulator {
  constructor(private readonly o: SimulatorOptions) {}

  /** The conversations a person sees: #general and their DM with the app. */
  conversationsFor(userId: string): { id: string; name: string; kind: 'channel' | 'im' }[] {
    return [
      { id: GENERAL_CHANNEL.id, name: GENERAL_CHANNEL.name, kind: 'channel' },
      { id: this.o.fake.dmChannelFor(userId), name: SANDBOX_BOT.name, kind: 'im' },
    ];
  }

  /** Whatever was typed in the composer: a slash command goes to the app, anything else is an ordinary message. */
  async compose(userId: string, channelId: string, text: string): Promise<Outcome> {
    const user = this.user(userId);
    const channel = this.channel(userId, channelId);
    if (!user || !channel) return refused('not_found', sandboxWords(userId).noPersonOrConversation);
    const trimmed = text.trim();
    if (trimmed === '') return { ok: true };
    const command = COMMAND.exec(trimmed);
    if (!command) {
      this.o.local.add({ channel: channel.id, author: user.id, text: trimmed });
      this.o.feed.changed();
      return { ok: true };
    }
    const [, name = '', args = ''] = command;
    if (name.toLowerCase() !== '/skill') {
      this.notice(user.id, channel.id, sandboxWords(user.id).notACommand(name));
      return { ok: true };
    }
    return this.runCommand(user, channel, args.trim());
  }

  async clickInMessage(userId: string, target: { channel: string; ts: string } & ElementRef, choice: ElementChoice = {}): Promise<Outcome> {
    const user = this.user(userId);
    const channel = this.channel(userId, target.channel);
    const w = sandboxWords(userId);
    if (!user || !channel) return refused('not_found', w.noPersonOrConversation);
    const message = this.findMessage(user.id, channel.id, target.ts);
    if (!message) return refused('message_not_found', w.messageGone);
    const found = findElement(message.blocks ?? [], target);
    const action = found ? actionEntryFor(found, choice, this.actionTs()) : undefined;
    if (!action) return refused('element_not_found', w.noSuchElement(target.actionId));
    const payload = buildMessageActionPayload({
      app: { apiAppId: SANDBOX_BOT.appId },
      team: SANDBOX_TEAM,
      user: ref(user),
      channel,
      message: { ...message, botId: SANDBOX_BOT.botId, userId: SANDBOX_BOT.userId },
      action: action as ActionEntry,
      responseUrl: this.o.fake.createResponseUrl({ channel: channel.id, userId: user.id, messageTs: target.ts }),
      triggerId: this.o.fake.issueTriggerId({ userId: user.id }),
    });
    return this.deliverInteraction(payload, w.failed('click'), w);
  }

  /** A click or a choice inside a modal or App Home (a dispatch_action select, an accessory button, …). */
  async actInView(userId: string, target: { viewId: string } & ElementRef, choice: ElementChoice = {}, edits: ViewEdits = {}): Promise<Outcome> {
    const user = this.user(userId);
    const view = user ? this.viewOf(user.id, target.viewId) : undefined;
    const w = sandboxWords(userId);
    if (!user || !view) return refused('view_not_found', w.viewGone);
    const found = findElement(view.blocks, target);
    const action = found ? actionEntryFor(found, choice, this.actionTs()) : undefined;
    if (!found || !action) return refused('element_not_found', w.noSuchElement(target.actionId));
    // The changed element's new value is part of the state Slack sends with the action.
    const withChoice: ViewEdits = { ...edits, [found.blockId]: { ...edits[found.blockId], [target.actionId]: choice } };
    const payload = buildViewActionPayload({
      app: { apiAppId: SANDBOX_BOT.appId },
      team: SANDBOX_TEAM,
      user: ref(user),
      view: publicView(view),
      stateValues: stateValuesFor(view.blocks, withChoice),
      action: action as ActionEntry,
      triggerId: this.o.fake.issueTriggerId({ userId: user.id, ...(view.type === 'modal' ? { viewId: view.id } : {}) }),
    });
    return this.deliverInteraction(payload, w.failed('action'), w);
  }

  /** Submit: the ack decides: close (empty), field errors, update, push or clear (see docs/slack-limits.md). */
  async submitView(userId: string, viewId: string, edits: ViewEdits = {}): Promise<SubmitOutcome> {
    const user = this.user(userId);
    const view = user ? this.viewOf(user.id, viewId) : undefined;
    const w = sandboxWords(userId);
    if (!user || !view || view.type !== 'modal') return refused('view_not_found', w.modalGone);
    const payload = buildViewSubmissionPayload({
      app: { apiAppId: SANDBOX_BOT.appId },
      team: SANDBOX_TEAM,
      user: ref(user),
      view: publicView(view),
      stateValues: stateValuesFor(view.blocks, edits),
      triggerId: this.o.fake.issueTriggerId({ userId: user.id, viewId: view.id }),
    });
    const answer = await this.send(() => this.o.bolt.sendForm(buildInteractionBody(payload)));
    try {
      if (answer.status !== 200) return refused('app_error', troubleText(answer, w));
      const ack = parseAck(answer.body);
      if (!ack) {
        this.o.fake.closeView(view.id);
        return { ok: true, closed: true };
      }
      switch (ack.response_action) {
        case 'errors':
          return { ok: true, closed: false, errors: stringRecord(ack.errors) };
        case 'clear':
          this.o.fake.closeView(view.root_view_id ?? view.id);
          return { ok: true, closed: true };
        case 'update':
          await this.o.slackApi.views.update({ view_id: view.id, view: ack.view as never });
          return { ok: true, closed: false };
        case 'push':
          await this.o.slackApi.views.push({ trigger_id: this.o.fake.issueTriggerId({ userId: user.id, viewId: view.id }), view: ack.view as never });
          return { ok: true, closed: false };
        default:
          this.o.fake.closeView(view.id);
          return { ok: true, closed: true };
      }
    } catch (error) {
      this.o.logger.warn('sandbox: could not apply the modal response', error);
      return refused('app_error', w.rejectedView);
    } finally {
      this.o.feed.changed();
    }
  }

  /** The × or Cancel button: the modal closes; the app hears of it only if it asked (`notify_on_close`). */
  async closeView(userId: string, viewId: string): Promise<Outcome> {
    const user = this.user(userId);
    const view = user ? this.viewOf(user.id, viewId) : undefined;
    const w = sandboxWords(userId);
    if (!user || !view || view.type !== 'modal') return refused('view_not_found', w.modalClosed);
    this.o.fake.closeView(view.id);
    this.o.feed.changed();
    if (!view.notify_on_close) return { ok: true };
    const payload = buildViewClosedPayload({ app: { apiAppId: SANDBOX_BOT.appId }, team: SANDBOX_TEAM, user: ref(user), view: publicView(view) });
    return this.deliverInteraction(payload, w.failed('close'), w);
  }

  /** Opening the app's Home or Messages tab sends `app_home_opened`; the app publishes Home in response. */
  async openAppTab(userId: string, tab: 'home' | 'messages'): Promise<Outcome> {
    const user = this.user(userId);
    if (!user) return refused('not_found', sandboxWords(userId).noPerson);
    const home = this.o.fake.homeViewFor(user.id);
    const event = { type: 'app_home_opened', user: user.id, channel: this.o.fake.dmChannelFor(user.id), tab, ...(home ? { view: publicView(home) } : {}) };
    const body = buildEventBody({ app: { apiAppId: SANDBOX_BOT.appId }, teamId: SANDBOX_TEAM.id, botUserId: SANDBOX_BOT.userId, event, nowSec: this.o.clock.nowMs() / 1000 });
    const answer = await this.send(() => this.o.bolt.sendJson(body));
    this.o.feed.changed();
    return answer.status === 200 ? { ok: true } : refused('app_error', troubleText(answer, sandboxWords(user.id)));
  }

  /**
   * The page was loaded afresh: like a Slack client that restarts, whatever lived only in the client is gone. Open
   * modals close (the app hears view_closed when it asked to) and "only visible to you" messages disappear. The page
   * is every sandbox person's client, so this holds for all of them.
   */
  async clientRestarted(userIds: readonly string[]): Promise<Outcome> {
    for (const userId of userIds) {
      const roots = this.o.fake.openViews().filter((view) => view.user_id === userId && !view.previous_view_id);
      for (const root of roots) await this.closeView(userId, root.id);
      this.o.fake.dropEphemeralsTo(userId);
      this.o.local.dropNoticesTo(userId);
    }
    this.o.feed.changed();
    return { ok: true };
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private async runCommand(user: FakeSlackUser, channel: { id: string; name: string }, text: string): Promise<Outcome> {
    const responseUrl = this.o.fake.createResponseUrl({ channel: channel.id, userId: user.id });
    const body = buildCommandBody({
      app: { apiAppId: SANDBOX_BOT.appId },
      team: SANDBOX_TEAM,
      user: ref(user),
      channel,
      command: '/skill',
      text: escapeMentions(text),
      responseUrl,
      triggerId: this.o.fake.issueTriggerId({ userId: user.id }),
    });
    const answer = await this.send(() => this.o.bolt.sendForm(body));
    if (answer.status !== 200) {
      // What Slack shows when an app fails or is too slow to acknowledge a command.
      const reason = answer.status === 404 || answer.status === 0 ? 'operation_timeout' : 'dispatch_failed';
      const w = sandboxWords(user.id);
      this.notice(user.id, channel.id, w.commandFailed(reason, answer.status ? String(answer.status) : w.timeout));
      return { ok: true };
    }
    // An immediate reply in the ack body is shown like a response_url reply (ephemeral unless it says otherwise).
    if (answer.body.trim() !== '') await this.postAckReply(responseUrl, answer.body);
    this.o.feed.changed();
    return { ok: true };
  }

  private async postAckReply(responseUrl: string, body: string): Promise<void> {
    const message = parseAck(body) ?? { text: body };
    await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) }).catch((error: unknown) =>
      this.o.logger.warn('sandbox: could not show the command ack reply', error),
    );
  }

  private async deliverInteraction(payload: Record<string, unknown>, failed: string, w: SandboxWords): Promise<Outcome> {
    const answer = await this.send(() => this.o.bolt.sendForm(buildInteractionBody(payload)));
    this.o.feed.changed();
    return answer.status === 200 ? { ok: true } : refused('app_error', `${failed}: ${troubleText(answer, w)}`);
  }

  /** Network errors and timeouts become status 0, like a Slack request that got no answer. */
  private async send(request: () => Promise<BoltAnswer>): Promise<BoltAnswer> {
    try {
      return await request();
    } catch (error) {
      this.o.logger.warn('sandbox: the app did not answer', error);
      return { status: 0, body: '' };
    }
  }

  private notice(userId: string, channelId: string, text: string): void {
    this.o.local.add({ channel: channelId, author: 'slackbot', text, visibleTo: userId });
    this.o.feed.changed();
  }

  private user(userId: string): FakeSlackUser | undefined {
    return findSandboxUser(userId);
  }

  private channel(userId: string, channelId: string): { id: string; name: string } | undefined {
    const conversation = this.conversationsFor(userId).find((c) => c.id === channelId);
    return conversation ? { id: conversation.id, name: conversation.kind === 'im' ? 'directmessage' : conversation.name } : undefined;
  }

  /** A message the person can see: a posted one, or an ephemeral one shown to them. */
  private findMessage(userId: string, channelId: string, ts: string): { ts: string; ephemeral: boolean; text?: string; blocks?: unknown[] } | undefined {
    const posted = this.o.fake.messagesIn(channelId).find((m) => m.ts === ts);
    if (posted) return { ts, ephemeral: false, ...pickContent(posted) };
    const ephemeral = this.o.fake.ephemeralsTo(userId).find((e) => e.channel === channelId && e.message_ts === ts);
    return ephemeral ? { ts, ephemeral: true, ...pickContent(ephemeral) } : undefined;
  }

  /** The person's open modal (any in their stack) or their Home view. */
  private viewOf(userId: string, viewId: string): FakeView | undefined {
    const modal = this.o.fake.openViews().find((v) => v.id === viewId && v.user_id === userId);
    if (modal) return modal;
    const home = this.o.fake.homeViewFor(userId);
    return home?.id === viewId ? home : undefined;
  }

  private actionTs(): string {
    return (this.o.clock.nowMs() / 1000).toFixed(6);
  }
}

function ref(user: FakeSlackUser): SlackUserRef {
  return { id: user.id, name: user.name, teamId: user.teamId };
}

function refused(error: string, message: string): { ok: false; error: string; message: string } {
  return { ok: false, error, message };
}

function pickContent(message: { text?: string | undefined; blocks?: unknown[] | undefined }): { text?: string; blocks?: unknown[] } {
  return { ...(message.text !== undefined ? { text: message.text } : {}), ...(message.blocks !== undefined ? { blocks: message.blocks } : {}) };
}

/** The view as Slack puts it in payloads: without the fake's bookkeeping field. */
export function publicView(view: FakeView): Record<string, unknown> & { id: string } {
  const { user_id: _user, ...rest } = view;
  return rest;
}

function parseAck(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Slack's own wording when an app fails inside a modal, plus what the sandbox can tell. */
function troubleText(answer: BoltAnswer, w: SandboxWords): string {
  if (answer.status === 0) return w.troubleTimeout;
  if (answer.status === 404) return w.troubleNoAck;
  return w.troubleStatus(answer.status);
}

/**
 * What Slack does to a command's text when the manifest asks for mention escaping (`should_escape: true`): `@ada`
 * naming someone in the workspace arrives as `<@U…|ada>`; a name nobody has stays as typed.
 */
export function escapeMentions(text: string): string {
  return text.replace(/(^|\s)@([\w.-]+)/g, (whole, before: string, name: string) => {
    const user = SANDBOX_USERS.find((u) => u.name.toLowerCase() === name.toLowerCase());
    return user ? `${before}<@${user.id}|${user.name}>` : whole;
  });
}
