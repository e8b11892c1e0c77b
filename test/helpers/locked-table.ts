import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresDatabase, type DatabaseHandle } from '../../src/db/client.js';
import type { Database } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { startSlackAppHarness, type SlackAppHarness } from './slack-app-harness.js';
import type { TestDatabase } from './test-database.js';

/**
 * The app on real Postgres with its own production-sized pool, beside a second connection that can hold a table
 * locked: a database made slow the way production meets it (a long migration, a stuck batch job). Call inside
 * describeOnPostgres; the returned getter is valid once beforeAll has run.
 */
export interface AppBesideALock {
  slack: SlackAppHarness;
  /** Takes an access-exclusive lock on the table in an open transaction; the function returned commits it. */
  lockTable(table: keyof Database): Promise<() => Promise<void>>;
}

export function useAppBesideALock(database: TestDatabase): () => AppBesideALock {
  let appDatabase: DatabaseHandle | undefined;
  let slack: SlackAppHarness | undefined;
  let locker: pg.Client | undefined;

  beforeAll(async () => {
    const { url, schema } = database.postgres!;
    appDatabase = createPostgresDatabase({ url, schema, logger: createLogger('error', { write: () => undefined }) });
    slack = await startSlackAppHarness({ database: { ...database, ...appDatabase, db: appDatabase.db, ping: appDatabase.ping } });
    locker = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await slack?.close();
    await appDatabase?.close();
  });

  const lockTable = async (table: keyof Database) => {
    await locker!.query('begin');
    await locker!.query(`lock table ${table} in access exclusive mode`);
    return async () => void (await locker!.query('commit'));
  };
  return () => ({ slack: slack!, lockTable });
}
