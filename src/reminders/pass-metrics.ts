import type { CheckinOutcome, Metrics } from '../metrics.js';
import type { SchedulerPassResult } from './pass-settings.js';

/** One pass's counters into the check-in pipeline metrics (README, Operations → Metrics). */
export function recordPassMetrics(metrics: Metrics, result: SchedulerPassResult, seconds: number): void {
  const counts: Record<CheckinOutcome, number> = {
    emitted: result.emitted,
    skipped: result.skipped,
    sent: result.sent,
    reconciled: result.reconciled,
    retried: result.retried,
    rate_limited: result.rateLimited,
    dead: result.dead,
    cancelled: result.cancelled,
    stopped: result.stopped,
    ambiguous: result.ambiguous,
    released: result.released,
    errors: result.errors,
  };
  for (const [outcome, n] of Object.entries(counts) as [CheckinOutcome, number][]) if (n > 0) metrics.checkins.inc({ outcome }, n);
  metrics.passSeconds.observe(seconds);
}
