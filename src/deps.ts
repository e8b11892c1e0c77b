import type { Logger } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Catalog } from './catalog/query.js';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';

/** What listeners, services and jobs receive. Built once, in `index.ts` (or a test), and passed down. */
export interface Deps {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly catalog: Catalog;
  readonly logger: Logger;
  /** The clock, injected so tests and the scheduler CLI can pin time. */
  now(): Date;
}
