import { ProfileImportError } from '../catalog/import-profile.js';
import { ConfigError } from '../config.js';
import { runImportCommand, runRenderCommand, runValidateCatalogCommand } from './catalog.js';
import { REENCRYPT_USAGE, runReencryptCommand } from './installations.js';
import { runMigrateCommand } from './migrate.js';
import { runTickCommand, TICK_USAGE } from './tick.js';

/**
 * Operator commands: `npm run cli -- <command>`. Each prints what it did and exits non-zero on failure, so scripts
 * and CI can rely on the exit code: 0 done, 1 it failed, 2 it was called wrongly (usage or input it cannot use).
 */

const USAGE = `Usage: skill-ladder <command>

  migrate                                   run database migrations (DATABASE_URL, or PGlite in PGLITE_DIR)
  validate-catalog [dir]                    check every skill file (default: CATALOG_DIR)
  import <export.txt> --id <id> --name <name> [--out <file>]
                                            turn a profile page's text export into a skill file
  render <skill> [level] [role] [--locale en|es]
                                            print a card as Block Kit JSON, with a Block Kit Builder link
  ${TICK_USAGE}
                                            one check-in scheduler pass now, or as if it were that instant
  ${REENCRYPT_USAGE}                   seal every installation's tokens under INSTALLATION_ENCRYPTION_KEY
                                            (OAuth mode; old keys from INSTALLATION_ENCRYPTION_PREVIOUS_KEYS)
  help                                      this list
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return runMigrateCommand();
    case 'validate-catalog':
      return runValidateCatalogCommand(rest);
    case 'import':
      return runImportCommand(rest);
    case 'render':
      return runRenderCommand(rest);
    case 'tick':
      return runTickCommand(rest);
    case 'reencrypt-installations':
      return runReencryptCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case undefined:
      // Asked for nothing: the list of commands, but not a success (a script that lost its argument should notice).
      process.stderr.write(USAGE);
      return 2;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ProfileImportError) process.stderr.write(`Import failed at ${error.message}\n`);
    else if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
