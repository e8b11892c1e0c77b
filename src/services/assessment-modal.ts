import type { WebClient } from '@slack/web-api';
import { buildAssessmentModal, buildLoadingModal, type AssessmentDraft } from '../blocks/assessment-modal.js';
import type { Deps } from '../deps.js';
import { findLatestAssessment } from '../db/repositories/assessments.js';
import { findSchedule } from '../db/repositories/checkin-schedules.js';
import { getUserProfile } from './user-profile.js';
import { usableTimeZone } from '../time/check-in-time.js';

/**
 * Opens the self-assessment modal. A trigger_id is single-use and expires 3 seconds after the click, so the modal
 * opens first (a "loading" view needing no I/O), then the language, last assessment and schedule are loaded and the
 * modal is updated in place (`views.update` with the hash, so a newer change by the person is never overwritten).
 */
export async function openAssessmentModal(
  deps: Deps,
  client: WebClient,
  args: { triggerId: string; teamId: string; userId: string; skillId: string; roleHint?: string | undefined },
): Promise<void> {
  const skill = deps.catalog.byId.get(args.skillId);
  if (!skill) throw new Error(`unknown skill ${args.skillId}`);
  const opened = await client.views.open({ trigger_id: args.triggerId, view: buildLoadingModal(deps.config.defaultLocale) });
  const [profile, latest, schedule] = await Promise.all([
    getUserProfile(deps, client, args.teamId, args.userId),
    findLatestAssessment(deps.db, args.teamId, args.userId, skill.id),
    findSchedule(deps.db, args.teamId, args.userId),
  ]);
  const draft: AssessmentDraft = {
    roleId: latest?.role_id ?? args.roleHint,
    ratings: latest?.ratings ?? {},
    currentLevel: latest?.current_level,
    targetLevel: latest?.target_level,
    targetDate: latest?.target_date ?? undefined,
    goals: latest?.goals,
    cadence: schedule?.cadence,
    weekday: schedule?.weekday,
    localTime: schedule?.local_time,
  };
  const view = buildAssessmentModal({ skill, locale: profile.locale, draft, tz: usableTimeZone(profile.tz) });
  await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view });
}
