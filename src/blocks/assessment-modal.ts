import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Locale } from '../config.js';
import type { Skill } from '../catalog/schema.js';
import type { AssessmentContent, Cadence, CheckinChoice, Rating } from '../db/schema.js';
import { ACTION, VIEW } from '../ids.js';
import { assessmentMessagesFor, type AssessmentMessages } from '../i18n/assessment-messages.js';
import { localize } from '../i18n/format.js';
import { clip, context, escapeEntities, LIMIT, plain, section, inputBlock } from './elements.js';

/**
 * The self-assessment modal: a pure builder, and a pure parser for what Slack sends back on submit.
 * Block ids stay the same across redraws, so Slack keeps what the person typed when the role changes.
 */

export const GOALS_MAX = 2000;
const RATINGS: readonly Rating[] = ['not_yet', 'partly', 'fully'];
export const CADENCES: readonly Cadence[] = ['weekly', 'biweekly', 'monthly', 'off'];

export const FIELD = {
  role: 'assess_role',
  ratingPrefix: 'assess_rating_',
  current: 'assess_current',
  target: 'assess_target',
  targetDate: 'assess_target_date',
  goals: 'assess_goals',
  cadence: 'assess_cadence',
  weekday: 'assess_weekday',
  time: 'assess_time',
} as const;
/** Every input's action id; unique within its block, which is all Slack asks. */
const VALUE = 'value';

/** What the person has chosen so far; every field may be missing (a first assessment, or a half-filled form). */
export type AssessmentDraft = { [K in Exclude<keyof ValidAssessment, 'ratings' | 'targetDate'>]?: ValidAssessment[K] | undefined } & {
  ratings: Partial<Record<string, Rating>>;
  targetDate?: string | undefined;
};

export interface AssessmentModalInput {
  skill: Skill;
  locale: Locale;
  draft: AssessmentDraft;
  /** The person's IANA time zone, shown beside the time picker. */
  tz: string;
}

export interface AssessmentMetadata {
  skill: string;
}

export function buildLoadingModal(locale: Locale): ModalView {
  const t = assessmentMessagesFor(locale);
  return { type: 'modal', callback_id: `${VIEW.assessment}_loading`, title: plain(t.loadingTitle, LIMIT.modalTitle), blocks: [section(t.loading)] };
}

