/**
 * Messages that exist only in the sandbox, never in the fake Slack: what people type that is not a command (the
 * app subscribes to no message events, so Slack would not tell it either) and Slackbot's own notices ("/foo is
 * not a valid command", "/skill failed"), which Slack shows ephemerally without involving the app.
 */

export interface LocalMessage {
  channel: string;
  ts: string;
  /** A user id, or `slackbot`. */
  author: string;
  text: string;
  /** Visible to this user only (Slackbot's notices). */
  visibleTo?: string;
}

export class LocalMessages {
  private readonly messages: LocalMessage[] = [];
  private lastMicros = 0;

  constructor(private readonly nowMs: () => number) {}

  add(message: Omit<LocalMessage, 'ts'>): LocalMessage {
    // Slack timestamps: seconds.microseconds, unique and increasing within the workspace.
    this.lastMicros = Math.max(this.lastMicros + 1, Math.floor(this.nowMs()) * 1000);
    const ts = `${Math.floor(this.lastMicros / 1_000_000)}.${String(this.lastMicros % 1_000_000).padStart(6, '0')}`;
    const stored = { ...message, ts };
    this.messages.push(stored);
    return stored;
  }

  /** The messages everyone sees (not the notices), and the timestamp counter: what outlives a restart. */
  exportShared(): { lastMicros: number; messages: LocalMessage[] } {
    return { lastMicros: this.lastMicros, messages: this.messages.filter((m) => m.visibleTo === undefined).map((m) => ({ ...m })) };
  }

  restoreShared(saved: { lastMicros: number; messages: readonly LocalMessage[] }): void {
    this.lastMicros = Math.max(this.lastMicros, saved.lastMicros);
    this.messages.push(...saved.messages.map((m) => ({ ...m })));
  }

  /** Forgets the notices shown to `userId` only: they lived in that person's client, like Slack's ephemerals. */
  dropNoticesTo(userId: string): void {
    const kept = this.messages.filter((m) => m.visibleTo !== userId);
    this.messages.splice(0, this.messages.length, ...kept);
  }

  /** A channel's messages as `userId` sees them: everyone's, plus notices meant for them. */
  visibleIn(channel: string, userId: string): LocalMessage[] {
    return this.messages.filter((m) => m.channel === channel && (m.visibleTo === undefined || m.visibleTo === userId));
  }
}
