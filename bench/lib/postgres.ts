import { randomBytes } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';
import { BACKGROUND_DATABASE_TIMEOUTS, createPostgresDatabase, type DatabaseHandle } from '../../src/db/client.js';
import type { Database } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';

/**
 * Benchmarks run against real Postgres, each in its own schema (`bench_<name>_<random>`) so they never touch the
 * tables of tests or other engineers sharing the database, and drop it afterwards.
 */

export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchSchema {
  url: string;
  schema: string;
  handle: DatabaseHandle;
  /** Closes the pool and drops the schema. */
  drop(): Promise<void>;
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh schema with every migration applied. */
export async function createBenchSchema(name: string, maxConnections = 10): Promise<BenchSchema> {
  const schema = `bench_${name}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  const handle = createPostgresDatabase({ url: DATABASE_URL, schema, maxConnections, logger: createLogger('error'), timeouts: BACKGROUND_DATABASE_TIMEOUTS });
  try {
    await migrateSchema(handle.db, schema);
  } catch (error) {
    await handle.close();
    await adminQuery(`drop schema if exists ${schema} cascade`);
    throw error;
  }
  return {
    url: DATABASE_URL,
    schema,
    handle,
    drop: async () => {
      await handle.close();
      await adminQuery(`drop schema if exists ${schema} cascade`);
    },
  };
}

/**
 * The app's migrations, with kysely's bookkeeping tables pinned to `schema`. Why not `migrateToLatest`: kysely's
 * migrator looks for `kysely_migration_lock` in EVERY schema unless told which one, so while another schema in the
 * same database (a concurrent test run) has its tables, it skips creating ours and then fails with "relation
 * kysely_migration_lock does not exist".
 */
export async function migrateSchema(db: Kysely<Database>, schema: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
  const result = await migrator.migrateToLatest();
  if (result.error) throw new Error(`migrating ${schema} failed`, { cause: result.error });
}

/** A connection string whose sessions use `schema`, for processes that read DATABASE_URL (the app's index.ts). */
export function urlWithSchema(schema: string): string {
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function postgresVersion(): Promise<string> {
  try {
    const rows = await adminQuery<{ version: string }>('select version()');
    return rows[0]?.version.split(' on ')[0] ?? 'unknown';
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  }
}

/**
 * A schema kept between runs (`bench_keep_<name>`), for data too slow to seed every time (the 10-million-schedule
 * table of the due-query benchmark). Migrated to the latest on every open; `drop()` only closes the pool. Its
 * comment records what was seeded (`seeded` below), so a half-seeded schema is seeded again.
 */
export async function openKeptSchema(name: string): Promise<BenchSchema & { seeded(): Promise<string | null>; markSeeded(what: string): Promise<void> }> {
  const schema = `bench_keep_${name}`;
  await adminQuery(`create schema if not exists ${schema}`);
  const handle = createPostgresDatabase({ url: DATABASE_URL, schema, maxConnections: 2, logger: createLogger('error'), timeouts: { ...BACKGROUND_DATABASE_TIMEOUTS, statementMs: 30 * 60_000, queryMs: 31 * 60_000 } });
  await migrateSchema(handle.db, schema);
  return {
    url: DATABASE_URL,
    schema,
    handle,
    drop: () => handle.close(),
    seeded: async () => (await adminQuery<{ comment: string | null }>('select obj_description(oid, \'pg_namespace\') as comment from pg_namespace where nspname = $1', [schema]))[0]?.comment ?? null,
    markSeeded: async (what) => {
      await adminQuery(`comment on schema ${schema} is '${what.replace(/'/g, "''")}'`);
    },
  };
}
