import type { DecideOccurrence } from '../db/repositories/checkin-deliveries.js';
import { tooSoonAfterAssessment } from '../time/check-in-rhythm.js';

/**
 * Whether a due occurrence is sent (docs/time-zones.md#after-an-assessment): not when the person saved an
 * assessment less than half a period before it. Runs inside the emit transaction, so it must stay pure.
 */
export const decideOccurrence: DecideOccurrence = (schedule, occurrence) => ({
  send: !tooSoonAfterAssessment(schedule.cadence, schedule.tz, occurrence, schedule.last_assessed_at),
});
