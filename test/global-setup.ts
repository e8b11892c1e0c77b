import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPgliteDatabase } from '../src/db/client.js';
import { migrateToLatest } from '../src/db/migrate.js';

/**
 * Runs once per `vitest run`: migrates a PGlite database once and saves it as a template that every test file
 * clones (about 0.6 s instead of 4 s per file), and checks that real Postgres is reachable when it is expected.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'skill-ladder-test-'));
  const template = await createPgliteDatabase({});
  await migrateToLatest(template.db);
  const file = path.join(dir, 'pglite-template.tar.gz');
  await writeFile(file, Buffer.from(await (await template.dump()).arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplate', file);

  const url = process.env.TEST_DATABASE_URL;
  if (process.env.REQUIRE_POSTGRES_TESTS === '1' && !url) {
    throw new Error('REQUIRE_POSTGRES_TESTS=1 but TEST_DATABASE_URL is not set: the real-Postgres tests would be skipped');
  }
  if (url) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      throw new Error(`TEST_DATABASE_URL is set but Postgres is not reachable: ${(error as Error).message}`, { cause: error });
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  project.provide('postgresUrl', url ?? '');
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}
