/** Every Web API call the fake answered, in arrival order, and waiting for one that has not arrived yet. */
import type { FakeSlackCall } from './types.js';

interface Waiter {
  method: string;
  after: number;
  predicate: (call: FakeSlackCall) => boolean;
  resolve: (call: FakeSlackCall) => void;
}

export class CallLog {
  /** Every Web API call, in arrival order. */
  readonly calls: FakeSlackCall[] = [];
  private readonly waiters: Waiter[] = [];

  /** Appends a call and hands it to every waiter it satisfies. */
  record(call: FakeSlackCall): void {
    this.calls.push(call);
    const index = this.calls.length - 1;
    for (const waiter of [...this.waiters]) {
      if (waiter.method === call.method && index >= waiter.after && waiter.predicate(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  /** Calls to one method, in order. */
  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * Resolves with the first call to `method` at index ≥ `after` in `calls` that matches `predicate`, waiting
   * up to `timeoutMs` for it (for listeners that post asynchronously after ack).
   */
  waitForCall(
    method: string,
    options: { predicate?: (call: FakeSlackCall) => boolean; timeoutMs?: number; after?: number } = {},
  ): Promise<FakeSlackCall> {
    const { predicate = () => true, timeoutMs = 2000, after = 0 } = options;
    const existing = this.calls.slice(after).find((call) => call.method === method && predicate(call));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        after,
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a call to ${method}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Forgets recorded calls; pending waiters keep waiting for new ones. */
  clear(): void {
    this.calls.length = 0;
  }
}