export function buildAssessmentModal({ skill, locale, draft, tz }: AssessmentModalInput): ModalView {
  const t = assessmentMessagesFor(locale);
  const roleId = draft.roleId && skill.roles.some((r) => r.id === draft.roleId) ? draft.roleId : skill.roles[0]!.id;
  const levelOptions = skill.levels.map((level) => option(localize(level.name, locale), level.id));
  const blocks: KnownBlock[] = [section(t.intro(escapeEntities(localize(skill.name, locale))))];

  const roleOptions = skill.roles.map((role) => option(localize(role.name, locale), role.id));
  blocks.push(
    inputBlock(FIELD.role, t.role, {
      type: 'static_select',
      action_id: ACTION.assessmentRole,
      placeholder: plain(t.rolePlaceholder, LIMIT.placeholder),
      options: roleOptions,
      initial_option: roleOptions.find((o) => o.value === roleId)!,
    }, { dispatch_action: true }),
  );

  for (const level of skill.levels) {
    const requirement = level.requirements.find((r) => r.role === roleId);
    const name = localize(level.name, locale);
    blocks.push(context(requirement ? escapeEntities(clip(localize(requirement.text, locale), 2900)) : '—'));
    const ratingOptions = RATINGS.map((rating) => option(ratingLabel(rating, t), rating));
    const chosen = draft.ratings[level.id];
    blocks.push(
      inputBlock(`${FIELD.ratingPrefix}${level.id}`, t.howWell(name), {
        type: 'radio_buttons',
        action_id: VALUE,
        options: ratingOptions,
        ...(chosen ? { initial_option: ratingOptions.find((o) => o.value === chosen)! } : {}),
      }),
    );
  }

  const levelSelect = (chosen: string | undefined) => ({
    type: 'static_select' as const,
    action_id: VALUE,
    placeholder: plain(t.levelPlaceholder, LIMIT.placeholder),
    options: levelOptions,
    ...(chosen && levelOptions.some((o) => o.value === chosen) ? { initial_option: levelOptions.find((o) => o.value === chosen)! } : {}),
  });
  blocks.push(inputBlock(FIELD.current, t.currentLevel, levelSelect(draft.currentLevel)));
  blocks.push(inputBlock(FIELD.target, t.targetLevel, levelSelect(draft.targetLevel)));
  blocks.push(
    inputBlock(FIELD.targetDate, t.targetDate, { type: 'datepicker', action_id: VALUE, ...(draft.targetDate ? { initial_date: draft.targetDate } : {}) }, { optional: true }),
  );
  blocks.push(
    inputBlock(
      FIELD.goals,
      t.goals,
      {
        type: 'plain_text_input',
        action_id: VALUE,
        multiline: true,
        max_length: GOALS_MAX,
        placeholder: plain(t.goalsPlaceholder, LIMIT.placeholder),
        ...(draft.goals ? { initial_value: draft.goals.slice(0, GOALS_MAX) } : {}),
      },
      { optional: true, hint: plain(t.goalsHint(GOALS_MAX), 2000) },
    ),
  );

  const cadenceOptions = CADENCES.map((cadence) => option(cadenceLabel(cadence, t), cadence));
  const cadence = draft.cadence ?? 'weekly';
  blocks.push(
    inputBlock(FIELD.cadence, t.cadence, { type: 'static_select', action_id: VALUE, options: cadenceOptions, initial_option: cadenceOptions.find((o) => o.value === cadence)! }),
  );
  const weekdayOptions = t.weekdays.map((day, i) => option(day, String(i + 1)));
  const weekday = draft.weekday ?? 1;
  blocks.push(
    inputBlock(FIELD.weekday, t.weekday, { type: 'static_select', action_id: VALUE, options: weekdayOptions, initial_option: weekdayOptions[weekday - 1]! }, { optional: true, hint: plain(t.weekdayHint, 2000) }),
  );
  blocks.push(
    inputBlock(FIELD.time, t.time, { type: 'timepicker', action_id: VALUE, initial_time: draft.localTime ?? '10:00' }, { optional: true, hint: plain(t.timeHint(tz), 2000) }),
  );

  const metadata: AssessmentMetadata = { skill: skill.id };
  return {
    type: 'modal',
    callback_id: VIEW.assessment,
    title: plain(t.modalTitle, LIMIT.modalTitle),
    submit: plain(t.save, LIMIT.modalTitle),
    close: plain(t.cancel, LIMIT.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMIT.optionText), value };
}


function ratingLabel(rating: Rating, t: AssessmentMessages): string {
  return { not_yet: t.ratingNotYet, partly: t.ratingPartly, fully: t.ratingFully }[rating];
}

function cadenceLabel(cadence: Cadence, t: AssessmentMessages): string {
  return { weekly: t.cadenceWeekly, biweekly: t.cadenceBiweekly, monthly: t.cadenceMonthly, off: t.cadenceOff }[cadence];
}

// ---- Reading Slack's view state (untrusted) ----

const selected = z.object({ selected_option: z.object({ value: z.string().max(150) }).nullable().optional() }).passthrough();
const stateSchema = z.record(z.string().max(255), z.record(z.string().max(255), z.record(z.string(), z.unknown())));

/** Reads whatever is in the form, valid or not (used to redraw and to pre-fill). */
export function draftFromState(values: unknown, skill: Skill): AssessmentDraft {
  const parsed = stateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const pick = (blockId: string, actionId = VALUE) => state[blockId]?.[actionId];
  const choice = (blockId: string, actionId = VALUE) => {
    const field = selected.safeParse(pick(blockId, actionId));
    return field.success ? (field.data.selected_option?.value ?? undefined) : undefined;
  };
  const text = (blockId: string, key: string) => {
    const value = pick(blockId)?.[key];
    return typeof value === 'string' ? value : undefined;
  };
  const ratings: Partial<Record<string, Rating>> = {};
  for (const level of skill.levels) {
    const value = choice(`${FIELD.ratingPrefix}${level.id}`);
    if (value && (RATINGS as readonly string[]).includes(value)) ratings[level.id] = value as Rating;
  }
  const cadence = choice(FIELD.cadence);
  const weekday = Number(choice(FIELD.weekday));
  return {
    roleId: choice(FIELD.role, ACTION.assessmentRole),
    ratings,
    currentLevel: choice(FIELD.current),
    targetLevel: choice(FIELD.target),
    targetDate: text(FIELD.targetDate, 'selected_date'),
    goals: text(FIELD.goals, 'value'),
    cadence: cadence && (CADENCES as readonly string[]).includes(cadence) ? (cadence as Cadence) : undefined,
    weekday: Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? weekday : undefined,
    localTime: text(FIELD.time, 'selected_time'),
  };
}

