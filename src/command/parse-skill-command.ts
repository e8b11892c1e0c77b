import { findLevel, findRole, findSkill, type Catalog } from '../catalog/query.js';
import type { Level, Role, Skill } from '../catalog/schema.js';
import { normalizeWord } from '../catalog/text.js';

/**
 * The `/skill` grammar, as a pure function of the typed text and the catalog:
 *   (empty) | help | list | me | forget | assess <skill> | <skill> [<level> [<role>]]
 * Verbs have Spanish synonyms. Unknown words come back with suggestions instead of errors.
 */

export type SkillIntent =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'me' }
  | { kind: 'forget' }
  | { kind: 'assess'; skill: Skill }
  | { kind: 'overview'; skill: Skill; ignored: string[] }
  | { kind: 'card'; skill: Skill; level: Level; role: Role | undefined; ignored: string[] }
  | { kind: 'unknown-skill'; word: string; suggestions: Skill[] }
  | { kind: 'unknown-level'; skill: Skill; word: string; suggestions: Level[] }
  | { kind: 'unknown-role'; skill: Skill; level: Level; word: string; suggestions: Role[] }
  | { kind: 'missing-skill'; verb: 'assess' };

const VERBS: Record<string, 'help' | 'list' | 'me' | 'forget' | 'assess'> = {
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
};

/** Longer input than any real command is cut before matching; what we echo back is cut further by the builders. */
const MAX_INPUT = 500;

export function parseSkillCommand(text: string, catalog: Catalog): SkillIntent {
  const words = tokenize(text);
  if (words.length === 0) return { kind: 'help' };
  const verb = VERBS[normalizeWord(words[0]!)];
  if (verb === 'help' || verb === 'list' || verb === 'me' || verb === 'forget') return { kind: verb };
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

  const levelMatch = findLevel(skill, rest[0]!);
  if (!levelMatch.found) return { kind: 'unknown-level', skill, word: rest[0]!, suggestions: levelMatch.suggestions };
  const level = levelMatch.found;
  const afterLevel = rest.slice(1);
  if (afterLevel.length === 0) return { kind: 'card', skill, level, role: undefined, ignored: [] };

  // A role may be several words ("backend developer (go)"): try the longest run first, then shorter ones.
  for (let n = afterLevel.length; n >= 1; n--) {
    const roleMatch = findRole(skill, afterLevel.slice(0, n).join(' '));
    if (roleMatch.found) return { kind: 'card', skill, level, role: roleMatch.found, ignored: afterLevel.slice(n) };
  }
  const roleMatch = findRole(skill, afterLevel[0]!);
  return { kind: 'unknown-role', skill, level, word: afterLevel[0]!, suggestions: roleMatch.found ? [roleMatch.found] : roleMatch.suggestions };
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
