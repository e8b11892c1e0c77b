import type { SkillFile } from './schema.js';
import { slugify } from './text.js';

/**
 * Turns a skill-profile page's text export (English or Spanish, as in `test/fixtures/nats-profile-*.txt`) into a
 * catalog file. Pure: text in, object out. Errors name the line, so a framework owner can fix the export.
 */

export class ProfileImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ProfileImportError';
  }
}

type ExportLanguage = 'en' | 'es';

interface Chrome {
  domain: string;
  profile: string;
  roles: string;
  levels: string;
  mandatory: string;
  required: string;
  optional: string;
  header: [string, string, string];
  /** "from Junior to Principal" / "desde Junior hasta Principal" */
  range: RegExp;
}

// The page's own labels, per export language. The requirement texts themselves are not translated by the page.
const CHROME: Record<ExportLanguage, Chrome> = {
  en: {
    domain: 'Domain',
    profile: 'Skill Profile',
    roles: 'Roles',
    levels: 'Levels',
    mandatory: 'Mandatory requirements',
    required: 'Required',
    optional: 'Optional',
    header: ['Role', 'Required', 'Description'],
    range: /from (.+?) to (.+?)\./i,
  },
  es: {
    domain: 'Dominio',
    profile: 'Perfil de habilidad',
    roles: 'Roles',
    levels: 'Niveles',
    mandatory: 'Requisitos obligatorios',
    required: 'Obligatorio',
    optional: 'Opcional',
    header: ['Rol', 'Obligatorio', 'Descripción'],
    range: /desde (.+?) hasta (.+?)\./i,
  },
};

/** The ladder every profile page uses when it has five levels; the page only names the first and the last. */
const STANDARD_LADDER = [
  { id: 'junior', name: 'Junior', aliases: ['jr', 'junior', 'l1', 'trainee'] },
  { id: 'middle', name: 'Middle', aliases: ['mid', 'middle', 'mid-level', 'intermediate', 'semi-senior', 'semisenior', 'ssr', 'medio', 'intermedio', 'l2'] },
  { id: 'senior', name: 'Senior', aliases: ['sr', 'senior', 'l3'] },
  { id: 'lead', name: 'Lead', aliases: ['lead', 'tech-lead', 'lider', 'l4'] },
  { id: 'principal', name: 'Principal', aliases: ['principal', 'staff', 'l5'] },
] as const;

// Well-known short names for technologies that appear in role names, so `/skill nats sr golang` works.
const ROLE_SYNONYMS: Record<string, string[]> = {
  go: ['golang'],
  javascript: ['js'],
  typescript: ['ts'],
  python: ['py'],
  kotlin: ['kt'],
  'c-sharp': ['csharp', 'c#', 'dotnet'],
};

export interface ImportOptions {
  /** Catalog id, e.g. `nats`. */
  id: string;
  /** Display name, e.g. `NATS / NATS JetStream` (the export does not carry it). */
  name: string;
}

interface Line {
  number: number;
  text: string;
}

