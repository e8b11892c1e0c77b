import type { Locale } from '../config.js';
import { agreementMessagesFor } from '../i18n/agreement-messages.js';
import { formatCalendarDate } from '../i18n/format.js';
import { clip, escapeMrkdwn } from './elements.js';

/**
 * The latest agreement of a skill as every surface shows it (docs/one-on-one-brief.md#agreed-next-steps): one line,
 * "Agreed with @grace on 2 Dec 2026: <steps, cut> · follow-up on 9 Dec 2026". Pure: the caller works out the dates
 * in the reader's zone and whether the follow-up is ahead (services/agreements.ts).
 */

export interface AgreedNote {
  noteId: number;
  skillId: string;
  /** The other person in the conversation, as the reader sees it; null when nobody was named (or they forgot themselves). */
  withId: string | null;
  /** YYYY-MM-DD in the reader's zone. */
  agreedOn: string;
  /** As typed: escaped here. */
  steps: string;
  followUp: { on: string; when: 'ahead' | 'today' | 'passed' } | null;
  /** The owner may still move its follow-up: theirs, dated, not yet sent, not done (docs/follow-ups.md#done-moving-forgetting). */
  movable: boolean;
}

/** How much of the steps each surface shows on its one line. */
export const STEPS_PREVIEW = { line: 200, brief: 600 } as const;

/** The line, in mrkdwn; the steps' line breaks become " / " so it stays one line. */
export function agreedLine(note: AgreedNote, locale: Locale, stepsMax: number = STEPS_PREVIEW.line): string {
  const t = agreementMessagesFor(locale);
  const date = formatCalendarDate(note.agreedOn, locale);
  const head = note.withId ? t.agreedWith(`<@${note.withId}>`, date) : t.agreedOn(date);
  const steps = escapeMrkdwn(clip(note.steps.trim().replace(/\s*\n+\s*/g, ' / '), stepsMax));
  const followUp = note.followUp ? ` · _${followUpText(note.followUp, locale)}_` : '';
  return `:handshake: *${head}* ${steps}${followUp}`;
}

function followUpText(followUp: NonNullable<AgreedNote['followUp']>, locale: Locale): string {
  const t = agreementMessagesFor(locale);
  const date = formatCalendarDate(followUp.on, locale);
  if (followUp.when === 'passed') return t.followUpPassed(date);
  return followUp.when === 'today' ? t.followUpToday(date) : t.followUpAhead(date);
}
