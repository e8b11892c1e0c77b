import type { ActionsBlock, KnownBlock, PlainTextOption, StaticSelect } from '@slack/types';
import type { Locale } from '../config.js';
import type { Level, Role, Skill } from '../catalog/schema.js';
import { ACTION, BLOCK } from '../ids.js';
import { compareMessagesFor, type CompareMessages } from '../i18n/compare-messages.js';
import { formatCalendarDate, localize } from '../i18n/format.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { encodeCardRef } from './card-ref.js';
import { encodeCompareRef, type CompareRef } from './compare-ref.js';
import { button, clip, context, escapeEntities, header, LIMIT, MESSAGE_TEXT_BUDGET, plain, section, type SlackMessage } from './elements.js';
import { changesBetween, countWords, renderRuns, wordsOf, type Run } from './marked-diff.js';

/**
 * The comparison card: what two levels (or two roles at one level) expect, with what changes marked. The first side
 * is shown plain, the second marked against it: *bold* is what the second side adds, ~struck~ what it no longer
 * says. Sides keep the order asked for ("lead vs senior" reads downwards); ⇄ swaps them.
 */

export interface CompareCardInput {
  skill: Skill;
  ref: CompareRef;
  locale: Locale;
  /** When the card is shared in a channel: the sharer's user id. Shared cards carry no buttons. */
  sharedBy?: string | undefined;
  /** A note shown under the header, e.g. which extra words were ignored (already escaped). */
  note?: string | undefined;
}

/** Whether the comparison's levels and roles all exist in the skill (false for a stale or forged reference). */
export function isValidComparison(skill: Skill, ref: CompareRef): boolean {
  const hasRole = (id: string | undefined) => id === undefined || skill.roles.some((role) => role.id === id);
  const hasLevel = (place: number) => place >= 1 && place <= skill.levels.length;
  if (ref.skill !== skill.id) return false;
  if (ref.kind === 'levels') return hasLevel(ref.from) && hasLevel(ref.to) && hasRole(ref.role);
  return hasLevel(ref.level) && hasRole(ref.roles[0]) && hasRole(ref.roles[1]);
}

/** Roles given a section each when no role is chosen; more would crowd the message, the role filter reaches them. */
const MAX_ROLES = 8;
/** What the per-role texts may spend of the message's text budget (the rest: header, context, actions). */
const TEXT_BUDGET = MESSAGE_TEXT_BUDGET - 2500;
const NAME_MAX = 60;

export function buildCompareCard(input: CompareCardInput): SlackMessage {
  const { skill, ref, locale } = input;
  if (!isValidComparison(skill, ref)) throw new RangeError(`comparison ${encodeCompareRef(ref)} does not fit skill ${skill.id}`);
  const t = messagesFor(locale);
  const c = compareMessagesFor(locale);
  const name = (text: Skill['name']) => clip(localize(text, locale), NAME_MAX);
  const skillName = localize(skill.name, locale);

  const sides = sidesOf(skill, ref);
  const fromName = name(sides.fromName);
  const toName = name(sides.toName);
  // Roles compared: the level belongs in the title too, or two cards at different levels would read the same.
  const titleFrom = ref.kind === 'roles' ? `${name(skill.levels[ref.level - 1]!.name)}: ${fromName}` : fromName;
  const blocks: KnownBlock[] = [header(c.title(skillName, titleFrom, toName))];
  const place = ref.kind === 'levels' ? c.levelsPlace(ref.from, ref.to, skill.levels.length) : t.levelOf(ref.level, skill.levels.length);
  const same = ref.kind === 'levels' && ref.from === ref.to;
  const legend = same ? c.sameLevel(escapeEntities(fromName)) : ref.kind === 'levels' ? c.legend(escapeEntities(toName)) : c.legendRoles(escapeEntities(fromName), escapeEntities(toName));
  blocks.push(context(`*${place}*`, legend, t.updated(formatCalendarDate(skill.updated, locale))));
  if (input.note) blocks.push(context(input.note));

  const shown = sides.pairs.slice(0, MAX_ROLES);
  const lineMax = Math.max(200, Math.min(1300, Math.floor(TEXT_BUDGET / shown.length / 2)));
  for (const pair of shown) blocks.push(...pairBlocks(pair, { same, lineMax, locale, t, c, ref }));
  if (sides.pairs.length > shown.length) blocks.push(context(c.moreRoles(sides.pairs.length - shown.length)));

  if (input.sharedBy) blocks.push(context(t.sharedBy(`<@${input.sharedBy}>`)));
  else blocks.push(compareActions(skill, ref, locale, t, c));
  return { text: c.fallback(skillName, fromName, toName), blocks };
}

