import type { ValidAssessment } from '../blocks/assessment-modal.js';
import type { Deps } from '../deps.js';
import { saveSubmission } from '../db/repositories/assessments.js';
import { repointFollowUp } from '../db/repositories/follow-ups.js';
import { forgetStanding } from './personal-marks.js';
import type { AssessmentRow } from '../db/schema.js';
import { firstCheckinAfterAssessment } from '../time/check-in-rhythm.js';
import { checkinTimeOn } from '../time/check-in-time.js';
import { currentRequirements } from './requirement-versions.js';

/**
 * Saves a submission: the assessment (a new history row) and the check-in schedule, as one statement, so a person
 * never has a schedule for an assessment that was not saved, or the reverse. `submissionKey` identifies the press
 * of Save (the modal's view id): saving it again returns the same row with `firstTime: false`.
 */
export async function saveAssessment(
  deps: Deps,
  args: { teamId: string; userId: string; skillId: string; tz: string; submissionKey: string; value: ValidAssessment },
): Promise<{ assessment: AssessmentRow; firstTime: boolean }> {
  const now = deps.now();
  const { value } = args;
  // The first check-in comes one full period after this assessment (docs/time-zones.md#after-an-assessment).
  const { rule, first } = firstCheckinAfterAssessment({ cadence: value.cadence, weekday: value.weekday, localTime: value.localTime, tz: args.tz }, now);
  // The requirement texts it is made against, so a later change to the ladder can be shown (docs/ladder-changes.md).
  const skill = deps.catalog.byId.get(args.skillId);
  const requirements = skill ? currentRequirements(skill, value.roleId) : null;
  const saved = await saveSubmission(
    deps.db,
    { ...value, teamId: args.teamId, userId: args.userId, skillId: args.skillId, submissionKey: args.submissionKey, createdAt: now, requirements },
    {
      teamId: args.teamId,
      userId: args.userId,
      cadence: value.cadence,
      weekday: value.weekday,
      localTime: value.localTime,
      tz: args.tz,
      anchorDate: rule.anchorDate ?? null,
      nextRunAt: first,
      now,
    },
  );
  // A pending follow-up comes at the check-in time, which may just have changed (docs/follow-ups.md#when-it-comes).
  if (saved.followUpAt !== null) await repointFollowUp(deps.db, args.teamId, args.userId, checkinTimeOn);
  // The cards' "your level" marks read the new levels from here on.
  forgetStanding(deps, args.teamId, args.userId);
  return { assessment: saved.assessment, firstTime: saved.firstTime };
}
