import type { KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../config.js';
import type { Level, Role, Skill } from '../catalog/schema.js';
import type { AssessmentRow, Rating } from '../db/schema.js';
import { VIEW } from '../ids.js';
import { assessmentMessagesFor } from '../i18n/assessment-messages.js';
import { compareMessagesFor } from '../i18n/compare-messages.js';
import { localize } from '../i18n/format.js';
import { messagesFor } from '../i18n/messages.js';
import { myPathMessagesFor, type MyPathMessages } from '../i18n/my-path-messages.js';
import { clip, context, divider, escapeEntities, LIMIT, plain, section } from './elements.js';
import { changesBetween, countWords, renderRuns, wordsOf } from './marked-diff.js';

/**
 * "My path": from the person's current level to their target, for their role, the expectations still to cover
 * and what changes between the two levels (the comparison card's word diff, marked-diff.ts). Pure: the caller
 * passes the latest assessment's standing and the skill.
 *
 * Which expectations are left: every level from the current one to the target, inclusive, whose expectation for
 * the role is rated "not yet" or "partly". A level above the current one with no rating at all (the catalog
 * gained it after the assessment) counts as left: nobody said it is met. The current level with no rating does
 * not: the person chose it as theirs. A level with no expectation for the role has nothing to cover.
 */

/** What the builders need of an assessment (latest one of the skill). */
export interface PathStanding {
  roleId: string;
  currentLevel: string;
  targetLevel: string;
  ratings: Partial<Record<string, Rating>>;
}

/** The standing an assessment row states. */
export function standingOf(row: Pick<AssessmentRow, 'role_id' | 'current_level' | 'target_level' | 'ratings'>): PathStanding {
  return { roleId: row.role_id, currentLevel: row.current_level, targetLevel: row.target_level, ratings: row.ratings };
}

type Requirement = Level['requirements'][number];

export interface PathStep {
  level: Level;
  requirement: Requirement;
  rating: Exclude<Rating, 'fully'> | 'unrated';
}

export type MyPath =
  | { kind: 'ahead'; skill: Skill; role: Role; current: Level; target: Level; steps: PathStep[]; met: Level[] }
  | { kind: 'at-target'; skill: Skill; target: Level }
  | { kind: 'beyond-target'; skill: Skill; current: Level; target: Level }
  /** A level or role id the catalog no longer has (an old assessment), or a skill no longer in the catalog. */
  | { kind: 'stale' }
  | { kind: 'unassessed' };

export function pathOf(skill: Skill | undefined, standing: PathStanding | undefined): MyPath {
  if (!standing) return { kind: 'unassessed' };
  const role = skill?.roles.find((r) => r.id === standing.roleId);
  const from = skill ? skill.levels.findIndex((l) => l.id === standing.currentLevel) : -1;
  const to = skill ? skill.levels.findIndex((l) => l.id === standing.targetLevel) : -1;
  if (!skill || !role || from < 0 || to < 0) return { kind: 'stale' };
  const current = skill.levels[from]!;
  const target = skill.levels[to]!;
  if (from === to) return { kind: 'at-target', skill, target };
  if (to < from) return { kind: 'beyond-target', skill, current, target };
  const steps: PathStep[] = [];
  const met: Level[] = [];
  skill.levels.slice(from, to + 1).forEach((level, i) => {
    const requirement = level.requirements.find((r) => r.role === role.id);
    if (!requirement) return;
    const rating = standing.ratings[level.id];
    if (rating === 'fully' || (rating === undefined && i === 0)) met.push(level);
    else steps.push({ level, requirement, rating: rating ?? 'unrated' });
  });
  return { kind: 'ahead', skill, role, current, target, steps, met };
}

/** How many expectations are left, or undefined when the target is not above the current level. */
export function expectationsLeft(path: MyPath): number | undefined {
  return path.kind === 'ahead' ? path.steps.length : undefined;
}

/** One line for `/skill me`, App Home and the check-in DM (mrkdwn, escaped). */
export function pathLine(path: MyPath, locale: Locale): string {
  const m = myPathMessagesFor(locale);
  const name = (level: Level) => escapeEntities(clip(localize(level.name, locale), NAME_MAX));
  switch (path.kind) {
    case 'ahead':
      return m.left(path.steps.length, name(path.target));
    case 'at-target':
      return m.atTarget(name(path.target));
    case 'beyond-target':
      return m.beyondTarget(name(path.current), name(path.target));
    case 'stale':
      return m.stale;
    case 'unassessed':
      return m.unassessed;
  }
}

const NAME_MAX = 60;
/** Requirement texts in the compact DM form: enough to recognise the expectation, the modal has it whole. */
const COMPACT_TEXT_MAX = 220;
const COMPACT_STEPS = 4;
/** A modal section holds 3,000 characters; the step's heading takes the rest. */
const FULL_TEXT_MAX = 2700;

function ratingName(rating: PathStep['rating'], locale: Locale): string {
  const t = assessmentMessagesFor(locale);
  return { not_yet: t.ratingNotYet, partly: t.ratingPartly, unrated: myPathMessagesFor(locale).notRated }[rating];
}

function stepText(step: PathStep, locale: Locale, max: number): string {
  const t = messagesFor(locale);
  const text = localize(step.requirement.text, locale);
  const heading = `*${escapeEntities(clip(localize(step.level.name, locale), NAME_MAX))}* · ${ratingName(step.rating, locale)} · _${step.requirement.required ? t.required : t.optional}_`;
  return `${heading}\n${renderRuns([{ kind: 'same', words: wordsOf(text) }], max)}`;
}

/** The marked change from current to target in the person's language, and its one-line summary. */
function changeBlocks(path: Extract<MyPath, { kind: 'ahead' }>, locale: Locale, m: MyPathMessages, max: number): KnownBlock[] {
  const name = (level: Level) => escapeEntities(clip(localize(level.name, locale), NAME_MAX));
  const textAt = (level: Level) => level.requirements.find((r) => r.role === path.role.id)?.text;
  const fromText = textAt(path.current);
  const toText = textAt(path.target);
  const title = `*${m.changesTitle(name(path.current), name(path.target))}*`;
  if (!fromText || !toText) return [section(`${title}\n${m.noChanges(name(path.current), name(path.target))}`)];
  const runs = changesBetween(localize(fromText, locale), localize(toText, locale));
  const c = compareMessagesFor(locale);
  return [
    section(`${title}\n${renderRuns(runs, max)}`),
    context(c.legend(name(path.target)), c.levelsSummary(name(path.current), name(path.target), countWords(runs, 'added'), countWords(runs, 'removed'))),
  ];
}

/** The compact form for the confirmation DM after saving: the count, the first few expectations, the change. */
export function compactPathBlocks(path: MyPath, locale: Locale): KnownBlock[] {
  const m = myPathMessagesFor(locale);
  if (path.kind !== 'ahead') return path.kind === 'unassessed' ? [] : [context(pathLine(path, locale))];
  const shown = path.steps.slice(0, COMPACT_STEPS).map((step) => stepText(step, locale, COMPACT_TEXT_MAX));
  const more = path.steps.length - shown.length;
  const blocks: KnownBlock[] = [section([`*${pathLine(path, locale)}*`, ...shown].join('\n'))];
  if (more > 0) blocks.push(context(m.more(more)));
  blocks.push(...changeBlocks(path, locale, m, 600));
  return blocks;
}

/** The full path, in a modal opened by the "My path" button (App Home, `/skill me`, the confirmation DM). */
export function buildMyPathModal(path: MyPath, locale: Locale): ModalView {
  const m = myPathMessagesFor(locale);
  if (path.kind !== 'ahead') {
    const heading = path.kind === 'at-target' || path.kind === 'beyond-target' ? [section(`*${escapeEntities(localize(path.skill.name, locale))}*`)] : [];
    return pathModal(locale, [...heading, section(pathLine(path, locale))]);
  }
  const name = (text: Skill['name']) => escapeEntities(clip(localize(text, locale), NAME_MAX));
  const blocks: KnownBlock[] = [
    section(`*${name(path.skill.name)}* · ${name(path.role.name)}\n${name(path.current.name)} → *${name(path.target.name)}*`),
    context(pathLine(path, locale)),
  ];
  if (path.steps.length > 0) blocks.push(divider(), section(`*${m.leftTitle}*`));
  // At most 20 levels (the catalog schema), so the steps stay far from the 100-block limit.
  for (const step of path.steps) blocks.push(section(stepText(step, locale, FULL_TEXT_MAX)));
  if (path.met.length > 0) blocks.push(context(m.alreadyMet(path.met.map((level) => name(level.name)).join(', '))));
  blocks.push(divider(), ...changeBlocks(path, locale, m, FULL_TEXT_MAX));
  return pathModal(locale, blocks);
}

/** One sentence in the path's modal: "loading" (a trigger expires in 3 seconds, so it opens first) or a failure. */
export function buildMyPathNotice(locale: Locale, text: string): ModalView {
  return pathModal(locale, [section(text)]);
}

function pathModal(locale: Locale, blocks: KnownBlock[]): ModalView {
  const m = myPathMessagesFor(locale);
  return { type: 'modal', callback_id: VIEW.myPath, title: plain(m.modalTitle, LIMIT.modalTitle), close: plain(m.close, LIMIT.modalTitle), blocks };
}
