import type { KnownBlock, ModalView } from '@slack/types';
import type { Catalog } from '../catalog/query.js';
import type { Level, Skill } from '../catalog/schema.js';
import type { Locale } from '../config.js';
import type { AssessmentRow, Rating } from '../db/schema.js';
import { ACTION, VIEW } from '../ids.js';
import { agreementMessagesFor } from '../i18n/agreement-messages.js';
import { briefMessagesFor, type BriefMessages } from '../i18n/brief-messages.js';
import { formatCalendarDate, localize } from '../i18n/format.js';
import { agreedLine, STEPS_PREVIEW, type AgreedNote } from './agreed-note.js';
import { button, clip, context, divider, escapeEntities, LIMIT, plain, MESSAGE_TEXT_BUDGET, section, textLength } from './elements.js';
import { changesBetween, renderRuns } from './marked-diff.js';
import { pathOf, standingOf, type MyPath, type PathStep } from './my-path.js';

/**
 * The 1:1 brief (docs/one-on-one-brief.md): for each skill the reader may see, what changed since the previous
 * assessment, how long ago it was, how close the target date is, how much of the path is left, and three open
 * questions drawn from the catalog. Pure: the caller passes the rows (already through the access check,
 * services/sharing-access.ts) and today's date in the reader's zone.
 */

export type BriefAssessment = Pick<AssessmentRow, 'skill_id' | 'role_id' | 'ratings' | 'current_level' | 'target_level' | 'target_date' | 'goals'> & {
  /** YYYY-MM-DD in the reader's zone. */
  assessedOn: string;
};

export interface BriefInput {
  ownerId: string;
  /** True for `/skill prep` about myself. */
  readerIsOwner: boolean;
  /** YYYY-MM-DD in the reader's zone. */
  today: string;
  skills: BriefSkill[];
}

export interface BriefSkill {
  latest: BriefAssessment;
  /**
   * What "what changed" compares against: the previous assessment, or — when a conversation was recorded after it —
   * the assessment in force at that conversation (then `since` says when it was; it may be `latest` itself).
   */
  previous: BriefAssessment | undefined;
  /** The recorded conversation `previous` is taken from: YYYY-MM-DD in the reader's zone. */
  since?: string | undefined;
  /** The last agreed next steps of this skill, as the reader sees them. */
  note?: AgreedNote | undefined;
}

const QUESTIONS = 3;
const NAME_MAX = 60;
const EXPECTATION_MAX = 200;
const GOALS_MAX = 1200;
/** Kept free of the message's text budget for the questions (three, each with an expectation cut at 200). */
const QUESTIONS_RESERVE = 1600;
/** What one skill's head and rating lines take, about, beside its goals. */
const SKILL_BESIDE_GOALS = 900;
/** What one skill's last agreement line takes, about, when there is one. */
const NOTE_BESIDE_GOALS = 750;
/** Two blocks and a divider per skill (4 kept, to be safe); the title, intro, "more", questions and the button take the rest of a message's 50. */
export const MAX_BRIEF_SKILLS = Math.floor((LIMIT.messageBlocks - 6) / 4);

export function buildOneOnOneBrief(input: BriefInput, catalog: Catalog, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const t = briefMessagesFor(locale);
  const title = input.readerIsOwner ? t.titleSelf : t.titleOther(`<@${input.ownerId}>`);
  const blocks: KnownBlock[] = [section(`*${title}*`)];
  if (input.skills.length === 0) {
    blocks.push(section(t.nothing));
    return { text: title, blocks };
  }
  blocks.push(context(input.readerIsOwner ? t.introSelf(input.skills.length) : t.intro(input.skills.length)));
  // Slack counts all the text of a message together: the goals' diff shares what is left, and a skill that would
  // still not fit is counted under "more" rather than cut (docs/one-on-one-brief.md#limits).
  const room = MESSAGE_TEXT_BUDGET - QUESTIONS_RESERVE;
  const beside = SKILL_BESIDE_GOALS + (input.skills.some((s) => s.note) ? NOTE_BESIDE_GOALS : 0);
  const goalsMax = Math.max(120, Math.min(GOALS_MAX, Math.floor(room / Math.min(input.skills.length, MAX_BRIEF_SKILLS)) - beside));
  let shown = 0;
  for (const entry of input.skills.slice(0, MAX_BRIEF_SKILLS)) {
    const next = [divider(), ...skillBlocks(entry, input.today, catalog, locale, t, goalsMax)];
    if (textLength([...blocks, ...next]) > room) break;
    blocks.push(...next);
    shown += 1;
  }
  if (input.skills.length > shown) blocks.push(context(t.more(input.skills.length - shown)));
  blocks.push(divider(), section(clip(`*${t.questionsTitle}*\n${questionsFor(input.skills, catalog, locale, t)}`, LIMIT.sectionText)));
  // Either person writes down what was agreed (docs/one-on-one-brief.md#agreed-next-steps).
  blocks.push({ type: 'actions', elements: [button({ actionId: ACTION.recordAgreement, text: agreementMessagesFor(locale).recordButton, value: input.ownerId })] });
  return { text: title, blocks };
}

/** The same brief in a modal, pushed from the shared picture's **Prepare 1:1** (the picture stays underneath). */
export function buildOneOnOneBriefModal(input: BriefInput, catalog: Catalog, locale: Locale): ModalView {
  return briefModal(locale, buildOneOnOneBrief(input, catalog, locale).blocks);
}

/** One sentence in the brief's modal: "preparing…" (it opens before loading), or that the share no longer holds. */
export function buildBriefNoticeModal(locale: Locale, text: string): ModalView {
  return briefModal(locale, [section(text)]);
}

