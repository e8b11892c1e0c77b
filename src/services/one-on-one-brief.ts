import type { WebClient } from '@slack/web-api';
import { buildBriefNoticeModal, buildOneOnOneBriefModal, type BriefAssessment, type BriefInput, type BriefSkill } from '../blocks/one-on-one-brief.js';
import { briefMessagesFor } from '../i18n/brief-messages.js';
import type { AssessmentRow, ConversationNoteRow } from '../db/schema.js';
import { toAgreedNote } from './agreements.js';
import type { Deps } from '../deps.js';
import { localDateIn } from '../time/check-in-time.js';
import { loadBriefAssessments, type Reader } from './sharing-access.js';
import { readerFor } from './sharing.js';

/**
 * Loads what the 1:1 brief shows (docs/one-on-one-brief.md): the reader's own skills, or another person's shared
 * skills through the access check (sharing-access.ts). Skills in the order last assessed, newest first.
 */
export async function loadOneOnOneBrief(deps: Deps, teamId: string, readerId: string, ownerId: string, reader: Reader): Promise<BriefInput | 'not_shared'> {
  const rows = await loadBriefAssessments(deps, teamId, readerId, ownerId);
  if (rows === 'not_shared') return rows;
  const now = deps.now();
  const bySkill = new Map<string, AssessmentRow[]>();
  for (const row of rows.assessments) bySkill.set(row.skill_id, [...(bySkill.get(row.skill_id) ?? []), row]);
  const notes = new Map(rows.notes.map((note) => [note.skill_id, note]));
  const skills = [...bySkill.values()]
    .map((list) => list.sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id - a.id))
    .sort((a, b) => b[0]!.created_at.getTime() - a[0]!.created_at.getTime() || a[0]!.skill_id.localeCompare(b[0]!.skill_id))
    .map(([latest, previous]) => briefSkill(latest!, previous, notes.get(latest!.skill_id), readerId, reader.tz, now));
  return { ownerId, readerIsOwner: readerId === ownerId, today: localDateIn(reader.tz, now), skills };
}

/**
 * One skill of the brief. "What changed" compares with the previous assessment or the last recorded conversation,
 * whichever is more recent: after a conversation, with the assessment in force when it was recorded (issue #15).
 */
function briefSkill(latest: AssessmentRow, previous: AssessmentRow | undefined, note: ConversationNoteRow | undefined, readerId: string, tz: string, now: Date): BriefSkill {
  const brief = (row: AssessmentRow): BriefAssessment => ({ ...row, assessedOn: localDateIn(tz, row.created_at) });
  const agreed = note ? toAgreedNote(note, readerId, tz, now) : undefined;
  const at = (row: AssessmentRow) => row.created_at.getTime();
  const noteAt = note?.created_at.getTime();
  const conversationIsNewer = noteAt !== undefined && (previous ? noteAt >= at(previous) : noteAt >= at(latest));
  if (!note || !conversationIsNewer) return { latest: brief(latest), previous: previous ? brief(previous) : undefined, note: agreed };
  const inForce = noteAt >= at(latest) ? latest : previous!;
  return { latest: brief(latest), previous: brief(inForce), since: localDateIn(tz, note.created_at), note: agreed };
}

/**
 * **Prepare 1:1** on a shared picture (pushed over it) or **Open brief** on a lead's follow-up DM (opened): a
 * "preparing" view at once (the trigger expires in 3 s), then the brief — or, if the share ended meanwhile, that it is
 * no longer shared.
 */
export async function showBriefModal(
  deps: Deps,
  client: WebClient,
  args: { how: 'push' | 'open'; triggerId: string; teamId: string; readerId: string; ownerId: string },
): Promise<'shown' | 'not_shared'> {
  const loading = { trigger_id: args.triggerId, view: buildBriefNoticeModal(deps.config.defaultLocale, briefMessagesFor(deps.config.defaultLocale).loading) };
  const pushed = args.how === 'push' ? await client.views.push(loading) : await client.views.open(loading);
  const reader = await readerFor(deps, client, args.teamId, args.readerId);
  const brief = await loadOneOnOneBrief(deps, args.teamId, args.readerId, args.ownerId, reader);
  const view = brief === 'not_shared' ? buildBriefNoticeModal(reader.locale, briefMessagesFor(reader.locale).notShared(`<@${args.ownerId}>`)) : buildOneOnOneBriefModal(brief, deps.catalog, reader.locale);
  await client.views.update({ view_id: pushed.view!.id!, hash: pushed.view!.hash!, view });
  return brief === 'not_shared' ? 'not_shared' : 'shown';
}
