import type { WebClient } from '@slack/web-api';
import type { Deps } from '../deps.js';
import type { UserProfile } from './profile-cache.js';
import { findUserSettings, upsertUserProfile } from '../db/repositories/user-settings.js';
import { localeFromSlack } from '../i18n/format.js';

/**
 * The user's language and time zone. Slack's interaction payloads carry neither, so we ask `users.info`
 * (with `include_locale`) and cache the answer in Postgres for a day. When Slack fails we fall back to the last
 * known answer, then to DEFAULT_LOCALE: a reply in the wrong language beats no reply.
 */

export const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;


/** The profile remembered in memory, if any: no I/O, so a listener may use it before its ack. */
export function peekUserProfile(deps: Deps, teamId: string, userId: string): UserProfile | undefined {
  return deps.profiles.get(teamId, userId, deps.now().getTime());
}

export async function getUserProfile(deps: Deps, client: WebClient, teamId: string, userId: string): Promise<UserProfile> {
  const remembered = peekUserProfile(deps, teamId, userId);
  if (remembered) return remembered;
  const profile = await loadUserProfile(deps, client, teamId, userId);
  deps.profiles.set(teamId, userId, profile, deps.now().getTime());
  return profile;
}

async function loadUserProfile(deps: Deps, client: WebClient, teamId: string, userId: string): Promise<UserProfile> {
  const fallback = deps.config.defaultLocale;
  let stored;
  try {
    stored = await findUserSettings(deps.db, teamId, userId);
  } catch (error) {
    deps.logger.warn('user profile: database read failed, using defaults', { teamId, userId }, error);
  }
  const now = deps.now();
  if (stored?.profile_fetched_at && now.getTime() - stored.profile_fetched_at.getTime() < PROFILE_TTL_MS) {
    return { locale: localeFromSlack(stored.locale, fallback), tz: stored.tz };
  }
  try {
    const response = await client.users.info({ user: userId, include_locale: true });
    const locale = response.user?.locale ?? null;
    const tz = response.user?.tz ?? null;
    try {
      await upsertUserProfile(deps.db, { teamId, userId, locale, tz, fetchedAt: now });
    } catch (error) {
      deps.logger.warn('user profile: could not cache the Slack profile', { teamId, userId }, error);
    }
    return { locale: localeFromSlack(locale, fallback), tz };
  } catch (error) {
    deps.logger.warn('user profile: users.info failed, using the last known profile', { teamId, userId }, error);
    return { locale: localeFromSlack(stored?.locale, fallback), tz: stored?.tz ?? null };
  }
}
