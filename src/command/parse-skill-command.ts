import { findLevel, findRole, findSkill, type Catalog } from '../catalog/query.js';
import type { Level, Role, Skill } from '../catalog/schema.js';
import { normalizeWord } from '../catalog/text.js';

/**
 * The `/skill` grammar, as a pure function of the typed text and the catalog:
 *   (empty) | help | list | me | forget | export | pause [until] <date> | resume | assess <skill> | <skill> [<level> [<role>]]
 *   | share [<skill>] [@person] | sharing | prep [@person]
 *   | <skill> <level> vs <level> [<role>] | <skill> compare <level> <level> [<role>] | <skill> <level> <role> vs <role>
 * Verbs have Spanish synonyms (`comparar`, `contra`, `compartir`, `preparar`). Unknown words come back with suggestions instead of errors.
 */

export type SkillIntent =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'me' }
  | { kind: 'forget' }
  | { kind: 'export' }
  | { kind: 'resume' }
  /** `dateText` is what followed `pause [until]`, read later in the person's language (src/time/pause-date.ts). */
  | { kind: 'pause'; dateText: string }
  | { kind: 'assess'; skill: Skill }
  | { kind: 'overview'; skill: Skill; ignored: string[] }
  | { kind: 'card'; skill: Skill; level: Level; role: Role | undefined; ignored: string[] }
  | { kind: 'compare-levels'; skill: Skill; from: Level; to: Level; role: Role | undefined; ignored: string[] }
  | { kind: 'compare-roles'; skill: Skill; level: Level; roles: [Role, Role]; ignored: string[] }
  | { kind: 'unknown-skill'; word: string; suggestions: Skill[] }
  | { kind: 'unknown-level'; skill: Skill; word: string; suggestions: Level[] }
  | { kind: 'unknown-role'; skill: Skill; level: Level; word: string; suggestions: Role[] }
  | { kind: 'missing-skill'; verb: 'assess' }
  | { kind: 'share'; skill: Skill | undefined; viewer: ShareViewer | undefined }
  | { kind: 'sharing' }
  /** The 1:1 brief: about a person (`<@U…>` as Slack escapes it) or, with nobody named, about myself. */
  | { kind: 'prep'; person: ShareViewer | undefined };

/** The person named after `share`: resolved by Slack (`<@U123|ana>`, with the command's mention escaping) or not. */
export type ShareViewer = { userId: string } | { name: string };

type Verb = 'help' | 'list' | 'me' | 'forget' | 'assess' | 'share' | 'sharing' | 'export' | 'pause' | 'resume' | 'prep';

const VERBS: Record<string, Verb> = {
  help: 'help',
  ayuda: 'help',
  '?': 'help',
  list: 'list',
  lista: 'list',
  listar: 'list',
  catalog: 'list',
  catalogo: 'list',
  me: 'me',
  yo: 'me',
  mine: 'me',
  forget: 'forget',
  olvidar: 'forget',
  olvidame: 'forget',
  assess: 'assess',
  evaluar: 'assess',
  evaluarme: 'assess',
  autoevaluar: 'assess',
  share: 'share',
  compartir: 'share',
  sharing: 'sharing',
  shared: 'sharing',
  shares: 'sharing',
  compartido: 'sharing',
  compartidos: 'sharing',
  accesos: 'sharing',
  export: 'export',
  exportar: 'export',
  pause: 'pause',
  pausa: 'pause',
  pausar: 'pause',
  resume: 'resume',
  reanudar: 'resume',
  prep: 'prep',
  prepare: 'prep',
  preparar: 'prep',
  brief: 'prep',
};

/** The word between `pause` and the date: `pause until 10 Jan`, `pausa hasta el 10 de enero`. */
const UNTIL_WORDS = new Set(['until', 'till', 'hasta']);

/** Words between `share` and the person that say nothing (`share nats with @ana`). */
const SHARE_FILLERS = new Set(['with', 'to', 'con', 'a', 'para']);

/** Longer input than any real command is cut before matching; what we echo back is cut further by the builders. */
const MAX_INPUT = 500;

