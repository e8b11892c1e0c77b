import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { BACKGROUND_DATABASE_TIMEOUTS, createPgliteDatabase, createPostgresDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { quietLogger } from './test-deps.js';

/**
 * Databases for tests, through the same migrations the app runs: PGlite always (cloned from a migrated template),
 * and real Postgres too when TEST_DATABASE_URL is set, each test file in its own schema, dropped afterwards.
 *
 * A test file asks for one with `describeEachDatabase` (the tests run once per database) or `useTestDatabase`
 * (one database, PGlite unless told otherwise). When a test fails on Postgres its schema is named, and with
 * KEEP_TEST_SCHEMA=1 a copy of its tables is kept for inspection.
 */

export interface TestDatabase extends DatabaseHandle {
  readonly target: 'pglite' | 'postgres';
  /** Empties every table (between tests). */
  truncate(): Promise<void>;
  /** Postgres only: the URL and schema, for child processes that need their own pool. */
  readonly postgres?: { url: string; schema: string };
}

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  create(): Promise<TestDatabase>;
}

export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'pglite', create: createPgliteTestDatabase }];
  if (inject('postgresUrl')) targets.push({ name: 'postgres', create: createPostgresTestDatabase });
  return targets;
}

export function postgresTarget(): DatabaseTarget | undefined {
  return databaseTargets().find((target) => target.name === 'postgres');
}

export function pgliteTarget(): DatabaseTarget {
  return { name: 'pglite', create: createPgliteTestDatabase };
}

/** Registers `body` once per database target, each in its own `describe` titled "<title> on <target>". */
export function describeEachDatabase(title: string, body: (database: TestDatabase) => void): void {
  describe.each(databaseTargets())(`${title} on $name`, (target) => body(useTestDatabase(target)));
}

/** Registers `body` on real Postgres only; reported as skipped when TEST_DATABASE_URL is not set. */
export function describeOnPostgres(title: string, body: (database: TestDatabase) => void): void {
  const target = postgresTarget();
  describe.skipIf(!target)(title, () => body(useTestDatabase(target ?? postgresUnavailable)));
}

const postgresUnavailable: DatabaseTarget = {
  name: 'postgres',
  create: () => Promise.reject(new Error('TEST_DATABASE_URL is not set')),
};

/**
 * The database of the enclosing `describe`: created before its first test, emptied before each test, closed after
 * its last. The returned handle is usable inside tests and hooks (the database does not exist yet while the block
 * is being declared).
 */
export function useTestDatabase(target: DatabaseTarget = pgliteTarget()): TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await target.create();
  });
  beforeEach(async ({ onTestFailed }) => {
    onTestFailed(({ task }) => reportFailure(current(), task.name).catch((error: unknown) => console.warn(`could not keep the failed test's tables: ${String(error)}`)));
    await current().truncate();
  });
  afterAll(async () => {
    await database?.close();
  });

  function current(): TestDatabase {
    if (!database) throw new Error(`the ${target.name} test database is not open: use it inside a test or hook of the describe that created it`);
    return database;
  }
  return {
    target: target.name,
    get kind() {
      return current().kind;
    },
    get db() {
      return current().db;
    },
    get postgres() {
      return current().postgres;
    },
    ping: () => current().ping(),
    truncate: () => current().truncate(),
    // The block closes it after its last test; closing earlier would break the tests that follow.
    close: async () => undefined,
  };
}

async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const template = new Blob([await readFile(inject('pgliteTemplate'))]);
  const handle = await createPgliteDatabase({ loadDataDir: template });
  return { ...handle, target: 'pglite', truncate: () => truncateAll(handle) };
}

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const url = inject('postgresUrl');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = createPostgresDatabase({
    url,
    schema,
    logger: quietLogger(),
    maxConnections: 20,
    // Test files run in parallel on a small machine: a new connection can take longer than the app's 800 ms there.
    // database-faults.test.ts checks the production deadlines on a pool of its own.
    timeouts: BACKGROUND_DATABASE_TIMEOUTS,
  });
  await migrateToLatest(handle.db, { schema });
  return {
    ...handle,
    target: 'postgres',
    postgres: { url, schema },
    truncate: () => truncateAll(handle),
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
    },
  };
}

/**
 * Names the Postgres schema a failed test ran in; with KEEP_TEST_SCHEMA=1, copies its tables into a new schema
 * first, because the next test empties them and the file drops the schema at its end.
 */
async function reportFailure(database: TestDatabase, testName: string): Promise<void> {
  if (!database.postgres) return;
  const { schema } = database.postgres;
  if (process.env.KEEP_TEST_SCHEMA !== '1') {
    console.warn(`"${testName}" failed in Postgres schema ${schema}; set KEEP_TEST_SCHEMA=1 to keep a copy of its tables`);
    return;
  }
  const kept = `${schema}_failed_${randomBytes(3).toString('hex')}`;
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(database.db);
  await sql.raw(`create schema ${kept}`).execute(database.db);
  for (const { name } of tables.rows) await sql.raw(`create table ${kept}."${name}" as table ${schema}."${name}"`).execute(database.db);
  console.warn(`"${testName}" failed: its tables are kept in Postgres schema ${kept} (drop schema ${kept} cascade when done)`);
}

async function truncateAll(handle: DatabaseHandle): Promise<void> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_migration%'`.execute(handle.db);
  if (tables.rows.length === 0) return;
  await sql.raw(`truncate ${tables.rows.map((t) => `"${t.name}"`).join(', ')} restart identity cascade`).execute(handle.db);
}

/** A real database that has gone away (closed): every query fails, as when the database is down. */
export async function closedDatabase(): Promise<TestDatabase['db']> {
  const database = await pgliteTarget().create();
  await database.close();
  return database.db;
}

/**
 * The same database, counting the statements sent through it (their kinds, in order): for tests that hold a path to
 * a number of round trips. Statements sent through `db` itself are not counted.
 */
export function countingStatements(db: TestDatabase['db']): { db: TestDatabase['db']; statements: string[] } {
  const statements: string[] = [];
  const counted = db.withPlugin({
    transformQuery: (args) => {
      statements.push(args.node.kind);
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { db: counted, statements };
}
