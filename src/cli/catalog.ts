import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringify as toYaml } from 'yaml';
import { buildCommandReply, isCatalogIntent, type CatalogIntent } from '../blocks/command-reply.js';
import { importProfile } from '../catalog/import-profile.js';
import { loadCatalog, parseSkillFile } from '../catalog/load.js';
import type { Catalog } from '../catalog/query.js';
import { parseSkillCommand } from '../command/parse-skill-command.js';
import { loadConfigFromEnvironment, SUPPORTED_LOCALES, type Locale } from '../config.js';

/** The catalog commands: `validate-catalog`, `import` (a profile export into a skill file) and `render` (a card or a comparison). */

export async function runValidateCatalogCommand(args: string[]): Promise<number> {
  const dir = args[0] ?? (await loadConfigFromEnvironment()).catalogDir;
  const catalog = await loadCatalog(dir);
  process.stdout.write(`${dir}: ${catalog.skills.length} valid ${catalog.skills.length === 1 ? 'skill' : 'skills'} (${catalog.skills.map((s) => s.id).join(', ')})\n`);
  return 0;
}

export async function runImportCommand(args: string[]): Promise<number> {
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

export async function runRenderCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { locale: { type: 'string', default: 'en' }, dir: { type: 'string' } } });
  const locale = values.locale as Locale;
  if (!SUPPORTED_LOCALES.includes(locale)) {
    process.stderr.write(`--locale must be one of ${SUPPORTED_LOCALES.join(', ')}\n`);
    return 2;
  }
  const catalog = await loadCatalog(values.dir ?? (await loadConfigFromEnvironment()).catalogDir);
  const intent = parseSkillCommand(positionals.join(' '), catalog);
  if (!isCatalogIntent(intent)) {
    process.stderr.write(`render shows catalog cards (help, list, a skill, a level, a comparison); "${intent.kind}" depends on stored data\n`);
    return 2;
  }
  const problem = notACard(intent, catalog);
  if (problem !== undefined) {
    process.stderr.write(`render: ${problem}\n`);
    return 2;
  }
  const message = buildCommandReply(intent, catalog, locale);
  process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
  const builder = `https://app.slack.com/block-kit-builder#${encodeURIComponent(JSON.stringify({ blocks: message.blocks }))}`;
  process.stderr.write(`\nPreview in Block Kit Builder:\n${builder}\n`);
  return 0;
}

/**
 * Words `render` cannot turn into a card, said plainly with what the catalog has (in Slack they get a "did you mean"
 * reply; here the operator gets the error on stderr and a non-zero exit, so a script notices the typo).
 */
function notACard(intent: CatalogIntent, catalog: Catalog): string | undefined {
  const ids = (items: readonly { id: string }[]) => items.map((item) => item.id).join(', ');
  switch (intent.kind) {
    case 'missing-skill':
      return `"assess" needs a skill (skills: ${ids(catalog.skills)})`;
    case 'unknown-skill':
      return `no skill "${intent.word}" in the catalog (skills: ${ids(catalog.skills)})`;
    case 'unknown-level':
      return `"${intent.word}" is not a level of ${intent.skill.id} (levels: ${ids(intent.skill.levels)})`;
    case 'unknown-role':
      return `"${intent.word}" is not a role of ${intent.skill.id} at ${intent.level.id} (roles: ${ids(intent.skill.roles)})`;
    default:
      return undefined;
  }
}
