import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createPgliteDatabase, openDatabase } from '../../src/db/client.js';
import { quietLogger } from '../helpers/test-deps.js';

/**
 * Two processes on one PGlite folder each keep their own copy in memory and the last to close overwrites the
 * other's writes. The second one must be refused, naming the setting to change; a lock left by a dead process
 * must not block a restart.
 */
describe('one process per PGlite data folder', () => {
  let dir: string;
  /** Starting from the migrated template skips initdb, which is most of PGlite's start-up. */
  const template = async () => new Blob([await readFile(inject('pgliteTemplate'))]);
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skill-ladder-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second opener while the first holds the folder, and lets it in once the first has closed', async () => {
    const first = await createPgliteDatabase({ dataDir: dir, loadDataDir: await template() });
    await expect(createPgliteDatabase({ dataDir: dir })).rejects.toThrow(
      new RegExp(`PGlite data folder ${dir} is in use by another Skill Ladder process \\(pid ${process.pid}\\).*PGLITE_DIR.*DATABASE_URL`),
    );
    // The refused opener did not disturb the holder.
    await first.db.insertInto('user_settings').values({ team_id: 'T1', user_id: 'U1', locale: 'en', tz: 'UTC', profile_fetched_at: null, updated_at: new Date() }).execute();
    await first.close();

    const second = await createPgliteDatabase({ dataDir: dir });
    expect(await second.db.selectFrom('user_settings').select('user_id').execute()).toEqual([{ user_id: 'U1' }]);
    await second.close();
  });

  it('takes over a lock left by a process that no longer exists (kill -9, a crash)', async () => {
    // Beyond Linux's largest pid (2^22): no such process.
    await writeFile(path.join(dir, 'skill-ladder.lock'), '4194305');
    const database = await createPgliteDatabase({ dataDir: dir, loadDataDir: await template() });
    expect(await database.ping()).toBe(true);
    await database.close();
  });
});

describe('a PGLITE_DIR that cannot be used', () => {
  it('names the variable and what to do, instead of a bare file-system error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'skill-ladder-file-'));
    try {
      // A folder inside a regular file can never be created (as root, permissions would not stop it).
      const file = path.join(dir, 'not-a-folder');
      await writeFile(file, '');
      const config = { db: { url: undefined, pgliteDir: path.join(file, 'pglite') } };
      await expect(openDatabase(config, quietLogger())).rejects.toThrow(
        /^PGLITE_DIR \(.*not-a-folder\/pglite\): cannot create or write the data folder \(ENOTDIR\)\. Point PGLITE_DIR at a writable folder, or set DATABASE_URL/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
