import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { skillSchema, type Skill } from './schema.js';
import { buildCatalog, findSharedWords, type Catalog } from './query.js';

/** The only reader of `data/`. A bad file stops start-up with the file name and the path of the bad field. */

export class CatalogError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogError';
  }
}

const SKILL_FILE = /\.(ya?ml|json)$/i;

export async function loadCatalog(dir: string): Promise<Catalog> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => SKILL_FILE.test(name)).sort();
  } catch (error) {
    throw new CatalogError(`Cannot read the skill catalog folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  if (names.length === 0) throw new CatalogError(`No skill files (*.yaml, *.yml, *.json) in ${dir}`);
  const skills: Skill[] = [];
  const fileOf = new Map<Skill, string>();
  const problems: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const skill = parseSkillFile(file, await readFile(file, 'utf8'));
      skills.push(skill);
      fileOf.set(skill, file);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const ids = new Map<string, number>();
  for (const skill of skills) ids.set(skill.id, (ids.get(skill.id) ?? 0) + 1);
  for (const [id, count] of ids) if (count > 1) problems.push(`${dir}: skill id "${id}" is used by ${count} files`);
  for (const { skills: [first, second], words } of findSharedWords(skills)) {
    const quoted = words.map((word) => `"${word}"`).join(', ');
    problems.push(
      `${fileOf.get(first)} and ${fileOf.get(second)} both answer to ${quoted}: \`/skill ${words[0]}\` would open only one of them. Give each skill its own id, aliases and names.`,
    );
  }
  if (problems.length > 0) throw new CatalogError(`The skill catalog is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return buildCatalog(skills);
}

/** Parses and validates one skill file's text; the error names the file and each bad field's path. */
export function parseSkillFile(file: string, text: string): Skill {
  let data: unknown;
  try {
    data = file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CatalogError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = skillSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`);
    throw new CatalogError(issues.join('\n  - '));
  }
  return parsed.data;
}

function formatPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return '(document)';
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('');
}
