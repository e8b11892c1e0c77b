import type { Locale } from '../config.js';
import { compareText, localize } from '../i18n/format.js';
import type { Level, Role, Skill } from './schema.js';
import { editDistance, normalizeWord, slugify } from './text.js';

/** Pure lookups over the loaded catalog: forgiving matching (case, accents, aliases, level numbers) and suggestions. */

export interface Catalog {
  readonly skills: readonly Skill[];
  readonly byId: ReadonlyMap<string, Skill>;
}

export function buildCatalog(skills: readonly Skill[]): Catalog {
  return { skills, byId: new Map(skills.map((skill) => [skill.id, skill])) };
}

/** Skills in the order people look for them: by name in their language (ids are for machines). */
export function skillsByName(skills: readonly Skill[], locale: Locale): Skill[] {
  const compare = compareText(locale);
  return skills
    .map((skill) => ({ skill, name: localize(skill.name, locale) }))
    .sort((a, b) => compare(a.name, b.name) || a.skill.id.localeCompare(b.skill.id))
    .map(({ skill }) => skill);
}

export type Match<T> = { found: T } | { found: undefined; suggestions: T[] };

// The match keys of each catalog item, computed once: normalizing (NFKD) every alias on every command was most of
// the parser's time. Catalog items are immutable, so a WeakMap keyed by the item is a safe memo, not shared state.
const keyMemo = new WeakMap<object, string[]>();

function keysOf(item: { id: string; name: Skill['name']; aliases: readonly string[] }): string[] {
  let keys = keyMemo.get(item);
  if (!keys) {
    const names = typeof item.name === 'string' ? [item.name] : Object.values(item.name);
    keys = [...new Set([item.id, ...item.aliases, ...names].flatMap((key) => [normalizeWord(key), slugify(key)]))];
    keyMemo.set(item, keys);
  }
  return keys;
}

function match<T>(items: readonly T[], word: string, keys: (item: T) => string[], suggest = true): Match<T> {
  const wanted = normalizeWord(word);
  const wantedSlug = slugify(word);
  for (const item of items) {
    const itemKeys = keys(item);
    if (itemKeys.includes(wanted) || (wantedSlug !== '' && itemKeys.includes(wantedSlug))) return { found: item };
  }
  if (!suggest) return { found: undefined, suggestions: [] };
  // Typo tolerance: one edit for short words, two for longer ones.
  const budget = wanted.length <= 4 ? 1 : 2;
  const scored = items
    .map((item) => ({ item, distance: Math.min(...keys(item).map((key) => editDistance(wanted, key, budget))) }))
    .filter((entry) => entry.distance <= budget)
    .sort((a, b) => a.distance - b.distance);
  return { found: undefined, suggestions: scored.slice(0, 3).map((entry) => entry.item) };
}

export interface SharedWords {
  skills: [Skill, Skill];
  /** Normalized as the matcher compares them. */
  words: string[];
}

/**
 * Pairs of skills that answer to the same word (an id, alias or name in any language): `/skill <word>` would
 * silently open the first of them. The loader refuses such a catalog.
 */
export function findSharedWords(skills: readonly Skill[]): SharedWords[] {
  const owner = new Map<string, Skill>();
  const shared = new Map<string, SharedWords>();
  for (const skill of skills) {
    for (const key of keysOf(skill)) {
      const first = owner.get(key);
      if (!first) owner.set(key, skill);
      // Two files with the same id are reported as such by the loader; no need to list every word they share.
      if (!first || first.id === skill.id) continue;
      const pair = `${first.id} ${skill.id}`;
      const entry = shared.get(pair) ?? { skills: [first, skill], words: [] };
      if (!entry.words.some((word) => slugify(word) === slugify(key))) entry.words.push(key);
      shared.set(pair, entry);
    }
  }
  return [...shared.values()];
}

/** A skill by id, alias or name; when none matches, up to three suggestions (unless `suggest` is false). */
export function findSkill(catalog: Catalog, word: string, options: { suggest?: boolean } = {}): Match<Skill> {
  return match(catalog.skills, word, keysOf, options.suggest ?? true);
}

export function findLevel(skill: Skill, word: string): Match<Level> {
  // "3" and "l3" mean the third level of this skill's ladder, whatever it is called.
  const position = /^l?(\d{1,2})$/i.exec(word.trim())?.[1];
  if (position !== undefined) {
    const level = skill.levels[Number(position) - 1];
    return level ? { found: level } : { found: undefined, suggestions: [] };
  }
  return match(skill.levels, word, keysOf);
}

export function findRole(skill: Skill, word: string): Match<Role> {
  return match(skill.roles, word, keysOf);
}
