import type { BriefAssessment, BriefInput } from '../blocks/one-on-one-brief.js';
import type { AssessmentRow } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { localDateIn } from '../time/check-in-time.js';
import { loadBriefAssessments, type Reader } from './sharing-access.js';

/**
 * Loads what the 1:1 brief shows (docs/one-on-one-brief.md): the reader's own skills, or another person's shared
 * skills through the access check (sharing-access.ts). Skills in the order last assessed, newest first.
 */
export async function loadOneOnOneBrief(deps: Deps, teamId: string, readerId: string, ownerId: string, reader: Reader): Promise<BriefInput | 'not_shared'> {
  const rows = await loadBriefAssessments(deps, teamId, readerId, ownerId);
  if (rows === 'not_shared') return rows;
  const bySkill = new Map<string, AssessmentRow[]>();
  for (const row of rows) bySkill.set(row.skill_id, [...(bySkill.get(row.skill_id) ?? []), row]);
  const brief = (row: AssessmentRow): BriefAssessment => ({ ...row, assessedOn: localDateIn(reader.tz, row.created_at) });
  const skills = [...bySkill.values()]
    .map((list) => list.sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id - a.id))
    .sort((a, b) => b[0]!.created_at.getTime() - a[0]!.created_at.getTime() || a[0]!.skill_id.localeCompare(b[0]!.skill_id))
    .map((list) => ({ latest: brief(list[0]!), previous: list[1] ? brief(list[1]) : undefined }));
  return { ownerId, readerIsOwner: readerId === ownerId, today: localDateIn(reader.tz, deps.now()), skills };
}
