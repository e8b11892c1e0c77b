import type { SharedPicture } from '../blocks/shared-picture.js';
import type { Locale } from '../config.js';
import { listLastTwoAssessments, loadGrowthRecord } from '../db/repositories/assessments.js';
import { findShare, listSharesReceived } from '../db/repositories/growth-shares.js';
import type { AssessmentRow, GrowthShareRow } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { formatLocalDateTime } from '../i18n/format.js';
import { localDateIn } from '../time/check-in-time.js';
import { toSkillSummary } from './skill-summary.js';

/**
 * The one gate to another person's growth picture (docs/sharing.md#the-access-check). Every read of shared data —
 * the picture modal behind **Open**, the viewer's "Shared with me" in App Home — goes through
 * `loadSharedPictures` (or, for the 1:1 brief, `loadBriefAssessments` below, deciding with the same `checkShare`), which loads the share in the reader's workspace and refuses it unless it is theirs, not
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

/**
 * The last two assessments of each skill a person may see of `ownerId`, for the 1:1 brief: all of their own, or —
 * only while a share from the owner to this reader holds — the shared skills'. 'not_shared' when no share holds.
 */
export async function loadBriefAssessments(deps: Deps, teamId: string, readerId: string, ownerId: string): Promise<AssessmentRow[] | 'not_shared'> {
  if (readerId === ownerId) return listLastTwoAssessments(deps.db, teamId, ownerId);
  const now = deps.now();
  const share = (await listSharesReceived(deps.db, teamId, readerId)).find((s) => s.owner_id === ownerId && checkShare(s, teamId, readerId, now) === 'holds');
  if (!share) return 'not_shared';
  const rows = await listLastTwoAssessments(deps.db, teamId, ownerId);
  return rows.filter((row) => share.skill_ids === null || share.skill_ids.includes(row.skill_id));
}