/** A submission that passed every check: the assessment and the check-in choice, ready to save. */
export type ValidAssessment = AssessmentContent & CheckinChoice;

export type SubmissionResult = { ok: true; value: ValidAssessment } | { ok: false; errors: Record<string, string> };

/**
 * Checks a submission. Errors are keyed by block id, as Slack's `response_action: errors` wants, and worded for
 * the person. `today` is the person's local date (YYYY-MM-DD), so "in the past" means past for them.
 */
/**
 * Characters Postgres cannot keep in text: NUL is refused outright (the save would fail), and a lone UTF-16
 * surrogate (half of an emoji, possible in Slack's JSON) cannot be encoded and would be silently replaced.
 */
const UNSTORABLE_CHARACTER = /[\0\p{Cs}]/u;

/** `YYYY-MM-DD` naming a real day (Slack's datepicker sends that, but the payload is untrusted; Postgres refuses 2026-02-30). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= daysInMonth[month - 1]!;
}

export function validateSubmission(values: unknown, skill: Skill, locale: Locale, today: string): SubmissionResult {
  const t = assessmentMessagesFor(locale);
  const draft = draftFromState(values, skill);
  const errors: Record<string, string> = {};
  const levelIndex = (id: string | undefined) => skill.levels.findIndex((level) => level.id === id);

  if (!draft.roleId) errors[FIELD.role] = t.errorRequired;
  else if (!skill.roles.some((role) => role.id === draft.roleId)) errors[FIELD.role] = t.errorUnknownRole;
  for (const level of skill.levels) {
    if (!draft.ratings[level.id]) errors[`${FIELD.ratingPrefix}${level.id}`] = t.errorRequired;
  }
  if (!draft.currentLevel) errors[FIELD.current] = t.errorRequired;
  else if (levelIndex(draft.currentLevel) < 0) errors[FIELD.current] = t.errorUnknownLevel;
  if (!draft.targetLevel) errors[FIELD.target] = t.errorRequired;
  else if (levelIndex(draft.targetLevel) < 0) errors[FIELD.target] = t.errorUnknownLevel;
  else if (levelIndex(draft.currentLevel) >= 0 && levelIndex(draft.targetLevel) < levelIndex(draft.currentLevel)) {
    errors[FIELD.target] = t.errorTargetBelowCurrent;
  }
  if (draft.targetDate !== undefined && !isCalendarDate(draft.targetDate)) errors[FIELD.targetDate] = t.errorNotADate;
  else if (draft.targetDate !== undefined && draft.targetDate < today) errors[FIELD.targetDate] = t.errorPastDate;
  const goals = (draft.goals ?? '').trim();
  if (goals.length > GOALS_MAX) errors[FIELD.goals] = t.errorGoalsTooLong(GOALS_MAX, goals.length);
  else if (UNSTORABLE_CHARACTER.test(goals)) errors[FIELD.goals] = t.errorGoalsCharacters;
  if (!draft.cadence) errors[FIELD.cadence] = t.errorRequired;
  const needsTime = draft.cadence !== undefined && draft.cadence !== 'off';
  if (needsTime && !draft.weekday) errors[FIELD.weekday] = t.errorRequired;
  if (needsTime && !(draft.localTime && /^([01]\d|2[0-3]):[0-5]\d$/.test(draft.localTime))) errors[FIELD.time] = t.errorTime;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      roleId: draft.roleId!,
      ratings: draft.ratings as Record<string, Rating>,
      currentLevel: draft.currentLevel!,
      targetLevel: draft.targetLevel!,
      targetDate: draft.targetDate ?? null,
      goals,
      cadence: draft.cadence!,
      weekday: draft.weekday ?? 1,
      localTime: draft.localTime ?? '10:00',
    },
  };
}

export function parseMetadata(text: unknown): AssessmentMetadata | undefined {
  try {
    const parsed = z.object({ skill: z.string().max(24) }).safeParse(JSON.parse(String(text)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
