/**
 * Faults a test queues with `failNext`: per method (or `'response_url'`), consumed one per call in order. They
 * reproduce what Slack's edge can do to a call: rate limit it, fail it, slow it, or do it and then lose or garble
 * the answer, so a post may have happened although the caller saw an error (docs/check-in-delivery.md#reconciliation).
 */
import { type ApiResult, fail, rateLimited } from './api-result.js';
import type { FakeSlackFault } from './types.js';

export class FaultQueue {
  private readonly faults = new Map<string, FakeSlackFault[]>();

  add(method: string, fault: FakeSlackFault, times: number): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.faults.set(method, queue);
  }

  /** The next fault queued for `method`, removed from the queue. */
  take(method: string): FakeSlackFault | undefined {
    const queue = this.faults.get(method);
    const fault = queue?.shift();
    if (queue && queue.length === 0) this.faults.delete(method);
    return fault;
  }

  clear(): void {
    this.faults.clear();
  }
}

/** A fault's `delayMs`: the call waits this long before anything else happens. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRateLimitFault(fault: FakeSlackFault): fault is { status: number; retryAfter: number; delayMs?: number } {
  return 'status' in fault && fault.status === 429 && 'retryAfter' in fault;
}

/**
 * The answer a fault gives instead of processing the call; undefined when the call is processed anyway
 * (`afterProcessing`, `dropConnection`, a bare delay).
 */
export function faultToResult(fault: FakeSlackFault): ApiResult | undefined {
  if ('afterProcessing' in fault) return undefined;
  if (isRateLimitFault(fault)) return rateLimited(fault.retryAfter);
  if ('status' in fault) return { status: fault.status, body: { ok: false, error: 'body' in fault && fault.body ? fault.body : `http_${fault.status}` } };
  if ('error' in fault) return fail(fault.error);
  return undefined;
}
