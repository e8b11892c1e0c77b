import type { WebClient } from '@slack/web-api';
import type { AgreedNote } from '../blocks/agreed-note.js';
import { buildAgreementModal, buildAgreementNoticeModal, type AgreementChoice } from '../blocks/agreement-modal.js';
import { addConversationNote, findMovableNote, listLatestNotes, moveFollowUp } from '../db/repositories/conversation-notes.js';
import { buildMoveFollowUpDone, buildMoveFollowUpModal } from '../blocks/move-follow-up-modal.js';
import type { ConversationNoteRow } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { agreementMessagesFor } from '../i18n/agreement-messages.js';
import { briefMessagesFor } from '../i18n/brief-messages.js';
import { localize, type LocalizedText } from '../i18n/format.js';
import type { Locale } from '../config.js';
import { checkinTimeOn, localDateIn } from '../time/check-in-time.js';
import { loadBriefAssessments } from './sharing-access.js';
import { readerFor } from './sharing.js';

/**
 * Agreed next steps (docs/one-on-one-brief.md#agreed-next-steps): opening **Record what we agreed**, saving the note
 * (append-only, the owner's), and the latest note of each skill as the owner's surfaces show it. Another person's
 * notes are read only through the access check (sharing-access.ts).
 */

/**
 * Saves what was agreed as a note of `ownerId` written by `authorId`, schedules its follow-up, and returns the saved
 * row and when the follow-up DM is due. The caller has checked the form and, for anyone but the owner, `mayRecordNote`.
 * When a viewer records, the other person is the owner.
 */
export async function saveAgreement(
  deps: Deps,
  args: { teamId: string; ownerId: string; authorId: string; choice: AgreementChoice },
): Promise<{ note: ConversationNoteRow; followUpAt: Date | null }> {
  const otherId = args.authorId === args.ownerId ? args.choice.otherId : args.ownerId;
  // The follow-up is scheduled in the same transaction, at the owner's check-in time on its date (docs/follow-ups.md).
  return addConversationNote(deps.db, {
    teamId: args.teamId,
    ownerId: args.ownerId,
    authorId: args.authorId,
    otherId,
    skillId: args.choice.skillId,
    steps: args.choice.steps,
    followUpOn: args.choice.followUpOn,
    now: deps.now(),
  }, checkinTimeOn);
}

/**
 * A note as `readerId` sees it, dates in `tz`: "with" is the other person of the conversation from the reader's
 * side (the owner's counterpart for the owner; the owner for the lead who was there).
 */
export function toAgreedNote(row: ConversationNoteRow, readerId: string, tz: string, now: Date): AgreedNote {
  const counterpart = row.author_id !== null && row.author_id !== row.owner_id ? row.author_id : row.other_id;
  const withId = readerId === row.owner_id || readerId !== counterpart ? counterpart : row.owner_id;
  const today = localDateIn(tz, now);
  const on = row.follow_up_on;
  return {
    noteId: row.id,
    skillId: row.skill_id,
    withId,
    agreedOn: localDateIn(tz, row.created_at),
    steps: row.steps,
    followUp: on ? { on, when: on > today ? 'ahead' : on === today ? 'today' : 'passed' } : null,
    movable: readerId === row.owner_id && on !== null && row.followed_up_at === null && row.done_at === null,
  };
}

/** The owner's latest note per skill, for `/skill me`, App Home and the check-in DM. */
export async function loadOwnAgreements(deps: Deps, teamId: string, ownerId: string, tz: string): Promise<Map<string, AgreedNote>> {
  const rows = await listLatestNotes(deps.db, teamId, ownerId);
  const now = deps.now();
  return new Map(rows.map((row) => [row.skill_id, toAgreedNote(row, ownerId, tz, now)]));
}

