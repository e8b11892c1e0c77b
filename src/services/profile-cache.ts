import type { Locale } from '../config.js';

/** A person's language and time zone, as Slack reports them (services/user-profile.ts fetches them). */
export interface UserProfile {
  locale: Locale;
  /** IANA zone, e.g. `Europe/Madrid`; null when Slack has not told us. */
  tz: string | null;
}

/**
 * The last known language and time zone per person, in memory, in front of the Postgres cache. It lets `/skill`
 * answer in the acknowledgement itself for people seen recently (no database or Slack call before the 3-second
 * ack). Short-lived, because another replica may learn of a change (user_change) that this one does not see.
 */
export interface ProfileCache {
  get(teamId: string, userId: string, nowMs: number): UserProfile | undefined;
  set(teamId: string, userId: string, profile: UserProfile, nowMs: number): void;
  delete(teamId: string, userId: string): void;
}

export function createProfileCache(options: { ttlMs?: number; maxEntries?: number } = {}): ProfileCache {
  const ttlMs = options.ttlMs ?? 10 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  // A Map keeps insertion order: re-inserting on set makes the first key the least recently stored.
  const entries = new Map<string, { profile: UserProfile; expiresAt: number }>();
  const key = (teamId: string, userId: string) => `${teamId}:${userId}`;
  return {
    get(teamId, userId, nowMs) {
      const entry = entries.get(key(teamId, userId));
      if (!entry) return undefined;
      if (entry.expiresAt <= nowMs) {
        entries.delete(key(teamId, userId));
        return undefined;
      }
      return entry.profile;
    },
    set(teamId, userId, profile, nowMs) {
      const k = key(teamId, userId);
      entries.delete(k);
      entries.set(k, { profile, expiresAt: nowMs + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    delete(teamId, userId) {
      entries.delete(key(teamId, userId));
    },
  };
}