export function importProfile(exportText: string, options: ImportOptions): SkillFile {
  const lines: Line[] = exportText
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((text, i) => ({ number: i + 1, text: text.trim() }))
    .filter((line) => line.text !== '');
  if (lines.length === 0) throw new ProfileImportError(1, 'the export is empty');

  const language = detectLanguage(lines[0]!);
  const chrome = CHROME[language];
  let cursor = 0;

  const next = (what: string): Line => {
    const line = lines[cursor];
    if (!line) {
      const last = lines[lines.length - 1]!.number;
      throw new ProfileImportError(last + 1, `the export ends early: expected ${what}`);
    }
    cursor++;
    return line;
  };
  const expectLabel = (label: string): void => {
    const line = next(`"${label}"`);
    if (line.text.toLowerCase() !== label.toLowerCase()) {
      throw new ProfileImportError(line.number, `expected "${label}", found "${clip(line.text)}"`);
    }
  };
  const expectCount = (what: string): { value: number; line: number } => {
    const line = next(`the number of ${what}`);
    if (!/^\d+$/.test(line.text)) throw new ProfileImportError(line.number, `expected the number of ${what}, found "${clip(line.text)}"`);
    return { value: Number(line.text), line: line.number };
  };

  expectLabel(chrome.domain);
  const domain = next('the domain').text;
  expectLabel(chrome.profile);
  const summary = next('the skill summary').text;
  expectLabel(chrome.roles);
  const roleCount = expectCount('roles');
  next('the roles caption');
  expectLabel(chrome.levels);
  const levelCount = expectCount('levels');
  next('the levels caption');
  expectLabel(chrome.mandatory);
  const mandatoryCount = expectCount('mandatory requirements');
  const optionalLine = next('the optional requirements caption');
  const optionalCount = Number(/(\d+)/.exec(optionalLine.text)?.[1] ?? Number.NaN);
  if (Number.isNaN(optionalCount)) throw new ProfileImportError(optionalLine.number, 'expected the number of optional requirements');

  const repeatedDomain = next('the domain (again)');
  if (repeatedDomain.text !== domain) {
    throw new ProfileImportError(repeatedDomain.number, `expected the domain "${domain}" again, found "${clip(repeatedDomain.text)}"`);
  }
  const category = next('the category').text;
  const dateLine = next('the updated date');
  const updated = parseExportDate(dateLine, language);

  // Prose until the first table; the "from X to Y" sentence names the ends of the ladder.
  let range: [string, string] | undefined;
  while (lines[cursor] && !lines[cursor]!.text.startsWith('|')) {
    const match = chrome.range.exec(lines[cursor]!.text);
    if (match) range = [match[1]!.trim(), match[2]!.trim()];
    cursor++;
  }

  const tables: { line: number; rows: { role: string; required: boolean; text: string; line: number }[] }[] = [];
  while (cursor < lines.length) {
    const header = next('a table header');
    const cells = splitRow(header);
    if (cells.length !== 3 || cells.some((cell, i) => cell.toLowerCase() !== chrome.header[i]!.toLowerCase())) {
      throw new ProfileImportError(header.number, `expected a table header "| ${chrome.header.join(' | ')} |", found "${clip(header.text)}"`);
    }
    const separator = next('the table separator');
    if (!/^\|(\s*:?-+:?\s*\|)+$/.test(separator.text)) {
      throw new ProfileImportError(separator.number, `expected the table separator "|---|---|---|", found "${clip(separator.text)}"`);
    }
    const table = { line: header.number, rows: [] as { role: string; required: boolean; text: string; line: number }[] };
    while (lines[cursor] && lines[cursor]!.text.startsWith('|') && !isHeader(lines[cursor]!, chrome)) {
      const row = next('a requirement row');
      const [role, flag, ...rest] = splitRow(row);
      const text = rest.join(' | ').trim();
      if (!role || !flag || !text || !row.text.endsWith('|')) {
        throw new ProfileImportError(row.number, 'expected a row "| role | required | description |"');
      }
      const required = matchFlag(flag, chrome, row.number);
      table.rows.push({ role, required, text, line: row.number });
    }
    if (table.rows.length === 0) throw new ProfileImportError(header.number, 'this table has no rows');
    tables.push(table);
    const stray = lines[cursor];
    if (stray && !stray.text.startsWith('|')) {
      throw new ProfileImportError(stray.number, `unexpected text after a table: "${clip(stray.text)}"`);
    }
  }

  const lastLine = lines[lines.length - 1]!.number;
  if (tables.length !== levelCount.value) {
    throw new ProfileImportError(
      tables.length < levelCount.value ? lastLine : tables[levelCount.value]!.line,
      `the profile says ${levelCount.value} levels (line ${levelCount.line}) but the export has ${tables.length} level tables${tables.length < levelCount.value ? ': is it truncated?' : ''}`,
    );
  }
  const roleNames = [...new Set(tables.flatMap((t) => t.rows.map((r) => r.role)))];
  if (roleNames.length !== roleCount.value) {
    throw new ProfileImportError(roleCount.line, `the profile says ${roleCount.value} roles but the tables name ${roleNames.length}`);
  }
  const allRows = tables.flatMap((t) => t.rows);
  const requiredRows = allRows.filter((r) => r.required).length;
  if (requiredRows !== mandatoryCount.value || allRows.length - requiredRows !== optionalCount) {
    throw new ProfileImportError(
      mandatoryCount.line,
      `the profile says ${mandatoryCount.value} mandatory and ${optionalCount} optional requirements but the tables hold ${requiredRows} and ${allRows.length - requiredRows}`,
    );
  }

  const ladder = ladderFor(levelCount.value, range, levelCount.line);
  const roles = roleNames.map((name) => roleFromName(name));
  const roleIdByName = new Map(roleNames.map((name, i) => [name, roles[i]!.id]));

  return {
    id: options.id,
    name: options.name,
    summary,
    domain,
    category,
    updated,
    aliases: skillAliases(options.id, options.name),
    roles,
    levels: ladder.map((level, i) => ({
      id: level.id,
      name: level.name,
      aliases: [...level.aliases],
      requirements: tables[i]!.rows.map((row) => ({ role: roleIdByName.get(row.role)!, required: row.required, text: row.text })),
    })),
  };
}

