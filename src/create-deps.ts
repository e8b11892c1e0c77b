import type { Deps } from './deps.js';
import { createProfileCache } from './services/profile-cache.js';

/** Assembles Deps for an entry point; each call gets its own caches. */
export function createDeps(parts: Omit<Deps, 'profiles' | 'now'> & { now?: () => Date }): Deps {
  return { ...parts, profiles: createProfileCache(), now: parts.now ?? (() => new Date()) };
}
