import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { Locale } from '../config.js';
import { VIEW } from '../ids.js';
import { agreementMessagesFor } from '../i18n/agreement-messages.js';
import { checkPauseDate } from '../time/pause-date.js';
import { escapeEntities, inputBlock, LIMIT, plain, section } from './elements.js';

/**
 * **Change follow-up** (docs/follow-ups.md#done-moving-forgetting): the owner moves a pending follow-up to another day
 * or drops it; the steps stay as agreed. A pure builder and a pure parser of what Slack sends back.
 */

export const MOVE_FOLLOW_UP_FIELD = 'follow_up_date';
const VALUE = 'value';

export function buildMoveFollowUpModal(input: { locale: Locale; noteId: number; skillName: string; currentDate: string }): ModalView {
  const t = agreementMessagesFor(input.locale);
  return {
    type: 'modal',
    callback_id: VIEW.moveFollowUp,
    title: plain(t.moveTitle, LIMIT.modalTitle),
    submit: plain(t.moveSave, LIMIT.buttonText),
    close: plain(t.cancel, LIMIT.buttonText),
    private_metadata: String(input.noteId),
    blocks: [
      section(t.moveIntro(escapeEntities(input.skillName))),
      inputBlock(MOVE_FOLLOW_UP_FIELD, t.moveDate, { type: 'datepicker', action_id: VALUE, initial_date: input.currentDate }, { optional: true, hint: plain(t.moveHint, 2000) }),
    ],
  };
}

/** What the modal becomes once saved, or when the follow-up can no longer move. */
export function buildMoveFollowUpDone(locale: Locale, text: string): ModalView {
  const t = agreementMessagesFor(locale);
  return { type: 'modal', callback_id: `${VIEW.moveFollowUp}_done`, title: plain(t.moveTitle, LIMIT.modalTitle), close: plain(t.close, LIMIT.buttonText), blocks: [section(text)] };
}

const valuesSchema = z.object({
  [MOVE_FOLLOW_UP_FIELD]: z.object({ [VALUE]: z.object({ selected_date: z.string().max(20).nullable().optional() }).optional() }).optional(),
});

/** The new date (null: no follow-up), or a field error in the reader's language. */
export function parseMoveFollowUp(values: unknown, args: { locale: Locale; today: string }): { ok: true; date: string | null } | { ok: false; errors: Record<string, string> } {
  const t = agreementMessagesFor(args.locale);
  const parsed = valuesSchema.safeParse(values);
  const field = parsed.success ? parsed.data[MOVE_FOLLOW_UP_FIELD]?.[VALUE] : undefined;
  // Slack always sends the date field, empty or not: without it the payload is not what we built, and dropping the
  // follow-up on a misread would lose it.
  if (!field) return { ok: false, errors: { [MOVE_FOLLOW_UP_FIELD]: t.moveUnreadable } };
  const date = field.selected_date ?? '';
  if (!date) return { ok: true, date: null };
  const checked = checkPauseDate(date, args.today);
  if (!checked.ok) return { ok: false, errors: { [MOVE_FOLLOW_UP_FIELD]: checked.reason === 'too-far' ? t.errorDateTooFar : t.errorDatePast } };
  return { ok: true, date: checked.date };
}

/** The note id the modal was opened for. */
export function parseMoveFollowUpMetadata(raw: string | undefined): number | undefined {
  const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(raw);
  return id.success ? id.data : undefined;
}
