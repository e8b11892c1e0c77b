import { buildLadderChangeDm } from '../blocks/ladder-change-dm.js';
import type { ClaimedDelivery } from '../db/repositories/checkin-deliveries.js';
import { findQueuedNotice, findStaleAssessments, queueLadderNotice } from '../db/repositories/ladder-change-notices.js';
import type { Deps } from '../deps.js';
import type { DeliveryMessage } from './follow-ups.js';
import { catalogFingerprints, ladderChanges } from './requirement-versions.js';
import type { WebClient } from '@slack/web-api';
import { getUserProfile } from './user-profile.js';

/**
 * The scheduler's part of "the ladder changed" (docs/ladder-changes.md): a bounded batch per pass of latest
 * assessments whose requirements changed since, each claimed once (an insert only one replica wins) and, in the same
 * transaction, queued in the check-in outbox, which sends it exactly once with its lease, DM-history reconciliation
 * and retries (docs/ladder-changes.md#exactly-once).
 */

export interface LadderNoticeCounts {
  queued: number;
  /** Ladder changes that needed no DM (only levels added). */
  nothing: number;
}

export async function queueLadderChangeNotices(deps: Deps, now: Date, batch = 20): Promise<LadderNoticeCounts> {
  const counts: LadderNoticeCounts = { queued: 0, nothing: 0 };
  const rows = await findStaleAssessments(deps.db, catalogFingerprints(deps.catalog), batch);
  for (const row of rows) {
    const skill = deps.catalog.byId.get(row.skill_id);
    const changes = ladderChanges(row.requirement_versions ?? {}, skill, row.role_id);
    const status = changes.length > 0 && skill ? 'queued' : 'nothing';
    const won = await queueLadderNotice(deps.db, { teamId: row.team_id, userId: row.user_id, skillId: row.skill_id, assessmentId: row.id, catalogFingerprint: row.catalog_fingerprint, status, now });
    if (won) counts[status] += 1;
  }
  return counts;
}

/**
 * The DM of a queued notice, built when it is sent from the assessment it is about and the catalog now. Cancelled
 * when there is nothing left to tell: the assessment was forgotten, or the catalog changed back.
 */
export async function ladderNoticeMessage(deps: Deps, client: WebClient, row: ClaimedDelivery): Promise<DeliveryMessage> {
  const notice = row.notice_id === null ? undefined : await findQueuedNotice(deps.db, row.team_id, row.notice_id);
  const assessment = notice?.assessment;
  if (!assessment) return { cancel: 'the assessment it was about is gone' };
  const skill = deps.catalog.byId.get(assessment.skill_id);
  const role = skill?.roles.find((r) => r.id === assessment.role_id);
  const changes = ladderChanges(assessment.requirement_versions ?? {}, skill, assessment.role_id);
  if (!skill || !role || changes.length === 0) return { cancel: 'the ladder no longer differs from what was assessed' };
  // Rare enough to ask Slack for the person's language when it is not cached (check-ins use the cache only).
  const { locale } = await getUserProfile(deps, client, row.team_id, row.user_id);
  return { post: buildLadderChangeDm({ locale, skillId: skill.id, skillName: skill.name, roleName: role.name, changes }) };
}
