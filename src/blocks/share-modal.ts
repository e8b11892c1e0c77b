import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Catalog } from '../catalog/query.js';
import type { Locale } from '../config.js';
import { VIEW } from '../ids.js';
import { localize } from '../i18n/format.js';
import { sharingMessagesFor, type SharingMessages } from '../i18n/sharing-messages.js';
import { clip, context, escapeMrkdwn, LIMIT, plain, section, inputBlock } from './elements.js';

/**
 * "Share with…": who, which skills, for how long, a note (docs/sharing.md#sharing). A pure builder and a pure parser
 * of what Slack sends back; checks that need Slack (bots, deactivated, other workspaces) are the listener's.
 */

export const SHARE_FIELD = {
  person: 'share_person',
  skills: 'share_skills',
  duration: 'share_duration',
  note: 'share_note',
} as const;
const VALUE = 'value';
export const NOTE_MAX = 500;

export const DURATIONS = ['2w', '1m', '3m', 'revoke'] as const;
export type ShareDuration = (typeof DURATIONS)[number];
/** The option value for "all my skills" (skill ids are lowercase words, so it cannot collide). */
const ALL = '*';

export interface ShareModalInput {
  catalog: Catalog;
  locale: Locale;
  /** The skill the button or command was on; without one, "all" is chosen and each skill is offered. */
  skillId?: string | undefined;
  /** A person already named (`/skill share @ana`). */
  viewerId?: string | undefined;
  /** A name typed that matched nobody: said above the empty picker. */
  unresolvedName?: string | undefined;
}

export interface ShareMetadata {
  skill?: string;
}

export function buildShareLoadingModal(locale: Locale): ModalView {
  const t = sharingMessagesFor(locale);
  return { type: 'modal', callback_id: `${VIEW.share}_loading`, title: plain(t.modalTitle, LIMIT.modalTitle), blocks: [section(t.loading)] };
}

export function buildShareModal(input: ShareModalInput): ModalView {
  const t = sharingMessagesFor(input.locale);
  const skill = input.skillId ? input.catalog.byId.get(input.skillId) : undefined;
  const blocks: KnownBlock[] = [section(t.modalIntro)];
  if (input.unresolvedName) blocks.push(context(t.personNotFound(escapeMrkdwn(clip(input.unresolvedName, 80)))));
  blocks.push(
    inputBlock(SHARE_FIELD.person, t.person, {
      type: 'users_select',
      action_id: VALUE,
      placeholder: plain(t.personPlaceholder, LIMIT.placeholder),
      ...(input.viewerId ? { initial_user: input.viewerId } : {}),
    }),
  );
  const skillOptions = skill
    ? [option(t.thisSkill(localize(skill.name, input.locale)), skill.id), option(t.allSkills, ALL)]
    : [option(t.allSkills, ALL), ...input.catalog.skills.slice(0, 9).map((s) => option(t.thisSkill(localize(s.name, input.locale)), s.id))];
  blocks.push(inputBlock(SHARE_FIELD.skills, t.skills, { type: 'radio_buttons', action_id: VALUE, options: skillOptions, initial_option: skillOptions[0]! }));
  const durationOptions = DURATIONS.map((d) => option(durationLabel(d, t), d));
  blocks.push(inputBlock(SHARE_FIELD.duration, t.duration, { type: 'radio_buttons', action_id: VALUE, options: durationOptions, initial_option: durationOptions[1]! }));
  blocks.push(
    inputBlock(
      SHARE_FIELD.note,
      t.note,
      { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: NOTE_MAX, placeholder: plain(t.notePlaceholder, LIMIT.placeholder) },
      { optional: true },
    ),
  );
  const metadata: ShareMetadata = skill ? { skill: skill.id } : {};
  return {
    type: 'modal',
    callback_id: VIEW.share,
    title: plain(t.modalTitle, LIMIT.modalTitle),
    submit: plain(t.share, LIMIT.buttonText),
    close: plain(t.cancel, LIMIT.buttonText),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** What the owner sees once it is shared (`response_action: update`). */
export function buildShareDoneView(locale: Locale, text: string): ModalView {
  const t = sharingMessagesFor(locale);
  return { type: 'modal', callback_id: `${VIEW.share}_done`, title: plain(t.doneTitle, LIMIT.modalTitle), close: plain(t.close, LIMIT.buttonText), blocks: [section(text)] };
}

export interface ShareChoice {
  viewerId: string;
  /** null = all skills. */
  skillIds: string[] | null;
  duration: ShareDuration;
  note: string;
}

const selectedOption = z.object({ selected_option: z.object({ value: z.string() }).nullable().optional() }).optional();
const stateSchema = z.object({
  [SHARE_FIELD.person]: z.object({ [VALUE]: z.object({ selected_user: z.string().nullable().optional() }).optional() }).optional(),
  [SHARE_FIELD.skills]: z.object({ [VALUE]: selectedOption }).optional(),
  [SHARE_FIELD.duration]: z.object({ [VALUE]: selectedOption }).optional(),
  [SHARE_FIELD.note]: z.object({ [VALUE]: z.object({ value: z.string().nullable().optional() }).optional() }).optional(),
});

/** Reads the submitted form; field errors (keyed by block id) for what the form itself can tell is wrong. */
export function parseShareSubmission(
  values: unknown,
  catalog: Catalog,
  locale: Locale,
  ownerId: string,
): { ok: true; value: ShareChoice } | { ok: false; errors: Record<string, string> } {
  const t = sharingMessagesFor(locale);
  const state = stateSchema.safeParse(values);
  const data = state.success ? state.data : {};
  const viewerId = data[SHARE_FIELD.person]?.[VALUE]?.selected_user ?? '';
  const skill = data[SHARE_FIELD.skills]?.[VALUE]?.selected_option?.value ?? ALL;
  const duration = data[SHARE_FIELD.duration]?.[VALUE]?.selected_option?.value ?? '1m';
  const note = (data[SHARE_FIELD.note]?.[VALUE]?.value ?? '').trim();
  const errors: Record<string, string> = {};
  if (!/^[UW][A-Z0-9]{1,30}$/.test(viewerId)) errors[SHARE_FIELD.person] = t.errorRequired;
  else if (viewerId === ownerId) errors[SHARE_FIELD.person] = t.errorSelf;
  if (skill !== ALL && !catalog.byId.has(skill)) errors[SHARE_FIELD.skills] = t.errorSkill;
  if (note.length > NOTE_MAX) errors[SHARE_FIELD.note] = t.errorNoteTooLong(NOTE_MAX, note.length);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const known = (DURATIONS as readonly string[]).includes(duration) ? (duration as ShareDuration) : '1m';
  return { ok: true, value: { viewerId, skillIds: skill === ALL ? null : [skill], duration: known, note } };
}

export function parseShareMetadata(raw: string | undefined): ShareMetadata {
  try {
    const parsed = z.object({ skill: z.string().max(64).optional() }).safeParse(JSON.parse(raw ?? '{}'));
    return parsed.success ? (parsed.data.skill ? { skill: parsed.data.skill } : {}) : {};
  } catch {
    return {};
  }
}

function durationLabel(duration: ShareDuration, t: SharingMessages): string {
  return { '2w': t.twoWeeks, '1m': t.oneMonth, '3m': t.threeMonths, revoke: t.untilRevoked }[duration];
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMIT.optionText), value };
}

