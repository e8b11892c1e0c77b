import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Locale } from '../config.js';
import { VIEW } from '../ids.js';
import { agreementMessagesFor } from '../i18n/agreement-messages.js';
import { checkPauseDate } from '../time/pause-date.js';
import { context, LIMIT, plain, section, inputBlock } from './elements.js';

/**
 * **Record what we agreed** (docs/one-on-one-brief.md#agreed-next-steps): which skill, the next steps, an optional
 * follow-up date and, when the owner records, the other person. A pure builder and a pure parser of what Slack
 * sends back; whether a viewer may still record is the access check's (services/sharing-access.ts).
 */

export const AGREEMENT_FIELD = {
  skill: 'agreement_skill',
  steps: 'agreement_steps',
  followUp: 'agreement_follow_up',
  other: 'agreement_other',
} as const;
const VALUE = 'value';
/** Slack's plain_text_input allows 3,000; the steps are shown cut anyway, so a note stays readable. */
export const STEPS_MAX = 2000;
/** A static select holds at most 100 options. */
const MAX_SKILL_OPTIONS = 100;

export interface AgreementModalInput {
  locale: Locale;
  ownerId: string;
  readerIsOwner: boolean;
  /** The skills the brief shows this reader (for a viewer: only the shared ones), names in the reader's language. */
  skills: { id: string; name: string }[];
  /** Preselected when there is one skill, or the one asked for. */
  skillId?: string | undefined;
}

export interface AgreementMetadata {
  owner: string;
}

export function buildAgreementNoticeModal(locale: Locale, text: string): ModalView {
  const t = agreementMessagesFor(locale);
  return { type: 'modal', callback_id: `${VIEW.agreement}_notice`, title: plain(t.modalTitle, LIMIT.modalTitle), close: plain(t.close, LIMIT.buttonText), blocks: [section(text)] };
}

