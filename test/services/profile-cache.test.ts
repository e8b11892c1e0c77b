import { describe, expect, it } from 'vitest';
import { createProfileCache } from '../../src/services/profile-cache.js';

const profile = { locale: 'es' as const, tz: 'Europe/Madrid' };

describe('profile cache', () => {
  it('remembers per workspace and person until the TTL passes', () => {
    const cache = createProfileCache({ ttlMs: 1000 });
    cache.set('T1', 'U1', profile, 0);
    expect(cache.get('T1', 'U1', 999)).toEqual(profile);
    expect(cache.get('T2', 'U1', 999)).toBeUndefined();
    expect(cache.get('T1', 'U1', 1000)).toBeUndefined();
  });

  it('forgets on request, and drops the least recently stored past its size', () => {
    const cache = createProfileCache({ maxEntries: 2 });
    cache.set('T', 'A', profile, 0);
    cache.set('T', 'B', profile, 0);
    cache.set('T', 'A', profile, 1); // A is now the most recent
    cache.set('T', 'C', profile, 2);
    expect(cache.get('T', 'B', 3)).toBeUndefined();
    expect(cache.get('T', 'A', 3)).toEqual(profile);
    cache.delete('T', 'A');
    expect(cache.get('T', 'A', 3)).toBeUndefined();
  });
});
