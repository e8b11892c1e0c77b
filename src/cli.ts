import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringify as toYaml } from 'yaml';
import { buildCommandReply } from './blocks/command-reply.js';
import { importProfile, ProfileImportError } from './catalog/import-profile.js';
import { loadCatalog, parseSkillFile } from './catalog/load.js';
import { parseSkillCommand } from './command/parse-skill-command.js';
import { ConfigError, loadConfigFromEnvironment, SUPPORTED_LOCALES, type Locale } from './config.js';
import { createPgliteDatabase, createPostgresDatabase } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './logger.js';
import { runTickCommand, TICK_USAGE } from './reminders/tick-command.js';

/** Operator commands. `npm run cli -- <command>`; each prints what it did and exits non-zero on failure. */

const USAGE = `Usage: skill-ladder <command>

  migrate                                   run database migrations (DATABASE_URL, or PGlite in PGLITE_DIR)
  validate-catalog [dir]                    check every skill file (default: CATALOG_DIR)
  import <export.txt> --id <id> --name <name> [--out <file>]
                                            turn a profile page's text export into a skill file
  render <skill> [level] [role] [--locale en|es]
                                            print a card as Block Kit JSON, with a Block Kit Builder link
  ${TICK_USAGE}
                                            one check-in scheduler pass now, or as if it were that instant
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return migrate();
    case 'validate-catalog':
      return validateCatalog(rest);
    case 'import':
      return importCommand(rest);
    case 'render':
      return render(rest);
    case 'tick':
      return runTickCommand(rest);
    default:
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

async function migrate(): Promise<number> {
  const config = await loadConfigFromEnvironment();
  const logger = createLogger(config.logLevel);
  const database = config.db.url ? createPostgresDatabase({ url: config.db.url, logger }) : await createPgliteDatabase({ dataDir: config.db.pgliteDir });
  try {
    const result = await migrateToLatest(database.db);
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    process.stdout.write(applied.length > 0 ? `Applied:\n${applied.map((name) => `  ${name}`).join('\n')}\n` : 'Already up to date.\n');
    return 0;
  } finally {
    await database.close();
  }
}

async function validateCatalog(args: string[]): Promise<number> {
  const dir = args[0] ?? (await loadConfigFromEnvironment()).catalogDir;
  const catalog = await loadCatalog(dir);
  process.stdout.write(`${dir}: ${catalog.skills.length} valid ${catalog.skills.length === 1 ? 'skill' : 'skills'} (${catalog.skills.map((s) => s.id).join(', ')})\n`);
  return 0;
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { id: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' } } });
  const file = positionals[0];
  if (!file || !values.id || !values.name) {
    process.stderr.write('import needs a file, --id and --name, e.g.\n  import export.txt --id nats --name "NATS / NATS JetStream"\n');
    return 2;
  }
  const skill = importProfile(await readFile(file, 'utf8'), { id: values.id, name: values.name });
  const yaml = renderSkillYaml(skill);
  parseSkillFile(values.out ?? `${values.id}.yaml`, yaml); // the output must load, or we do not write it
  if (values.out) {
    await writeFile(values.out, yaml);
    process.stdout.write(`Wrote ${values.out} (${skill.levels.length} levels, ${skill.roles.length} roles)\n`);
  } else {
    process.stdout.write(yaml);
  }
  return 0;
}

/** The catalog file format: YAML with long lines kept whole, so requirement texts stay verbatim and diff cleanly. */
export function renderSkillYaml(skill: unknown): string {
  return `# Skill profile: reviewed like code; validated at start-up (src/catalog/schema.ts).\n${toYaml(skill, { lineWidth: 0 })}`;
}

async function render(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { locale: { type: 'string', default: 'en' }, dir: { type: 'string' } } });
  const locale = values.locale as Locale;
  if (!SUPPORTED_LOCALES.includes(locale)) {
    process.stderr.write(`--locale must be one of ${SUPPORTED_LOCALES.join(', ')}\n`);
    return 2;
  }
  const catalog = await loadCatalog(values.dir ?? (await loadConfigFromEnvironment()).catalogDir);
  const intent = parseSkillCommand(positionals.join(' '), catalog);
  if (intent.kind === 'me' || intent.kind === 'forget') {
    process.stderr.write('render shows catalog cards (help, list, a skill, a level); "me" and "forget" depend on stored data\n');
    return 2;
  }
  const message = buildCommandReply(intent, catalog, locale);
  process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
  const builder = `https://app.slack.com/block-kit-builder#${encodeURIComponent(JSON.stringify({ blocks: message.blocks }))}`;
  process.stderr.write(`\nPreview in Block Kit Builder:\n${builder}\n`);
  return 0;
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
