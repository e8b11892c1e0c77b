import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { createPgliteDatabase, createPostgresDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { quietLogger } from './test-deps.js';

/**
 * Databases for tests, through the same migrations the app runs: PGlite always (cloned from a migrated template),
 * and real Postgres too when TEST_DATABASE_URL is set, each test file in its own schema, dropped afterwards.
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
  const handle = createPostgresDatabase({ url, schema, logger: quietLogger(), maxConnections: 20 });
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

async function truncateAll(handle: DatabaseHandle): Promise<void> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_migration%'`.execute(handle.db);
  if (tables.rows.length === 0) return;
  await sql.raw(`truncate ${tables.rows.map((t) => `"${t.name}"`).join(', ')} restart identity cascade`).execute(handle.db);
}