export function parseSkillCommand(text: string, catalog: Catalog): SkillIntent {
  const words = tokenize(text);
  if (words.length === 0) return { kind: 'help' };
  const verb = VERBS[normalizeWord(words[0]!)];
  if (verb === 'help' || verb === 'list' || verb === 'me' || verb === 'forget' || verb === 'sharing' || verb === 'export' || verb === 'resume') return { kind: verb };
  if (verb === 'share') return parseShare(words.slice(1), catalog);
  if (verb === 'prep') return { kind: 'prep', person: words.slice(1).map(personOf).find((p) => p !== undefined) };
  if (verb === 'pause') {
    const rest = words.slice(1);
    const afterUntil = rest.length > 0 && UNTIL_WORDS.has(normalizeWord(rest[0]!)) ? rest.slice(1) : rest;
    return { kind: 'pause', dateText: afterUntil.join(' ') };
  }
  if (verb === 'assess') {
    if (words.length === 1) {
      // Nothing to choose from: open the only skill rather than ask.
      const only = catalog.skills.length === 1 ? catalog.skills[0] : undefined;
      return only ? { kind: 'assess', skill: only } : { kind: 'missing-skill', verb };
    }
    const found = matchSkillPrefix(words.slice(1), catalog);
    if (!found) return unknownSkill(words[1]!, catalog);
    return { kind: 'assess', skill: found.skill };
  }

  const found = matchSkillPrefix(words, catalog);
  if (!found) return unknownSkill(words[0]!, catalog);
  const { skill } = found;
  const rest = words.slice(found.used);
  if (rest.length === 0) return { kind: 'overview', skill, ignored: [] };

  const compare = splitComparison(rest);
  if (compare) return parseComparison(skill, compare);

  const levelMatch = findLevel(skill, rest[0]!);
  if (!levelMatch.found) return { kind: 'unknown-level', skill, word: rest[0]!, suggestions: levelMatch.suggestions };
  const level = levelMatch.found;
  const afterLevel = rest.slice(1);
  if (afterLevel.length === 0) return { kind: 'card', skill, level, role: undefined, ignored: [] };

  const role = matchRolePrefix(skill, afterLevel);
  if ('found' in role) return { kind: 'card', skill, level, role: role.found, ignored: afterLevel.slice(role.used) };
  return { kind: 'unknown-role', skill, level, word: afterLevel[0]!, suggestions: role.suggestions };
}

/** `share [<skill>] [with] [@person]`: the person may come anywhere; the other words name the skill. */
function parseShare(words: string[], catalog: Catalog): SkillIntent {
  let viewer: ShareViewer | undefined;
  const rest: string[] = [];
  for (const word of words) {
    const person = viewer ? undefined : personOf(word);
    if (person) viewer = person;
    else if (!SHARE_FILLERS.has(normalizeWord(word))) rest.push(word);
  }
  if (rest.length === 0) return { kind: 'share', skill: undefined, viewer };
  const found = matchSkillPrefix(rest, catalog);
  if (!found) return unknownSkill(rest[0]!, catalog);
  return { kind: 'share', skill: found.skill, viewer };
}

/** A person named in the text: `<@U123|ana>` as Slack escapes it, or a plain `@ana` it could not resolve. */
function personOf(word: string): ShareViewer | undefined {
  const escaped = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word);
  if (escaped) return { userId: escaped[1]! };
  if (word.startsWith('@') && word.length > 1) return { name: word.slice(1, 81) };
  return undefined;
}

/** A role may be several words ("backend developer (go)"): the longest matching run first, then shorter ones. */
function matchRolePrefix(skill: Skill, words: string[]): { found: Role; used: number } | { suggestions: Role[] } {
  for (let n = words.length; n >= 1; n--) {
    const roleMatch = findRole(skill, words.slice(0, n).join(' '));
    if (roleMatch.found) return { found: roleMatch.found, used: n };
  }
  const roleMatch = findRole(skill, words[0]!);
  return { suggestions: roleMatch.found ? [roleMatch.found] : roleMatch.suggestions };
}

/** Words that put two sides against each other, and verbs that open a comparison of the words after them. */
const VERSUS = new Set(['vs', 'vs.', 'v', 'versus', 'contra', 'against']);
const COMPARE = new Set(['compare', 'comparar', 'compara', 'comparison', 'comparacion', 'diff']);

interface ComparisonWords {
  left: string[];
  /** Undefined for `compare <level> <level>`, where the second level follows the first directly. */
  right: string[] | undefined;
}