type Text = Skill['name'];
type Requirement = Level['requirements'][number];

/** One section of the card: the role (levels compared) or the level (roles compared), and the two texts. */
interface Pair {
  heading: Text;
  from: { name: Text; requirement: Requirement | undefined };
  to: { name: Text; requirement: Requirement | undefined };
}

interface Sides {
  fromName: Text;
  toName: Text;
  pairs: Pair[];
}

function sidesOf(skill: Skill, ref: CompareRef): Sides {
  const requirementOf = (level: Level, role: Role) => level.requirements.find((r) => r.role === role.id);
  if (ref.kind === 'levels') {
    const from = skill.levels[ref.from - 1]!;
    const to = skill.levels[ref.to - 1]!;
    const roles = ref.role ? skill.roles.filter((role) => role.id === ref.role) : skill.roles;
    return {
      fromName: from.name,
      toName: to.name,
      pairs: roles.map((role) => ({
        heading: role.name,
        from: { name: from.name, requirement: requirementOf(from, role) },
        to: { name: to.name, requirement: requirementOf(to, role) },
      })),
    };
  }
  const level = skill.levels[ref.level - 1]!;
  const from = skill.roles.find((role) => role.id === ref.roles[0])!;
  const to = skill.roles.find((role) => role.id === ref.roles[1])!;
  return {
    fromName: from.name,
    toName: to.name,
    pairs: [{ heading: level.name, from: { name: from.name, requirement: requirementOf(level, from) }, to: { name: to.name, requirement: requirementOf(level, to) } }],
  };
}

interface PairContext {
  ref: CompareRef;
  same: boolean;
  lineMax: number;
  locale: Locale;
  t: Messages;
  c: CompareMessages;
}

/** A pair's section (heading, first text plain, second text marked) and its one-line summary. */
function pairBlocks(pair: Pair, { ref, same, lineMax, locale, t, c }: PairContext): KnownBlock[] {
  const name = (text: Text) => escapeEntities(clip(localize(text, locale), NAME_MAX));
  const flag = (requirement: Requirement | undefined) => (requirement ? ` · _${requirement.required ? t.required : t.optional}_` : '');
  const textOf = (requirement: Requirement | undefined) => (requirement ? localize(requirement.text, locale) : undefined);
  const fromText = textOf(pair.from.requirement);
  const toText = textOf(pair.to.requirement);
  const plainRuns = (text: string): Run[] => [{ kind: 'same', words: wordsOf(text) }];
  const heading = `*${name(pair.heading)}*`;

  if (same) {
    const body = fromText === undefined ? '—' : renderRuns(plainRuns(fromText), lineMax * 2);
    return [section(`${heading}${flag(pair.from.requirement)}\n${body}`)];
  }
  const line = (side: Pair['from'], body: string) => `*${name(side.name)}*${flag(side.requirement)}\n${body}`;
  if (fromText === undefined || toText === undefined) {
    const summary =
      fromText === undefined && toText === undefined ? c.neither : fromText === undefined ? c.onlyAt(name(pair.to.name), name(pair.from.name)) : c.onlyAt(name(pair.from.name), name(pair.to.name));
    const body = (text: string | undefined) => (text === undefined ? '—' : renderRuns(plainRuns(text), lineMax));
    return [section(`${heading}\n${line(pair.from, body(fromText))}\n${line(pair.to, body(toText))}`), context(summary)];
  }
  const runs = changesBetween(fromText, toText);
  const added = countWords(runs, 'added');
  const removed = countWords(runs, 'removed');
  const summary = ref.kind === 'levels' ? c.levelsSummary(name(pair.from.name), name(pair.to.name), added, removed) : c.rolesSummary(name(pair.from.name), name(pair.to.name), added, removed);
  return [section(`${heading}\n${line(pair.from, renderRuns(plainRuns(fromText), lineMax))}\n${line(pair.to, renderRuns(runs, lineMax))}`), context(summary)];
}