/** The check-in DM's one line: the owner's most recent agreement of any skill, with that skill's name. */
export async function loadCheckinAgreement(deps: Deps, args: { teamId: string; userId: string; tz: string; now: Date; locale: Locale }): Promise<(AgreedNote & { skillName: string }) | undefined> {
  const [latest] = await listLatestNotes(deps.db, args.teamId, args.userId);
  return latest ? checkinAgreement(deps.catalog, latest, args) : undefined;
}

/** The check-in DM's line from a note already read (the scheduler reads it with the rest of its batch). */
export function checkinAgreement(catalog: Deps['catalog'], note: ConversationNoteRow, args: { userId: string; tz: string; now: Date; locale: Locale }): AgreedNote & { skillName: string } {
  const name: LocalizedText = catalog.byId.get(note.skill_id)?.name ?? note.skill_id;
  return { ...toAgreedNote(note, args.userId, args.tz, args.now), skillName: localize(name, args.locale) };
}

/**
 * **Record what we agreed**: a loading view at once (the trigger expires in 3 s) — pushed over the brief modal, or
 * opened from a message — then the form with the skills the brief shows this reader, read through the access check.
 */
export async function openAgreementModal(
  deps: Deps,
  client: WebClient,
  args: { triggerId: string; teamId: string; readerId: string; ownerId: string; push: boolean },
): Promise<'shown' | 'not_shared'> {
  const loading = buildAgreementNoticeModal(deps.config.defaultLocale, agreementMessagesFor(deps.config.defaultLocale).loading);
  const opened = args.push ? await client.views.push({ trigger_id: args.triggerId, view: loading }) : await client.views.open({ trigger_id: args.triggerId, view: loading });
  const reader = await readerFor(deps, client, args.teamId, args.readerId);
  const rows = await loadBriefAssessments(deps, args.teamId, args.readerId, args.ownerId);
  const skillIds = rows === 'not_shared' ? [] : [...new Set(rows.assessments.map((row) => row.skill_id))];
  const skills = skillIds.map((id) => ({ id, name: localize(deps.catalog.byId.get(id)?.name ?? id, reader.locale) }));
  const view =
    rows === 'not_shared'
      ? buildAgreementNoticeModal(reader.locale, briefMessagesFor(reader.locale).notShared(`<@${args.ownerId}>`))
      : buildAgreementModal({ locale: reader.locale, ownerId: args.ownerId, readerIsOwner: args.readerId === args.ownerId, skills });
  await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view });
  return rows === 'not_shared' ? 'not_shared' : 'shown';
}


/**
 * **Change follow-up**: a modal with the date, opened at once (the trigger expires in 3 s), for the owner's own note
 * whose follow-up is still pending; otherwise a view saying it can no longer change.
 */
export async function openMoveFollowUpModal(deps: Deps, client: WebClient, args: { triggerId: string; teamId: string; userId: string; noteId: number }): Promise<'shown' | 'gone'> {
  const [note, reader] = await Promise.all([findMovableNote(deps.db, args.teamId, args.userId, args.noteId), readerFor(deps, client, args.teamId, args.userId)]);
  const view = note?.follow_up_on
    ? buildMoveFollowUpModal({ locale: reader.locale, noteId: note.id, skillName: localize(deps.catalog.byId.get(note.skill_id)?.name ?? note.skill_id, reader.locale), currentDate: note.follow_up_on })
    : buildMoveFollowUpDone(reader.locale, agreementMessagesFor(reader.locale).moveGone);
  await client.views.open({ trigger_id: args.triggerId, view });
  return note ? 'shown' : 'gone';
}

/** Moves (or, with null, drops) a pending follow-up and re-points the schedule; undefined when it can no longer move. */
export function moveAgreedFollowUp(deps: Deps, key: { teamId: string; ownerId: string; noteId: number; date: string | null }): Promise<{ followUpAt: Date | null } | undefined> {
  return moveFollowUp(deps.db, { teamId: key.teamId, ownerId: key.ownerId, noteId: key.noteId, followUpOn: key.date }, checkinTimeOn);
}
