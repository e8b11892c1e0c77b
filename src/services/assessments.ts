import type { ValidAssessment } from '../blocks/assessment-modal.js';
import type { Deps } from '../deps.js';
import { insertAssessment } from '../db/repositories/assessments.js';
import { upsertSchedule } from '../db/repositories/checkin-schedules.js';
import type { AssessmentRow, CheckinScheduleRow } from '../db/schema.js';
import { nextOccurrence, withBiweeklyAnchor, type CheckInRule } from '../reminders/schedule.js';

/**
 * Saves a submission: the assessment (a new history row) and the check-in schedule, in one transaction, so a
 * person never has a schedule for an assessment that was not saved, or the reverse.
 */
export async function saveAssessment(
  deps: Deps,
  args: { teamId: string; userId: string; skillId: string; tz: string; value: ValidAssessment },
): Promise<{ assessment: AssessmentRow; schedule: CheckinScheduleRow }> {
  const now = deps.now();
  const { value } = args;
  const rule: CheckInRule = withBiweeklyAnchor({ cadence: value.cadence, weekday: value.weekday, localTime: value.localTime, tz: args.tz }, now);
  return deps.db.transaction().execute(async (trx) => {
    const assessment = await insertAssessment(trx, {
      teamId: args.teamId,
      userId: args.userId,
      skillId: args.skillId,
      roleId: value.roleId,
      ratings: value.ratings,
      currentLevel: value.currentLevel,
      targetLevel: value.targetLevel,
      targetDate: value.targetDate,
      goals: value.goals,
      createdAt: now,
    });
    const schedule = await upsertSchedule(trx, {
      teamId: args.teamId,
      userId: args.userId,
      cadence: value.cadence,
      weekday: value.weekday,
      localTime: value.localTime,
      tz: args.tz,
      anchorDate: rule.anchorDate ?? null,
      nextRunAt: nextOccurrence(rule, now),
      now,
    });
    return { assessment, schedule };
  });
}