function compareActions(skill: Skill, ref: CompareRef, locale: Locale, t: Messages, c: CompareMessages): ActionsBlock {
  const levelName = (place: number) => localize(skill.levels[place - 1]!.name, locale);
  const total = skill.levels.length;
  const elements: ActionsBlock['elements'] = [];
  const open = (suffix: string, text: string, to: CompareRef) => button({ actionId: `${ACTION.openCompare}:${suffix}`, text, value: encodeCompareRef(to) });
  // Two buttons share one action_id only if they sit in different blocks, so each gets a suffix.
  if (ref.kind === 'levels') {
    if (ref.from > 1 && ref.to > 1) elements.push(open('prev', c.stepDown(levelName(ref.from - 1), levelName(ref.to - 1)), { ...ref, from: ref.from - 1, to: ref.to - 1 }));
    if (ref.from < total && ref.to < total) elements.push(open('next', c.stepUp(levelName(ref.from + 1), levelName(ref.to + 1)), { ...ref, from: ref.from + 1, to: ref.to + 1 }));
    if (ref.from !== ref.to) elements.push(open('swap', c.swap, { ...ref, from: ref.to, to: ref.from }));
    if (skill.roles.length > 1) elements.push(roleFilter(skill, ref, locale, t));
  } else {
    if (ref.level > 1) elements.push(open('prev', t.previous(levelName(ref.level - 1)), { ...ref, level: ref.level - 1 }));
    if (ref.level < total) elements.push(open('next', t.next(levelName(ref.level + 1)), { ...ref, level: ref.level + 1 }));
    elements.push(open('swap', c.swap, { ...ref, roles: [ref.roles[1], ref.roles[0]] }));
  }
  const level = skill.levels[(ref.kind === 'levels' ? ref.from : ref.level) - 1]!;
  const role = ref.kind === 'levels' ? ref.role : ref.roles[0];
  const card = encodeCardRef({ skill: skill.id, level: level.id, role });
  elements.push(
    button({ actionId: `${ACTION.openLevel}:back`, text: c.back(localize(level.name, locale)), value: card }),
    button({ actionId: ACTION.assess, text: t.assessMyself, style: 'primary', value: card }),
    button({ actionId: ACTION.shareCompare, text: t.share, value: encodeCompareRef(ref) }),
  );
  return { type: 'actions', block_id: BLOCK.compareActions, elements };
}

function roleFilter(skill: Skill, ref: Extract<CompareRef, { kind: 'levels' }>, locale: Locale, t: Messages): StaticSelect {
  // A select holds at most 100 options (docs/slack-limits.md#elements-and-composition-objects).
  const options: PlainTextOption[] = [
    { text: plain(t.allRoles, LIMIT.optionText), value: encodeCompareRef({ ...ref, role: undefined }) },
    ...skill.roles.slice(0, 99).map((role) => ({ text: plain(localize(role.name, locale), LIMIT.optionText), value: encodeCompareRef({ ...ref, role: role.id }) })),
  ];
  const initial = options.find((option) => option.value === encodeCompareRef(ref));
  return {
    type: 'static_select',
    action_id: ACTION.filterCompare,
    placeholder: plain(t.filterRole, LIMIT.placeholder),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** Level ids from the person's latest assessment of a skill: the level card marks them, "Compare with…" starts there. */
export interface PersonalMarks {
  current: string;
  target: string;
}

/**
 * The "Compare with…" select of a level card: every other level, compared from this one; undefined on a one-level
 * ladder. Once the person has assessed themselves, the first option is their current level against their target.
 */
export function compareWithSelect(skill: Skill, levelId: string, roleId: string | undefined, locale: Locale, marks?: PersonalMarks): StaticSelect | undefined {
  const from = skill.levels.findIndex((level) => level.id === levelId) + 1;
  const option = (text: string, ref: CompareRef): PlainTextOption => ({ text: plain(text, LIMIT.optionText), value: encodeCompareRef(ref) });
  const options: PlainTextOption[] = skill.levels.flatMap((level, i) =>
    i + 1 === from ? [] : [option(localize(level.name, locale), { kind: 'levels', skill: skill.id, from, to: i + 1, role: roleId })],
  );
  const current = skill.levels.findIndex((level) => level.id === marks?.current) + 1;
  const target = skill.levels.findIndex((level) => level.id === marks?.target) + 1;
  if (current > 0 && target > 0 && current !== target) {
    const path = option(compareMessagesFor(locale).yourPath(localize(skill.levels[current - 1]!.name, locale), localize(skill.levels[target - 1]!.name, locale)), {
      kind: 'levels',
      skill: skill.id,
      from: current,
      to: target,
      role: roleId,
    });
    // On the current level's card the path is already an option (this level → the target): relabel it, keep values unique.
    const same = options.findIndex((o) => o.value === path.value);
    if (same >= 0) options.splice(same, 1);
    options.unshift(path);
  }
  if (from < 1 || options.length === 0) return undefined;
  return { type: 'static_select', action_id: ACTION.compareWith, placeholder: plain(compareMessagesFor(locale).compareWith, LIMIT.placeholder), options: options.slice(0, 100) };
}
