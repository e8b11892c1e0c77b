import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { createPgliteDatabase } from '../../src/db/client.js';
import { migrateToLatest } from '../../src/db/migrate.js';

describe('migrations that cannot run say why', () => {
  it('names a database migrated by a newer version instead of "Migration unknown failed"', async () => {
    const database = await createPgliteDatabase({ loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]) });
    try {
      // What a newer release leaves behind: a migration this version does not have.
      await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01T00-00-00_from_the_future', now()::text)`.execute(database.db);
      const error = await migrateToLatest(database.db).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/^Database migrations could not run: .*2099-01-01T00-00-00_from_the_future.*migrated by a newer version of Skill Ladder/);
      expect(error?.message).not.toMatch(/unknown/);
    } finally {
      await database.close();
    }
  });
});
