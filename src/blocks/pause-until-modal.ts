import type { ModalView } from '@slack/types';
import type { Locale } from '../config.js';
import { VIEW } from '../ids.js';
import { checkinMessagesFor } from '../i18n/checkin-messages.js';
import { context, inputBlock, LIMIT, plain, section } from './elements.js';

/** "Pause until…" (docs/time-zones.md#pause-until): a modal with one datepicker, and its confirmation. Pure. */

export const PAUSE_FIELD = { block: 'pause_until_date', action: 'value' } as const;

/** The modal. `initialDate` (YYYY-MM-DD) is what the picker shows first: a week from today, say. */
export function buildPauseUntilModal(locale: Locale, initialDate: string): ModalView {
  const m = checkinMessagesFor(locale);
  return {
    type: 'modal',
    callback_id: VIEW.pauseUntil,
    title: plain(m.pauseModalTitle, LIMIT.modalTitle),
    submit: plain(m.pauseModalSubmit, LIMIT.modalTitle),
    close: plain(m.close, LIMIT.modalTitle),
    blocks: [
      inputBlock(PAUSE_FIELD.block, m.pauseModalLabel, { type: 'datepicker', action_id: PAUSE_FIELD.action, initial_date: initialDate }),
      context(m.pauseModalHint),
    ],
  };
}

/** What the modal turns into once the pause is saved: until when, and when the next check-in is. */
export function buildPausedUntilView(locale: Locale, until: string, next: string | null): ModalView {
  const m = checkinMessagesFor(locale);
  return {
    type: 'modal',
    callback_id: `${VIEW.pauseUntil}_done`,
    title: plain(m.pauseModalTitle, LIMIT.modalTitle),
    close: plain(m.close, LIMIT.modalTitle),
    blocks: [section(`:double_vertical_bar: ${m.pausedUntil(until, next)}`)],
  };
}
