import { buildLadderChangeDm } from '../blocks/ladder-change-dm.js';
import { claimLadderNotice, findStaleAssessments, markLadderNotice } from '../db/repositories/ladder-change-notices.js';
import { settleWithin } from '../deadline.js';
import type { Deps } from '../deps.js';
import { catalogFingerprints, ladderChanges } from './requirement-versions.js';
import type { SlackClients } from './slack-clients.js';
import { getUserProfile } from './user-profile.js';

/**
 * The scheduler's part of "the ladder changed" (docs/ladder-changes.md): a bounded batch per pass of latest
 * assessments whose requirements changed since, each claimed once (an insert only one replica wins) and then
 * told by DM. At most once: a notice claimed but not confirmed sent (a crash, a timeout) is marked `failed` or
 * stays `sending`, and is never sent again; a duplicate DM would be worse than a missing one, since `/skill me`
 * and App Home show the mark anyway (docs/ladder-changes.md#exactly-once).
 */

const SLACK_CALL_MS = 5000;

export interface LadderNoticeCounts {
  sent: number;
  failed: number;
  /** Ladder changes that needed no DM (only levels added). */
  nothing: number;
}

export async function sendLadderChangeNotices(deps: Deps, clients: SlackClients, now: Date, batch = 20): Promise<LadderNoticeCounts> {
  const counts: LadderNoticeCounts = { sent: 0, failed: 0, nothing: 0 };
  const rows = await findStaleAssessments(deps.db, catalogFingerprints(deps.catalog), batch);
  for (const row of rows) {
    const skill = deps.catalog.byId.get(row.skill_id);
    const changes = ladderChanges(row.requirement_versions ?? {}, skill, row.role_id);
    const key = { teamId: row.team_id, assessmentId: row.id, catalogFingerprint: row.catalog_fingerprint };
    const status = changes.length > 0 && skill ? 'sending' : 'nothing';
    if (!(await claimLadderNotice(deps.db, { ...key, userId: row.user_id, skillId: row.skill_id, status, now }))) continue;
    if (status === 'nothing' || !skill) {
      counts.nothing += 1;
      continue;
    }
    const log = { teamId: row.team_id, userId: row.user_id, skillId: row.skill_id, assessmentId: row.id };
    try {
      const client = await clients.clientFor(row.team_id);
      const { locale } = await getUserProfile(deps, client, row.team_id, row.user_id);
      const role = skill.roles.find((r) => r.id === row.role_id)!;
      const message = buildLadderChangeDm({ locale, skillId: skill.id, skillName: skill.name, roleName: role.name, changes });
      const outcome = await settleWithin(client.chat.postMessage({ channel: row.user_id, ...message }), SLACK_CALL_MS);
      if (outcome.kind === 'done') {
        await markLadderNotice(deps.db, { ...key, status: 'sent', channel: outcome.value.channel ?? null, ts: outcome.value.ts ?? null, now });
        counts.sent += 1;
        deps.logger.info('ladder change: notice sent', log);
        continue;
      }
      if (outcome.kind === 'late') outcome.pending.catch(() => undefined);
      const code = (outcome.kind === 'failed' ? (outcome.error as { data?: { error?: string } }).data?.error : undefined) ?? outcome.kind;
      await markLadderNotice(deps.db, { ...key, status: 'failed', error: String(code).slice(0, 200), now });
      counts.failed += 1;
      deps.logger.warn('ladder change: notice not sent (it is not retried; /skill me and App Home show the mark)', { ...log, error: code });
    } catch (error) {
      counts.failed += 1;
      deps.logger.error('ladder change: notice failed after its claim (it is not retried)', log, error);
      await markLadderNotice(deps.db, { ...key, status: 'failed', error: 'error', now }).catch(() => undefined);
    }
  }
  return counts;
}