function detectLanguage(first: Line): ExportLanguage {
  for (const language of Object.keys(CHROME) as ExportLanguage[]) {
    if (first.text.toLowerCase() === CHROME[language].domain.toLowerCase()) return language;
  }
  throw new ProfileImportError(first.number, `expected "Domain" (English export) or "Dominio" (Spanish export), found "${clip(first.text)}"`);
}

/** English exports write month/day/year, Spanish ones day/month/year. */
function parseExportDate(line: Line, language: ExportLanguage): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(line.text);
  if (!match) throw new ProfileImportError(line.number, `expected a date such as ${language === 'en' ? '3/17/2026' : '17/3/2026'}, found "${clip(line.text)}"`);
  const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [month, day] = language === 'en' ? [first, second] : [second, first];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new ProfileImportError(line.number, `"${line.text}" is not a valid date (${language === 'en' ? 'month/day/year' : 'day/month/year'})`);
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function splitRow(line: Line): string[] {
  // Cells are separated by unescaped pipes; "\|" inside a description stays a pipe.
  const inner = line.text.replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function isHeader(line: Line, chrome: Chrome): boolean {
  const cells = splitRow(line);
  return cells[0]?.toLowerCase() === chrome.header[0].toLowerCase() && cells[1]?.toLowerCase() === chrome.header[1].toLowerCase();
}

function matchFlag(flag: string, chrome: Chrome, lineNumber: number): boolean {
  if (flag.toLowerCase() === chrome.required.toLowerCase()) return true;
  if (flag.toLowerCase() === chrome.optional.toLowerCase()) return false;
  throw new ProfileImportError(lineNumber, `expected "${chrome.required}" or "${chrome.optional}", found "${clip(flag)}"`);
}

function ladderFor(count: number, range: [string, string] | undefined, lineNumber: number) {
  if (count !== STANDARD_LADDER.length) {
    throw new ProfileImportError(lineNumber, `only the standard ${STANDARD_LADDER.length}-level ladder is supported, this profile has ${count} levels`);
  }
  if (range && (range[0] !== STANDARD_LADDER[0].name || range[1] !== STANDARD_LADDER[STANDARD_LADDER.length - 1]!.name)) {
    throw new ProfileImportError(lineNumber, `the ladder runs from ${range[0]} to ${range[1]}, expected Junior to Principal`);
  }
  return STANDARD_LADDER;
}

function roleFromName(name: string): { id: string; name: string; aliases: string[] } {
  // "Backend Developer (Go)" → id "go": the parenthesis is what tells roles of one skill apart.
  const qualifier = /\(([^)]+)\)\s*$/.exec(name)?.[1];
  const id = slugify(qualifier ?? name);
  const aliases = [...new Set([id, ...(ROLE_SYNONYMS[id] ?? [])])];
  return { id, name, aliases };
}

// Words that name a vendor, a foundation or a kind of thing rather than one technology. As an alias on its own each
// would open whichever skill claimed it first: "Apache Kafka" and "Apache Spark" must not both answer to `apache`.
const GENERIC_WORDS = new Set([
  'apache', 'aws', 'amazon', 'azure', 'microsoft', 'google', 'gcp', 'oracle', 'ibm', 'eclipse', 'hashicorp', 'red', 'hat',
  'cloud', 'platform', 'framework', 'library', 'language', 'server', 'service', 'services', 'data', 'database', 'db', 'tools',
  'and', 'the', 'of', 'for', 'with', 'on', 'y', 'de', 'del', 'la', 'el', 'para', 'con',
]);

/**
 * "NATS / NATS JetStream" → `nats-jetstream`, `jetstream`: each name the page gives (separated by " / ") and each
 * specific word of it. Generic words, single letters and bare numbers (`/skill 3` means a level) are left out.
 */
function skillAliases(id: string, name: string): string[] {
  const parts = name.split(/\s+\/\s+/).map((part) => slugify(part));
  const words = name
    .split(/\s+/)
    .map((word) => slugify(word))
    .filter((word) => word.length > 1 && !/^\d+$/.test(word) && !GENERIC_WORDS.has(word));
  return [...new Set([...parts, ...words])].filter((alias) => alias !== '' && alias !== id);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
