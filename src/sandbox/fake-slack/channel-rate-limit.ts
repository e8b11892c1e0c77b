/**
 * Slack's "one message per second per channel" for chat.postMessage, off unless a test turns it on: excess posts
 * get HTTP 429 with `Retry-After` (docs/slack-limits.md#web-api-rate-limits).
 */
import { type ApiResult, type Args, rateLimited } from './api-result.js';
import type { ConversationStore } from './conversation-store.js';
import { str } from './values.js';
import type { Workspace } from './workspace.js';

export class ChannelRateLimit {
  private perSecond: number | null = null;
  private readonly postTimes = new Map<string, number[]>();

  constructor(private readonly deps: { workspace: Workspace; conversations: ConversationStore }) {}

  /** `perSecond` posts per channel in any 1 s window; `null` turns the limit off. Forgets earlier posts. */
  set(perSecond: number | null): void {
    this.perSecond = perSecond;
    this.postTimes.clear();
  }

  /** The 429 answer when this call is over the limit; otherwise counts it and returns undefined. */
  check(method: string, args: Args): ApiResult | undefined {
    if (this.perSecond === null || method !== 'chat.postMessage') return undefined;
    const { workspace, conversations } = this.deps;
    // Key by the resolved IM so a user id and its D… id share one budget.
    const arg = str(args.channel) ?? '';
    const channel = workspace.isUser(arg) ? conversations.openIm(arg) : arg;
    const now = workspace.now();
    const recent = (this.postTimes.get(channel) ?? []).filter((t) => t > now - 1000);
    if (recent.length >= this.perSecond) {
      const oldest = recent[0] ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
      this.postTimes.set(channel, recent);
      return rateLimited(retryAfter);
    }
    recent.push(now);
    this.postTimes.set(channel, recent);
    return undefined;
  }

  reset(): void {
    this.set(null);
  }
}
