import type { Cadence } from '../db/schema.js';

/**
 * Back off when check-ins are ignored (docs/time-zones.md#back-off): a pure state machine over the schedule's
 * chosen cadence, the cadence in force and the count of check-ins sent in a row without a response.
 *
 *  - A check-in is sent: if the two before it went unanswered, the cadence steps down first (weekly → biweekly →
 *    monthly; monthly stays monthly) and the count starts again with this one; otherwise the count goes up.
 *  - Any response (a button on a check-in, an assessment saved, "Keep weekly"): the chosen cadence again, count 0.
 */

export interface BackoffState {
  chosen: Cadence;
  effective: Cadence;
  unanswered: number;
}

/** How many check-ins in a row may go unanswered before the next one comes at a slower cadence. */
export const UNANSWERED_BEFORE_STEP_DOWN = 2;

const SLOWER: Record<Cadence, Cadence> = { weekly: 'biweekly', biweekly: 'monthly', monthly: 'monthly', off: 'off' };

/** The next slower cadence (monthly and off stay as they are). */
export function slowerCadence(cadence: Cadence): Cadence {
  return SLOWER[cadence];
}

/** A check-in is being sent. `steppedDown`: this one is the first at the slower cadence, and says so. */
export function afterCheckinSent(state: BackoffState): { state: BackoffState; steppedDown: boolean } {
  const slower = slowerCadence(state.effective);
  if (state.unanswered >= UNANSWERED_BEFORE_STEP_DOWN && slower !== state.effective) {
    return { state: { chosen: state.chosen, effective: slower, unanswered: 1 }, steppedDown: true };
  }
  return { state: { ...state, unanswered: state.unanswered + 1 }, steppedDown: false };
}

/** The person answered: back to the cadence they chose. */
export function afterResponse(state: BackoffState): BackoffState {
  return { chosen: state.chosen, effective: state.chosen, unanswered: 0 };
}

/** Whether check-ins currently come less often than chosen. */
export function isBackedOff(state: Pick<BackoffState, 'chosen' | 'effective'>): boolean {
  return state.chosen !== state.effective;
}
