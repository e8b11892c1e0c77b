import { loadConfigFromEnvironment } from '../config.js';
import { BACKGROUND_DATABASE_TIMEOUTS, openDatabase } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger } from '../logger.js';

/** `skill-ladder migrate`: applies the pending migrations to the configured database and names them. */
export async function runMigrateCommand(): Promise<number> {
  const config = await loadConfigFromEnvironment();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger, { timeouts: BACKGROUND_DATABASE_TIMEOUTS });
  try {
    const result = await migrateToLatest(database.db);
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    process.stdout.write(applied.length > 0 ? `Applied:\n${applied.map((name) => `  ${name}`).join('\n')}\n` : 'Already up to date.\n');
    return 0;
  } finally {
    await database.close();
  }
}
