import type { PersonalMarks } from '../blocks/compare-card.js';
import type { Deps } from '../deps.js';
import { findLatestAssessment } from '../db/repositories/assessments.js';
import { settleWithin } from '../deadline.js';

/**
 * Where the person stands on a skill (current and target level of their latest assessment), for the marks on a
 * level card. The marks are a nicety: when the database is slow or failing, the card goes out without them rather
 * than late, so this waits at most MARKS_DEADLINE_MS and never throws.
 */
export const MARKS_DEADLINE_MS = 400;

export async function loadPersonalMarks(deps: Deps, teamId: string, userId: string, skillId: string): Promise<PersonalMarks | undefined> {
  const settled = await settleWithin(findLatestAssessment(deps.db, teamId, userId, skillId), MARKS_DEADLINE_MS);
  if (settled.kind === 'done') return settled.value ? { current: settled.value.current_level, target: settled.value.target_level } : undefined;
  if (settled.kind === 'failed') deps.logger.warn('personal marks: database read failed, card sent without them', { teamId, userId, skillId }, settled.error);
  else {
    deps.logger.warn('personal marks: database slow, card sent without them', { teamId, userId, skillId });
    settled.pending.catch(() => undefined); // a late failure has nobody left to tell
  }
  return undefined;
}
