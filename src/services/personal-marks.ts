import type { PersonalMarks } from '../blocks/compare-card.js';
import type { Deps } from '../deps.js';
import { listLatestAssessments } from '../db/repositories/assessments.js';
import { settleWithin } from '../deadline.js';

/**
 * Where the person stands on each skill (current and target level of their latest assessments), for the marks on
 * level cards and overviews. The marks are a nicety: when the database is slow or failing, the card goes out
 * without them rather than late, so this waits at most MARKS_DEADLINE_MS and never throws.
 *
 * Known people's cards go out in the ack itself, so the answer is remembered in memory for a minute (profile-cache.ts): one
 * read serves every card a person opens for a while instead of one read before each ack. A save or a forget on this
 * replica clears it at once (forgetStanding); another replica's save shows here within the TTL.
 */
export const MARKS_DEADLINE_MS = 400;

export async function loadPersonalMarks(deps: Deps, teamId: string, userId: string, skillId: string): Promise<PersonalMarks | undefined> {
  const nowMs = deps.now().getTime();
  const remembered = deps.standings.get(teamId, userId, nowMs);
  if (remembered) return remembered[skillId];
  const settled = await settleWithin(listLatestAssessments(deps.db, teamId, userId), MARKS_DEADLINE_MS);
  if (settled.kind === 'done') {
    const standings: Record<string, PersonalMarks> = {};
    for (const row of settled.value) standings[row.skill_id] = { current: row.current_level, target: row.target_level };
    deps.standings.set(teamId, userId, standings, nowMs);
    return standings[skillId];
  }
  if (settled.kind === 'failed') deps.logger.warn('personal marks: database read failed, card sent without them', { teamId, userId, skillId }, settled.error);
  else {
    deps.logger.warn('personal marks: database slow, card sent without them', { teamId, userId, skillId });
    settled.pending.catch(() => undefined); // a late failure has nobody left to tell
  }
  return undefined;
}

/** The person's assessments changed (saved, or forgotten): the next card reads them again. */
export function forgetStanding(deps: Deps, teamId: string, userId: string): void {
  deps.standings.delete(teamId, userId);
}
