import type { Deps } from './deps.js';
import { createMetrics } from './metrics.js';
import { createProfileCache, createStandingsCache } from './services/profile-cache.js';

/** Assembles Deps for an entry point; each call gets its own caches. */
export function createDeps(parts: Omit<Deps, 'profiles' | 'standings' | 'now' | 'metrics'> & { now?: () => Date; metrics?: Deps['metrics'] }): Deps {
  return { ...parts, profiles: createProfileCache(), standings: createStandingsCache(), now: parts.now ?? (() => new Date()), metrics: parts.metrics ?? createMetrics() };
}