export function buildAgreementModal(input: AgreementModalInput): ModalView {
  const t = agreementMessagesFor(input.locale);
  if (input.skills.length === 0) return buildAgreementNoticeModal(input.locale, t.nothingToRecord);
  const options = input.skills.slice(0, MAX_SKILL_OPTIONS).map((s) => option(s.name, s.id));
  const chosen = options.find((o) => o.value === input.skillId) ?? (options.length === 1 ? options[0] : undefined);
  const blocks: KnownBlock[] = [
    section(input.readerIsOwner ? t.introOwner : t.introViewer(`<@${input.ownerId}>`)),
    inputBlock(AGREEMENT_FIELD.skill, t.skill, {
      type: 'static_select',
      action_id: VALUE,
      placeholder: plain(t.skillPlaceholder, LIMIT.placeholder),
      options,
      ...(chosen ? { initial_option: chosen } : {}),
    }),
    inputBlock(AGREEMENT_FIELD.steps, t.steps, {
      type: 'plain_text_input',
      action_id: VALUE,
      multiline: true,
      max_length: STEPS_MAX,
      placeholder: plain(t.stepsPlaceholder, LIMIT.placeholder),
    }),
    inputBlock(AGREEMENT_FIELD.followUp, t.followUp, { type: 'datepicker', action_id: VALUE }, { optional: true, hint: plain(t.followUpHint, 2000) }),
  ];
  if (input.readerIsOwner) {
    blocks.push(inputBlock(AGREEMENT_FIELD.other, t.other, { type: 'users_select', action_id: VALUE, placeholder: plain(t.otherPlaceholder, LIMIT.placeholder) }, { optional: true }));
  }
  const metadata: AgreementMetadata = { owner: input.ownerId };
  return {
    type: 'modal',
    callback_id: VIEW.agreement,
    title: plain(t.modalTitle, LIMIT.modalTitle),
    submit: plain(t.save, LIMIT.buttonText),
    close: plain(t.cancel, LIMIT.buttonText),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** What the modal turns into once saved: where the note will show, and the follow-up date. */
export function buildAgreementDoneView(locale: Locale, lines: string[]): ModalView {
  const t = agreementMessagesFor(locale);
  return {
    type: 'modal',
    callback_id: `${VIEW.agreement}_done`,
    title: plain(t.doneTitle, LIMIT.modalTitle),
    close: plain(t.close, LIMIT.buttonText),
    blocks: [section(`:white_check_mark: ${lines[0] ?? ''}`), ...(lines.length > 1 ? [context(...lines.slice(1))] : [])],
  };
}

export interface AgreementChoice {
  skillId: string;
  steps: string;
  /** YYYY-MM-DD, or null. */
  followUpOn: string | null;
  /** Named by the owner; always null when a viewer records (the other person is the owner). */
  otherId: string | null;
}

const stateSchema = z.object({
  [AGREEMENT_FIELD.skill]: z.object({ [VALUE]: z.object({ selected_option: z.object({ value: z.string().max(100) }).nullable().optional() }).optional() }).optional(),
  [AGREEMENT_FIELD.steps]: z.object({ [VALUE]: z.object({ value: z.string().nullable().optional() }).optional() }).optional(),
  [AGREEMENT_FIELD.followUp]: z.object({ [VALUE]: z.object({ selected_date: z.string().max(20).nullable().optional() }).optional() }).optional(),
  [AGREEMENT_FIELD.other]: z.object({ [VALUE]: z.object({ selected_user: z.string().max(40).nullable().optional() }).optional() }).optional(),
});

/**
 * Reads the submitted form against the skills this reader may record on and the owner's `today` (YYYY-MM-DD in the
 * owner's zone): field errors keyed by block id, in the reader's language. Slack keeps what was typed.
 */
export function parseAgreementSubmission(
  values: unknown,
  args: { locale: Locale; skillIds: readonly string[]; today: string; authorId: string; readerIsOwner: boolean },
): { ok: true; value: AgreementChoice } | { ok: false; errors: Record<string, string> } {
  const t = agreementMessagesFor(args.locale);
  const state = stateSchema.safeParse(values);
  const data = state.success ? state.data : {};
  const skillId = data[AGREEMENT_FIELD.skill]?.[VALUE]?.selected_option?.value ?? '';
  const steps = (data[AGREEMENT_FIELD.steps]?.[VALUE]?.value ?? '').trim();
  const date = data[AGREEMENT_FIELD.followUp]?.[VALUE]?.selected_date ?? '';
  const other = args.readerIsOwner ? (data[AGREEMENT_FIELD.other]?.[VALUE]?.selected_user ?? '') : '';
  const errors: Record<string, string> = {};
  if (!args.skillIds.includes(skillId)) errors[AGREEMENT_FIELD.skill] = t.errorSkill;
  if (steps.length === 0) errors[AGREEMENT_FIELD.steps] = t.errorSteps;
  else if (steps.length > STEPS_MAX) errors[AGREEMENT_FIELD.steps] = t.errorStepsTooLong(STEPS_MAX, steps.length);
  // The same bounds as "Pause until…": after today (the owner's), at most a year ahead.
  const checked = date ? checkPauseDate(date, args.today) : undefined;
  if (checked && !checked.ok) errors[AGREEMENT_FIELD.followUp] = checked.reason === 'too-far' ? t.errorDateTooFar : t.errorDatePast;
  if (other === args.authorId) errors[AGREEMENT_FIELD.other] = t.errorOtherSelf;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const otherId = /^[UW][A-Z0-9]{1,30}$/.test(other) ? other : null;
  return { ok: true, value: { skillId, steps, followUpOn: checked?.ok ? checked.date : null, otherId } };
}

export function parseAgreementMetadata(raw: string | undefined): AgreementMetadata | undefined {
  try {
    const parsed = z.object({ owner: z.string().regex(/^[UW][A-Z0-9]{1,30}$/) }).safeParse(JSON.parse(raw ?? '{}'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMIT.optionText), value };
}