function briefModal(locale: Locale, blocks: KnownBlock[]): ModalView {
  const t = briefMessagesFor(locale);
  return { type: 'modal', callback_id: VIEW.brief, title: plain(t.modalTitle, LIMIT.modalTitle), close: plain(t.close, LIMIT.buttonText), blocks };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const at = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(to) - at(from)) / 86_400_000);
}

function skillBlocks(entry: BriefSkill, today: string, catalog: Catalog, locale: Locale, t: BriefMessages, goalsMax: number): KnownBlock[] {
  const { latest, previous } = entry;
  const skill = catalog.byId.get(latest.skill_id);
  const name = skill ? localize(skill.name, locale) : latest.skill_id;
  const level = levelName(skill, locale);
  const targetDate = latest.target_date ? t.targetIn(formatCalendarDate(latest.target_date, locale), daysBetween(today, latest.target_date)) : t.noTargetDate;
  const head = [
    `*${escapeEntities(clip(name, NAME_MAX))}* · ${level(latest.current_level)} → *${level(latest.target_level)}*`,
    `${t.sinceAssessed(Math.max(0, daysBetween(latest.assessedOn, today)))} · ${targetDate}`,
    pathText(pathOf(skill, standingOf(latest)), locale, t),
    ...(entry.note ? [agreedLine(entry.note, locale, STEPS_PREVIEW.brief)] : []),
  ];
  const a = agreementMessagesFor(locale);
  const title = entry.since ? a.changesSinceConversation(formatCalendarDate(entry.since, locale)) : t.changesTitle;
  const changes = changesText(skill, latest, previous, locale, t, goalsMax);
  const text = entry.since && changes === t.noChange ? a.noChangeSinceConversation : changes;
  return [section(head.join('\n')), section(clip(`*${title}*\n${text}`, LIMIT.sectionText))];
}

/** The path's count in words that suit both readers (my-path.ts's pathLine speaks to the owner: "your path"). */
function pathText(path: MyPath, locale: Locale, t: BriefMessages): string {
  return path.kind === 'ahead' ? t.pathLeft(path.steps.length, levelOf(path.target, locale)) : t.noPath;
}

function levelName(skill: Skill | undefined, locale: Locale): (id: string) => string {
  return (id) => {
    const found = skill?.levels.find((l) => l.id === id);
    return escapeEntities(clip(found ? localize(found.name, locale) : id, NAME_MAX));
  };
}

function changesText(skill: Skill | undefined, latest: BriefAssessment, previous: BriefAssessment | undefined, locale: Locale, t: BriefMessages, goalsMax: number): string {
  if (!previous) return t.firstAssessment;
  const level = levelName(skill, locale);
  const lines: string[] = [];
  if (previous.role_id !== latest.role_id) {
    const role = (id: string) => {
      const found = skill?.roles.find((r) => r.id === id);
      return escapeEntities(clip(found ? localize(found.name, locale) : id, NAME_MAX));
    };
    lines.push(t.roleChanged(role(previous.role_id), role(latest.role_id)));
  }
  if (previous.current_level !== latest.current_level || previous.target_level !== latest.target_level) {
    lines.push(t.levelsChanged(`${level(previous.current_level)} → ${level(previous.target_level)}`, `${level(latest.current_level)} → *${level(latest.target_level)}*`));
  }
  const levelIds = skill ? skill.levels.map((l) => l.id) : [...new Set([...Object.keys(previous.ratings), ...Object.keys(latest.ratings)])].sort();
  for (const id of levelIds) {
    const before = previous.ratings[id];
    const after = latest.ratings[id];
    if (before !== after) lines.push(t.ratingChanged(level(id), ratingLabel(before, t), `*${ratingLabel(after, t)}*`));
  }
  if (previous.goals.trim() !== latest.goals.trim()) lines.push(`${t.goalsChanged} ${renderRuns(changesBetween(escapeEntities(previous.goals), escapeEntities(latest.goals)), goalsMax)}`);
  return lines.length === 0 ? t.noChange : lines.join('\n');
}

function ratingLabel(rating: Rating | undefined, t: BriefMessages): string {
  if (rating === 'fully') return t.ratingFully;
  if (rating === 'partly') return t.ratingPartly;
  if (rating === 'not_yet') return t.ratingNotYet;
  return t.ratingNone;
}

/**
 * Three open questions, deterministically: skill by skill in the order given, the target level's expectations
 * first, then the other levels on the path from the top down, only those rated "not yet" or "partly".
 */
function questionsFor(skills: BriefInput['skills'], catalog: Catalog, locale: Locale, t: BriefMessages): string {
  const questions: string[] = [];
  for (const { latest } of skills) {
    const path = pathOf(catalog.byId.get(latest.skill_id), standingOf(latest));
    if (path.kind !== 'ahead') continue;
    const rated = path.steps.filter((step): step is PathStep & { rating: 'not_yet' | 'partly' } => step.rating !== 'unrated');
    const ordered = [...rated].sort((a, b) => path.skill.levels.indexOf(b.level) - path.skill.levels.indexOf(a.level));
    for (const step of ordered) {
      const expectation = escapeEntities(clip(localize(step.requirement.text, locale), EXPECTATION_MAX));
      questions.push(t.question(levelOf(step.level, locale), expectation, step.rating === 'partly' ? t.ratingPartly : t.ratingNotYet));
      if (questions.length === QUESTIONS) break;
    }
    if (questions.length === QUESTIONS) break;
  }
  return questions.length === 0 ? t.noQuestions : questions.map((q, i) => `${i + 1}. ${q}`).join('\n');
}

function levelOf(level: Level, locale: Locale): string {
  return escapeEntities(clip(localize(level.name, locale), NAME_MAX));
}
