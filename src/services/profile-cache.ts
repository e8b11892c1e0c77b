import type { PersonalMarks } from '../blocks/compare-card.js';
import type { Locale } from '../config.js';

/** A person's language and time zone, as Slack reports them (services/user-profile.ts fetches them). */
export interface UserProfile {
  locale: Locale;
  /** IANA zone, e.g. `Europe/Madrid`; null when Slack has not told us. */
  tz: string | null;
}

/**
 * What we last learned about a person, in memory for a short while, keyed by workspace and user. It lets `/skill`
 * answer in the acknowledgement itself for people seen recently (no database or Slack call before the 3-second
 * ack). Short-lived, because another replica may learn of a change (a save, a user_change) that this one does not.
 */
export interface PersonCache<V> {
  get(teamId: string, userId: string, nowMs: number): V | undefined;
  set(teamId: string, userId: string, value: V, nowMs: number): void;
  delete(teamId: string, userId: string): void;
}

/** People's language and time zone (10 minutes). */
export type ProfileCache = PersonCache<UserProfile>;

export function createProfileCache(options: { ttlMs?: number; maxEntries?: number } = {}): ProfileCache {
  return createPersonCache<UserProfile>({ ttlMs: options.ttlMs ?? 10 * 60 * 1000, ...(options.maxEntries ? { maxEntries: options.maxEntries } : {}) });
}

/** skill id → where the person stands on it (their latest assessment), for the marks on cards. */
export type Standings = Readonly<Record<string, PersonalMarks>>;
export type StandingsCache = PersonCache<Standings>;

/** A minute: a save on another replica shows on this one's cards within it (services/personal-marks.ts). */
export function createStandingsCache(): StandingsCache {
  return createPersonCache<Standings>({ ttlMs: 60 * 1000 });
}

export function createPersonCache<V>(options: { ttlMs: number; maxEntries?: number }): PersonCache<V> {
  const { ttlMs } = options;
  const maxEntries = options.maxEntries ?? 10_000;
  // A Map keeps insertion order: re-inserting on set makes the first key the least recently stored.
  const entries = new Map<string, { value: V; expiresAt: number }>();
  const key = (teamId: string, userId: string) => `${teamId}:${userId}`;
  return {
    get(teamId, userId, nowMs) {
      const entry = entries.get(key(teamId, userId));
      if (!entry) return undefined;
      if (entry.expiresAt <= nowMs) {
        entries.delete(key(teamId, userId));
        return undefined;
      }
      return entry.value;
    },
    set(teamId, userId, value, nowMs) {
      const k = key(teamId, userId);
      entries.delete(k);
      entries.set(k, { value, expiresAt: nowMs + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    delete(teamId, userId) {
      entries.delete(key(teamId, userId));
    },
  };
}
