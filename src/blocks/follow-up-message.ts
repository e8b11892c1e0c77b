import type { KnownBlock } from '@slack/types';
import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { followUpMessagesFor } from '../i18n/follow-up-messages.js';
import { formatCalendarDate } from '../i18n/format.js';
import { button, clip, context, divider, escapeEntities, escapeMrkdwn, header, section, type SlackMessage } from './elements.js';

/**
 * The follow-up DMs of agreed next steps (docs/follow-ups.md): the owner's (alone, or on top of the check-in due the
 * same day) and the lead's short one. Pure functions of their views.
 */

export interface FollowUpNoteView {
  skillId: string;
  /** Catalog name in the reader's language. */
  skillName: string;
  /** Typed by a person: escaped here. */
  steps: string;
  /** YYYY-MM-DD, when it was agreed, in the owner's zone. */
  agreedOn: string;
  /** The other person of the conversation, a user id; null when none (or they forgot themselves). */
  withPerson: string | null;
}

export interface FollowUpView {
  locale: Locale;
  /** The owner's delivery: what **Done** marks. */
  deliveryId: number;
  notes: FollowUpNoteView[];
  /** YYYY-MM-DD once the owner pressed Done (the message is redrawn without buttons). */
  doneOn?: string | undefined;
}

export interface LeadFollowUpView {
  locale: Locale;
  ownerId: string;
  /** YYYY-MM-DD, when the earliest of these was agreed. */
  agreedOn: string;
  skillNames: string[];
}

/** Notes shown in full; the rest are counted. Steps are cut so three fit well inside a section's 3,000 characters. */
const NOTES_SHOWN = 3;
const STEPS_PREVIEW = 700;
/** "Update my assessment" buttons: one per skill shown. */
const UPDATE_BUTTONS = 3;

/** The follow-up part: title, the agreed steps, and the buttons. Also the top of a check-in due the same day. */
export function followUpBlocks(view: FollowUpView): KnownBlock[] {
  const t = followUpMessagesFor(view.locale);
  const blocks: KnownBlock[] = [header(t.title), section(t.intro(view.notes.length))];
  for (const note of view.notes.slice(0, NOTES_SHOWN)) {
    const date = formatCalendarDate(note.agreedOn, view.locale);
    const skill = escapeEntities(clip(note.skillName, 80));
    const head = note.withPerson ? t.agreedWith(date, `<@${note.withPerson}>`, skill) : t.agreedAlone(date, skill);
    const steps = clip(note.steps.trim(), STEPS_PREVIEW)
      .split('\n')
      .map((line) => `>${escapeMrkdwn(line)}`)
      .join('\n');
    blocks.push(section(`${head}\n${steps}`));
  }
  const hidden = view.notes.length - NOTES_SHOWN;
  if (hidden > 0) blocks.push(context(t.more(hidden)));
  if (view.doneOn) {
    blocks.push(context(t.doneAt(formatCalendarDate(view.doneOn, view.locale))));
    return blocks;
  }
  const skills = [...new Map(view.notes.map((n) => [n.skillId, n])).values()].slice(0, UPDATE_BUTTONS);
  blocks.push({
    type: 'actions',
    elements: [
      // Action ids must be unique within a block: the second and third carry a suffix the route accepts.
      ...skills.map((n, i) =>
        button({ actionId: i === 0 ? ACTION.assess : `${ACTION.assess}:${i}`, text: skills.length > 1 ? `${t.update}: ${clip(n.skillName, 30)}` : t.update, value: n.skillId }),
      ),
      button({ actionId: ACTION.followUpDone, text: t.done, value: String(view.deliveryId), style: 'primary' }),
    ],
  });
  return blocks;
}

/** The owner's follow-up DM when no check-in is due that day. */
export function buildFollowUpMessage(view: FollowUpView): SlackMessage {
  return { text: followUpFallback(view), blocks: followUpBlocks(view) };
}

/** A check-in due the same day as a follow-up: one message, the follow-up first (one scheduled DM per day). */
export function withFollowUp(checkin: SlackMessage, view: FollowUpView): SlackMessage {
  return { text: clip(`${followUpFallback(view)} ${checkin.text}`, 300), blocks: [...followUpBlocks(view), divider(), ...checkin.blocks] };
}

function followUpFallback(view: FollowUpView): string {
  return followUpMessagesFor(view.locale).fallback(view.notes.map((n) => n.skillName).join(', ') || '—');
}

/** The lead's short DM on the follow-up day: no steps (they are the owner's), a way into the brief. */
export function buildLeadFollowUpMessage(view: LeadFollowUpView): SlackMessage {
  const t = followUpMessagesFor(view.locale);
  const skills = escapeEntities(clip(view.skillNames.join(', '), 300));
  return {
    text: t.leadFallback(`<@${view.ownerId}>`),
    blocks: [
      header(t.leadTitle),
      section(t.leadText(`<@${view.ownerId}>`, formatCalendarDate(view.agreedOn, view.locale), skills)),
      { type: 'actions', elements: [button({ actionId: ACTION.openBrief, text: t.openBrief, value: view.ownerId, style: 'primary' })] },
    ],
  };
}
