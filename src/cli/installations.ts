import type { Logger } from '@slack/bolt';
import { loadConfigFromEnvironment, type Config } from '../config.js';
import { BACKGROUND_DATABASE_TIMEOUTS, openDatabase, type DatabaseHandle } from '../db/client.js';
import { reencryptInstallations } from '../db/repositories/installations.js';
import { createTokenCipher } from '../db/token-cipher.js';
import { createLogger } from '../logger.js';

/**
 * `skill-ladder reencrypt-installations`: seals every installation's tokens under INSTALLATION_ENCRYPTION_KEY, reading
 * the old ones with INSTALLATION_ENCRYPTION_PREVIOUS_KEYS (the key rotation steps are in the README, Operations).
 * Safe to run while the app serves and to run again: it only touches rows not yet under the current key. Exits 1
 * when some row opens under no configured key (they are named by team or enterprise, never a token).
 */

export const REENCRYPT_USAGE = 'reencrypt-installations';

export interface ReencryptIo {
  loadConfig(): Promise<Config>;
  openDatabase(config: Config, logger: Logger): Promise<DatabaseHandle>;
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
  now(): Date;
}

const defaultIo: ReencryptIo = {
  loadConfig: () => loadConfigFromEnvironment('installations'),
  openDatabase: (config, logger) => openDatabase(config, logger, { timeouts: BACKGROUND_DATABASE_TIMEOUTS }),
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
};

export async function runReencryptCommand(args: string[], overrides: Partial<ReencryptIo> = {}): Promise<number> {
  const io: ReencryptIo = { ...defaultIo, ...overrides };
  if (args.length > 0) {
    io.stderr.write(`reencrypt-installations takes no arguments (got ${args.join(' ')})\n`);
    return 2;
  }
  const config = await io.loadConfig();
  const keys = config.installations!; // the `installations` purpose requires the key
  const cipher = createTokenCipher({ current: keys.encryptionKey, previous: keys.previousKeys });
  const database = await io.openDatabase(config, createLogger(config.logLevel));
  try {
    const { reencrypted, unreadable } = await reencryptInstallations(database.db, cipher, { now: io.now() });
    io.stdout.write(`Re-encrypted ${reencrypted} ${reencrypted === 1 ? 'installation' : 'installations'} under key ${cipher.currentKeyId}.\n`);
    if (unreadable.length === 0) {
      io.stdout.write('Every installation is under the current key: the previous keys can be removed.\n');
      return 0;
    }
    io.stderr.write(
      `${unreadable.length} ${unreadable.length === 1 ? 'installation opens' : 'installations open'} under no configured key (${unreadable.join(', ')}); ` +
        'add the key they were written with to INSTALLATION_ENCRYPTION_PREVIOUS_KEYS and run again, or have those workspaces reinstall.\n',
    );
    return 1;
  } finally {
    await database.close();
  }
}
