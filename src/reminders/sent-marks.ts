import { markSentMany, type SentDelivery } from '../db/repositories/checkin-deliveries.js';
import type { PassContext } from './pass-context.js';

/**
 * Marks posted check-ins `sent` in sets (docs/check-in-delivery.md#marking-sent-in-sets): one fenced statement per
 * `size` posts instead of one per post. A post waits at most `maxDelayMs` for its set (a timer flushes a set that
 * is not full), and the batch flushes whatever is left before it ends, so the delay between a post and its mark
 * stays within the safety margin of the row budget the lease is sized for (pass-settings.ts).
 */

/** Posts per mark statement. */
export const MARK_SET_SIZE = 25;
/** The longest a post waits for its set to fill before it is marked anyway. */
export const MARK_MAX_DELAY_MS = 50;

export interface PostedDelivery extends SentDelivery {
  /** For the logs. */
  log: Record<string, unknown>;
}

export interface SentMarks {
  /** Records a post; resolves once it is handed to a mark statement (awaited when this one fills the set). */
  add(posted: PostedDelivery): Promise<void>;
  /** Marks everything still waiting and waits for marks under way. Never throws. */
  flush(): Promise<void>;
}

export function createSentMarks(ctx: PassContext, options: { size?: number; maxDelayMs?: number } = {}): SentMarks {
  const size = options.size ?? MARK_SET_SIZE;
  const maxDelayMs = options.maxDelayMs ?? MARK_MAX_DELAY_MS;
  let waiting: PostedDelivery[] = [];
  let timer: NodeJS.Timeout | undefined;
  const underWay = new Set<Promise<void>>();

  const markWaiting = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const set = waiting;
    waiting = [];
    if (set.length === 0) return Promise.resolve();
    const marking = markSet(ctx, set).finally(() => underWay.delete(marking));
    underWay.add(marking);
    return marking;
  };

  return {
    async add(posted) {
      waiting.push(posted);
      if (waiting.length >= size) return markWaiting();
      timer ??= setTimeout(() => void markWaiting(), maxDelayMs);
      timer.unref?.();
    },
    async flush() {
      await markWaiting();
      await Promise.all([...underWay]);
    },
  };
}

async function markSet(ctx: PassContext, set: PostedDelivery[]): Promise<void> {
  const { deps, counts } = ctx;
  try {
    const marked = await markSentMany(deps.db, { workerId: ctx.workerId, sent: set });
    counts.sent += marked.size;
    for (const posted of set) {
      if (!marked.has(posted.id)) deps.logger.warn('check-in posted but our lease was taken over; the new holder will find it in the DM', posted.log);
    }
  } catch (error) {
    // The rows stay `sending`: when their lease expires the next holder finds the posts in the DM (reconciliation).
    counts.errors += set.length;
    deps.logger.error('check-in: could not record posted deliveries as sent; they will be reconciled after the lease', { workerId: ctx.workerId, deliveryIds: set.map((p) => p.id) }, error);
  }
}
