/**
 * At most one reply per key (a person) per window, remembered in memory. Per process: with several replicas a
 * person could get one reply from each, which is fine for a courtesy answer. Oldest entries are dropped first, so
 * memory stays bounded however many people write.
 */
export interface ReplyThrottle {
  /** True, and remembered, when `key` may get a reply at `nowMs`; false while its window is still open. */
  take(key: string, nowMs: number): boolean;
}

export function createReplyThrottle(windowMs: number, maxKeys = 10_000): ReplyThrottle {
  // Insertion order is the order of the last reply: the first entry is always the oldest.
  const lastReply = new Map<string, number>();
  return {
    take(key, nowMs) {
      const previous = lastReply.get(key);
      if (previous !== undefined && nowMs - previous < windowMs) return false;
      lastReply.delete(key);
      lastReply.set(key, nowMs);
      for (const [oldest, at] of lastReply) {
        if (lastReply.size <= maxKeys && nowMs - at < windowMs) break;
        lastReply.delete(oldest);
      }
      return true;
    },
  };
}
