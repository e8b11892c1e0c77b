import type { SkillSummary } from '../blocks/my-skills.js';
import type { AssessmentRow } from '../db/schema.js';
import { localDateIn } from '../time/check-in-time.js';

/** An assessment row as the builders show it, dates in the reader's zone: for one's own picture and a shared one. */
export function toSkillSummary(row: AssessmentRow, history: { date: string; level: string }[], tz: string): SkillSummary {
  return {
    skillId: row.skill_id,
    roleId: row.role_id,
    currentLevel: row.current_level,
    targetLevel: row.target_level,
    ratings: row.ratings,
    targetDate: row.target_date,
    goals: row.goals,
    assessedOn: localDateIn(tz, row.created_at),
    history,
  };
}
