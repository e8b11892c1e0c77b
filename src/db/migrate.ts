import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import type { Database } from './schema.js';
import { migrations } from '../../migrations/index.js';

/**
 * Brings the database to the latest migration. Kysely's migrator takes a database-level lock, so several replicas
 * starting at once migrate one after another rather than together.
 */
export async function migrateToLatest(db: Kysely<Database>, options: { schema?: string } = {}): Promise<MigrationResultSet> {
  // On one connection with the app's query deadlines lifted (client.ts): an index build on a large table, or
  // waiting for another replica's migration lock, may rightly take longer than any request should.
  return db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection);
    await sql`set lock_timeout = 0`.execute(connection);
    try {
      return await migrate(connection, options);
    } finally {
      await sql`reset statement_timeout`.execute(connection);
      await sql`reset lock_timeout`.execute(connection);
    }
  });
}

async function migrate(db: Kysely<Database>, options: { schema?: string }): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // With several schemas in one database (tests), kysely would otherwise find another schema's lock table.
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const message = result.error instanceof Error ? result.error.message : String(result.error);
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    if (failed) throw new Error(`Migration ${failed} failed: ${message}`, { cause: result.error });
    // Nothing ran: the migrator refused before starting (the database knows a migration this version does not, or
    // the connection failed).
    const newer = /previously executed migration .* is missing/i.test(message)
      ? ' The database was migrated by a newer version of Skill Ladder: run that version, or restore a backup taken before it.'
      : '';
    throw new Error(`Database migrations could not run: ${message}.${newer}`, { cause: result.error });
  }
  return result;
}
