import { describe, expect, it } from 'vitest';
import { createProfileCache, createStandingsCache } from '../../src/services/profile-cache.js';

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

describe('standings cache (the marks on cards)', () => {
  it('keeps where a person stands for a minute, per workspace', () => {
    const cache = createStandingsCache();
    const standings = { nats: { current: 'middle', target: 'lead' } };
    cache.set('T1', 'U1', standings, 0);
    expect(cache.get('T1', 'U1', 59_999)).toEqual(standings);
    expect(cache.get('T2', 'U1', 1)).toBeUndefined();
    expect(cache.get('T1', 'U1', 60_000)).toBeUndefined();
  });
});
