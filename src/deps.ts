import type { Logger } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Catalog } from './catalog/query.js';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import type { Metrics } from './metrics.js';
import type { ProfileCache, StandingsCache } from './services/profile-cache.js';

/** What listeners, services and jobs receive. Built once, in an entry point (or a test), and passed down. */
export interface Deps {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly catalog: Catalog;
  readonly logger: Logger;
  /** People's language and time zone, remembered for a few minutes (see services/profile-cache.ts). */
  readonly profiles: ProfileCache;
  /** Where each person stands per skill (current and target level), for the marks on cards (services/personal-marks.ts). */
  readonly standings: StandingsCache;
  /** Prometheus metrics (metrics.ts): each Deps has its own registry. */
  readonly metrics: Metrics;
  /** The clock, injected so tests and the scheduler CLI can pin time. */
  now(): Date;
}
