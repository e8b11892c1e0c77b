/**
 * The workspace the fake stands for: its team and bot identity, its users, the clock, and the ids and message
 * timestamps it hands out. Every other part of the fake reads these; only this class changes them.
 */
import { microsToTs } from './slack-timestamps.js';
import type { FakeSlackOptions, FakeSlackUser } from './types.js';

export class Workspace {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /** Clock in ms: trigger and response_url expiry, message timestamps, call times. */
  readonly now: () => number;

  private readonly users = new Map<string, FakeSlackUser>();
  private lastTsMicros = 0;
  private idCounter = 0;

  constructor(options: FakeSlackOptions) {
    this.teamId = options.teamId ?? 'T0FAKE0001';
    this.teamName = options.teamName ?? 'Fake Team';
    this.teamDomain = options.teamDomain ?? 'fake-team';
    this.botUserId = options.botUserId ?? 'U0FAKEBOT1';
    this.botId = options.botId ?? 'B0FAKEBOT1';
    this.appId = options.appId ?? 'A0FAKEAPP1';
    this.now = options.now ?? Date.now;
    this.users.set(this.botUserId, { id: this.botUserId, teamId: this.teamId, name: 'skill-ladder', tz: 'UTC', locale: 'en-US', isBot: true });
    for (const user of options.users ?? []) this.addUser(user);
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, { ...user });
  }

  setUser(id: string, patch: Partial<Omit<FakeSlackUser, 'id'>>): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`unknown fake user ${id}`);
    this.users.set(id, { ...user, ...patch, id });
  }

  /** A copy of the user, so callers cannot change the fake's record. */
  getUser(id: string): FakeSlackUser | undefined {
    const user = this.users.get(id);
    return user ? { ...user } : undefined;
  }

  /** The stored record itself, for the Web API methods that read it. */
  userRecord(id: string): FakeSlackUser | undefined {
    return this.users.get(id);
  }

  isUser(id: string): boolean {
    return this.users.has(id);
  }

  /** One counter for every id the fake hands out (channels, views, triggers, response_urls). */
  nextId(): number {
    this.idCounter += 1;
    return this.idCounter;
  }

  /** A Slack-shaped id such as `D00000000A` with the given one-letter prefix. */
  makeId(prefix: string): string {
    return `${prefix}${this.nextId().toString(36).toUpperCase().padStart(9, '0')}`;
  }

  /** The id and timestamp counters, so a restored workspace hands out nothing it already used. */
  counters(): { ids: number; lastTsMicros: number } {
    return { ids: this.idCounter, lastTsMicros: this.lastTsMicros };
  }

  /** Continues from saved counters; never goes back below what this workspace already handed out. */
  restoreCounters(counters: { ids: number; lastTsMicros: number }): void {
    this.idCounter = Math.max(this.idCounter, counters.ids);
    this.lastTsMicros = Math.max(this.lastTsMicros, counters.lastTsMicros);
  }

  /** Unique, increasing message timestamps derived from the fake clock. */
  nextTs(): string {
    this.lastTsMicros = Math.max(this.lastTsMicros + 1, Math.floor(this.now()) * 1000);
    return microsToTs(this.lastTsMicros);
  }
}
