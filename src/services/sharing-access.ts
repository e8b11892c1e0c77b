import type { SharedPicture } from '../blocks/shared-picture.js';
import type { Locale } from '../config.js';
import { listLastTwoAssessments, loadGrowthRecord } from '../db/repositories/assessments.js';
import { findShare, findShareBetween, listSharesReceived } from '../db/repositories/growth-shares.js';
import { listLatestNotes } from '../db/repositories/conversation-notes.js';
import type { AssessmentRow, ConversationNoteRow, GrowthShareRow } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { formatLocalDateTime } from '../i18n/format.js';
import { localDateIn } from '../time/check-in-time.js';
import { toSkillSummary } from './skill-summary.js';

/**
 * The one gate to another person's growth picture (docs/sharing.md#the-access-check). Every read of shared data —
 * the picture modal behind **Open**, the viewer's "Shared with me" in App Home — goes through
 * `loadSharedPictures` (or, for the 1:1 brief and its notes, `loadBriefAssessments` and `mayRecordNote` below, deciding with the same `checkShare`), which loads the share in the reader's workspace and refuses it unless it is theirs, not
 * revoked and not expired at `deps.now()`. Only then are the owner's rows read, and only for the shared skills.
 */

export type ShareRefusal = 'not_found' | 'revoked' | 'expired';

/** Whether a share lets this person in this workspace see the owner's picture now. */
export function checkShare(share: GrowthShareRow | undefined, teamId: string, viewerId: string, now: Date): ShareRefusal | 'holds' {
  if (!share || share.team_id !== teamId || share.viewer_id !== viewerId) return 'not_found';
  if (share.revoked_at) return 'revoked';
  if (share.expires_at && share.expires_at.getTime() <= now.getTime()) return 'expired';
  return 'holds';
}

export interface SharedPicturesResult {
  pictures: SharedPicture[];
  /** Shares found but no longer holding: the caller retires their DMs (services/share-notices.ts). */
  ended: { share: GrowthShareRow; reason: 'revoked' | 'expired' }[];
  /** True when a single share was asked for and it is not this person's in this workspace. */
  notFound: boolean;
}

/** What the reader sees dates and times in. */
export interface Reader {
  locale: Locale;
  tz: string;
}

const HISTORY_PER_SKILL = 8;

/**
 * The pictures a viewer may see: one share (`{ shareId }`, from **Open**) or every share they received (`'all'`,
 * for App Home). Refused shares never reach the owner's data.
 */
export async function loadSharedPictures(deps: Deps, teamId: string, viewerId: string, which: { shareId: number } | 'all', reader: Reader): Promise<SharedPicturesResult> {
  const shares = which === 'all' ? await listSharesReceived(deps.db, teamId, viewerId) : [await findShare(deps.db, teamId, which.shareId)];
  const now = deps.now();
  const result: SharedPicturesResult = { pictures: [], ended: [], notFound: false };
  const holding: GrowthShareRow[] = [];
  for (const share of shares) {
    const decision = checkShare(share, teamId, viewerId, now);
    if (decision === 'holds') holding.push(share!);
    else if (decision === 'not_found') result.notFound = true;
    else result.ended.push({ share: share!, reason: decision });
  }
  result.pictures = await Promise.all(holding.map((share) => loadPicture(deps, share, reader)));
  return result;
}

async function loadPicture(deps: Deps, share: GrowthShareRow, reader: Reader): Promise<SharedPicture> {
  const { latest, history, schedule } = await loadGrowthRecord(deps.db, share.team_id, share.owner_id, HISTORY_PER_SKILL);
  const shared = (skillId: string) => share.skill_ids === null || share.skill_ids.includes(skillId);
  const skills = latest
    .filter((row) => shared(row.skill_id))
    .map((row) => ({
      summary: toSkillSummary(
        row,
        history.filter((h) => h.skill_id === row.skill_id).map((h) => ({ date: localDateIn(reader.tz, h.created_at), level: h.current_level })),
        reader.tz,
      ),
      ratings: row.ratings,
    }));
  const checkinOn = schedule && schedule.cadence !== 'off' && !schedule.paused && !schedule.stopped_reason && schedule.next_run_at;
  return {
    shareId: share.id,
    ownerId: share.owner_id,
    skillIds: share.skill_ids,
    expiresOn: share.expires_at ? localDateIn(reader.tz, share.expires_at) : null,
    skills,
    nextCheckin: checkinOn ? formatLocalDateTime(schedule.next_run_at!, reader.tz, reader.locale) : null,
  };
}

/** What the brief reads of an owner: the last two assessments of each skill, and the latest note of each. */
export interface BriefRows {
  assessments: AssessmentRow[];
  /** The newest conversation note per skill (docs/one-on-one-brief.md#agreed-next-steps), newest first. */
  notes: ConversationNoteRow[];
}

/**
 * What a person may read of `ownerId` for the 1:1 brief and for recording what was agreed: all of their own, or —
 * only while a share from the owner to this reader holds — the shared skills'. 'not_shared' when no share holds.
 */
export async function loadBriefAssessments(deps: Deps, teamId: string, readerId: string, ownerId: string): Promise<BriefRows | 'not_shared'> {
  const shared = await sharedSkillsOf(deps, teamId, readerId, ownerId);
  if (shared === 'not_shared') return shared;
  const [assessments, notes] = await Promise.all([listLastTwoAssessments(deps.db, teamId, ownerId), listLatestNotes(deps.db, teamId, ownerId)]);
  return { assessments: assessments.filter((row) => shared(row.skill_id)), notes: notes.filter((row) => shared(row.skill_id)) };
}

/**
 * Whether `authorId` may record a conversation note of `ownerId` on `skillId` now: the owner always; anyone else
 * only while a share holds that covers the skill. Asked again at submission, since a share can end while the modal
 * is open.
 */
export async function mayRecordNote(deps: Deps, teamId: string, authorId: string, ownerId: string, skillId: string): Promise<boolean> {
  const shared = await sharedSkillsOf(deps, teamId, authorId, ownerId);
  return shared !== 'not_shared' && shared(skillId);
}

/** Which of the owner's skills this reader may see now, as a test; 'not_shared' when no share of theirs holds. */
async function sharedSkillsOf(deps: Deps, teamId: string, readerId: string, ownerId: string): Promise<((skillId: string) => boolean) | 'not_shared'> {
  if (readerId === ownerId) return () => true;
  // Owner and viewer are unique together: at most one share to look at.
  const share = await findShareBetween(deps.db, teamId, ownerId, readerId);
  if (!share || checkShare(share, teamId, readerId, deps.now()) !== 'holds') return 'not_shared';
  return (skillId) => share.skill_ids === null || share.skill_ids.includes(skillId);
}

/**
 * Which of `skillIds` a share from `ownerId` lets `readerId` see right now: the lead's follow-up DM goes only for
 * those (docs/follow-ups.md#the-leads-dm). Empty when no share holds.
 */
export async function skillsStillShared(deps: Deps, teamId: string, readerId: string, ownerId: string, skillIds: readonly string[]): Promise<string[]> {
  const shared = await sharedSkillsOf(deps, teamId, readerId, ownerId);
  return shared === 'not_shared' ? [] : skillIds.filter(shared);
}
