import type { WebClient } from '@slack/web-api';
import type { Deps } from '../deps.js';
import { buildHomeView, type CheckinSummary, type MySkillsInput } from '../blocks/my-skills.js';
import type { Locale } from '../config.js';
import { loadGrowthRecord } from '../db/repositories/assessments.js';
import type { CheckinScheduleRow } from '../db/schema.js';
import { formatCalendarDate, formatLocalDateTime } from '../i18n/format.js';
import { isPausedUntil } from '../time/pause-date.js';
import { localDateIn, usableTimeZone } from '../time/check-in-time.js';
import { loadOwnAgreements } from './agreements.js';
import { assessedAgainstOlderText } from './requirement-versions.js';
import { loadSharingOverview } from './sharing.js';
import { toSkillSummary } from './skill-summary.js';
import { getUserProfile } from './user-profile.js';

export { toSkillSummary } from './skill-summary.js';

/** Loads a person's assessments, history and check-in schedule into the view model the builders take. */

const HISTORY_PER_SKILL = 6;



function toCheckinSummary(schedule: CheckinScheduleRow | undefined, locale: Locale, now: Date): CheckinSummary | null {
  if (!schedule) return null;
  return {
    cadence: schedule.cadence,
    paused: schedule.paused,
    stopped: schedule.stopped_reason !== null,
    next: schedule.next_run_at ? `${formatLocalDateTime(schedule.next_run_at, schedule.tz, locale)} (${schedule.tz})` : null,
    ...(schedule.paused_until && isPausedUntil(schedule.paused_until, localDateIn(schedule.tz, now)) ? { pausedUntil: formatCalendarDate(schedule.paused_until, locale) } : {}),
  };
}

export async function loadMySkills(deps: Deps, teamId: string, userId: string, locale: Locale, tz: string): Promise<MySkillsInput> {
  const [{ latest, history, schedule }, sharing, agreed] = await Promise.all([
    loadGrowthRecord(deps.db, teamId, userId, HISTORY_PER_SKILL),
    loadSharingOverview(deps, teamId, userId, { locale, tz }),
    loadOwnAgreements(deps, teamId, userId, tz),
  ]);
  const skills = latest.map((row) => ({
    ...toSkillSummary(
      row,
      history.filter((h) => h.skill_id === row.skill_id).map((h) => ({ date: localDateIn(tz, h.created_at), level: h.current_level })),
      tz,
    ),
    // The ladder changed under it since (docs/ladder-changes.md#the-mark).
    olderLadder: assessedAgainstOlderText(deps.catalog, row),
    agreed: agreed.get(row.skill_id),
  }));
  return { catalog: deps.catalog, locale, skills, checkins: toCheckinSummary(schedule, locale, deps.now()), sharing };
}

/** Republishes App Home: after it is opened and after anything that changes what it shows. */
export async function publishHome(deps: Deps, client: WebClient, teamId: string, userId: string): Promise<void> {
  const { locale, tz } = await getUserProfile(deps, client, teamId, userId);
  await publishHomeView(client, userId, await loadMySkills(deps, teamId, userId, locale, usableTimeZone(tz)));
}

/** Publishes App Home from data the caller already loaded (so a flow that just read it does not read it twice). */
export async function publishHomeView(client: WebClient, userId: string, mine: MySkillsInput): Promise<void> {
  await client.views.publish({ user_id: userId, view: buildHomeView(mine) });
}
