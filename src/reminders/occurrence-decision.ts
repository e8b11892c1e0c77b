import type { DecideOccurrence } from '../db/repositories/checkin-deliveries.js';
import { afterCheckinSent } from '../time/check-in-backoff.js';
import { biweeklyAnchorAt, tooSoonAfterAssessment } from '../time/check-in-rhythm.js';

/**
 * Whether a due occurrence is sent, and the schedule's back-off state after it. Not sent when the person saved an
 * assessment less than half a period before it (docs/time-zones.md#after-an-assessment). Sent, it counts as one
 * more unanswered check-in, and after two unanswered ones the cadence steps down (docs/time-zones.md#back-off);
 * a step down to biweekly anchors the two-week rhythm on this occurrence. Runs inside the emit transaction, so
 * it must stay pure.
 */
export const decideOccurrence: DecideOccurrence = (schedule, occurrence) => {
  const effective = schedule.effective_cadence ?? schedule.cadence;
  if (tooSoonAfterAssessment(effective, schedule.tz, occurrence, schedule.last_assessed_at)) return { send: false };
  const { state, steppedDown } = afterCheckinSent({ chosen: schedule.cadence, effective, unanswered: schedule.unanswered_checkins });
  const slower = state.effective === schedule.cadence || state.effective === 'off' ? null : state.effective;
  return {
    send: true,
    changes: {
      effective_cadence: slower,
      unanswered_checkins: state.unanswered,
      anchor_date: steppedDown && state.effective === 'biweekly' ? biweeklyAnchorAt(occurrence, schedule.tz) : schedule.anchor_date,
    },
  };
};