/** The two sides of a comparison, or undefined when the words ask for something else. */
function splitComparison(words: string[]): ComparisonWords | undefined {
  if (COMPARE.has(normalizeWord(words[0]!))) {
    const rest = words.slice(1);
    const at = rest.findIndex((word) => VERSUS.has(normalizeWord(word)));
    return at < 0 ? { left: rest, right: undefined } : { left: rest.slice(0, at), right: rest.slice(at + 1) };
  }
  const at = words.findIndex((word) => VERSUS.has(normalizeWord(word)));
  return at < 0 ? undefined : { left: words.slice(0, at), right: words.slice(at + 1) };
}

/**
 * `senior vs lead [role]`, `compare senior lead [role]`, `senior [role] vs lead`, or `senior go vs elixir` (two
 * roles at one level). A missing second level means the next one up (the previous one at the top of the ladder).
 */
function parseComparison(skill: Skill, { left, right }: ComparisonWords): SkillIntent {
  const first = left[0];
  if (first === undefined) {
    // `compare` alone, or `vs lead`: start from the bottom of the ladder.
    const target = right?.[0];
    if (target === undefined) return comparison(skill, skill.levels[0]!, undefined, undefined, []);
    return parseComparison(skill, { left: [skill.levels[0]!.id], right });
  }
  const fromMatch = findLevel(skill, first);
  if (!fromMatch.found) return { kind: 'unknown-level', skill, word: first, suggestions: fromMatch.suggestions };
  const from = fromMatch.found;
  let afterFrom = left.slice(1);
  let rightWords = right;
  if (rightWords === undefined) {
    // `compare senior lead go`: the second level is the next word.
    rightWords = afterFrom;
    afterFrom = [];
  }
  let leftRole: Role | undefined;
  let ignored: string[] = [];
  if (afterFrom.length > 0) {
    const role = matchRolePrefix(skill, afterFrom);
    if (!('found' in role)) return { kind: 'unknown-role', skill, level: from, word: afterFrom[0]!, suggestions: role.suggestions };
    leftRole = role.found;
    ignored = afterFrom.slice(role.used);
  }
  const target = rightWords[0];
  if (target === undefined) return comparison(skill, from, undefined, leftRole, ignored);
  const toMatch = findLevel(skill, target);
  if (!toMatch.found) {
    // `senior go vs elixir`: a role on the right, against the role on the left, at one level.
    const otherRole = matchRolePrefix(skill, rightWords);
    if ('found' in otherRole && leftRole) {
      return { kind: 'compare-roles', skill, level: from, roles: [leftRole, otherRole.found], ignored: [...ignored, ...rightWords.slice(otherRole.used)] };
    }
    // Otherwise an unknown level (also for `senior vs go`: with no role on the left, there is nothing to set go against).
    return { kind: 'unknown-level', skill, word: target, suggestions: toMatch.suggestions };
  }
  const afterTo = rightWords.slice(1);
  if (afterTo.length === 0) return comparison(skill, from, toMatch.found, leftRole, ignored);
  const role = matchRolePrefix(skill, afterTo);
  if (!('found' in role)) return { kind: 'unknown-role', skill, level: from, word: afterTo[0]!, suggestions: role.suggestions };
  return comparison(skill, from, toMatch.found, role.found, [...ignored, ...afterTo.slice(role.used)]);
}

function comparison(skill: Skill, from: Level, to: Level | undefined, role: Role | undefined, ignored: string[]): SkillIntent {
  const index = skill.levels.indexOf(from);
  const other = to ?? skill.levels[index + 1] ?? skill.levels[index - 1] ?? from;
  return { kind: 'compare-levels', skill, from, to: other, role, ignored };
}

function tokenize(text: string): string[] {
  return text
    .slice(0, MAX_INPUT)
    .split(/\s+/u)
    .filter((word) => word !== '');
}

/** Skill names may be several words ("nats jetstream"); the longest matching prefix wins. */
function matchSkillPrefix(words: string[], catalog: Catalog): { skill: Skill; used: number } | undefined {
  for (let n = Math.min(words.length, 4); n >= 1; n--) {
    // Only exact matches here: suggestions for a typo are computed once, by unknownSkill, if nothing matches.
    const match = findSkill(catalog, words.slice(0, n).join(' '), { suggest: false });
    if (match.found) return { skill: match.found, used: n };
  }
  return undefined;
}

function unknownSkill(word: string, catalog: Catalog): SkillIntent {
  const match = findSkill(catalog, word);
  return { kind: 'unknown-skill', word, suggestions: match.found ? [match.found] : match.suggestions };
}
