import { describe, expect, it } from 'vitest';
import { createReplyThrottle } from '../../src/services/reply-throttle.js';

describe('createReplyThrottle', () => {
  it('lets one reply per key through per window, and the next once the window has passed', () => {
    const throttle = createReplyThrottle(60_000);
    expect(throttle.take('T1:U1', 0)).toBe(true);
    expect(throttle.take('T1:U1', 59_999)).toBe(false);
    expect(throttle.take('T1:U2', 10)).toBe(true);
    expect(throttle.take('T2:U1', 10)).toBe(true);
    expect(throttle.take('T1:U1', 60_000)).toBe(true);
    expect(throttle.take('T1:U1', 60_001)).toBe(false);
  });

  it('stays bounded: past maxKeys the oldest are forgotten first', () => {
    const throttle = createReplyThrottle(60_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) expect(throttle.take(key, 0)).toBe(true);
    // 'a' was dropped to make room, so it may be answered again; 'd' is still remembered.
    expect(throttle.take('a', 1)).toBe(true);
    expect(throttle.take('d', 1)).toBe(false);
  });
});
