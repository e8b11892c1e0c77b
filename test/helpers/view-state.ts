import { FIELD } from '../../src/blocks/assessment-modal.js';
import type { Skill } from '../../src/catalog/schema.js';
import type { Rating } from '../../src/db/schema.js';
import { ACTION } from '../../src/ids.js';

/** Builds `view.state.values` the way Slack sends it for the assessment modal. `null` leaves a field empty. */
export interface Fill {
  role?: string | null;
  ratings?: Partial<Record<string, Rating | null>>;
  current?: string | null;
  target?: string | null;
  targetDate?: string | null;
  goals?: string | null;
  cadence?: string | null;
  weekday?: number | null;
  time?: string | null;
}

export function fillAssessment(skill: Skill, fill: Fill = {}): Record<string, Record<string, unknown>> {
  const defaults: Record<string, Rating> = { junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' };
  const select = (value: string | null | undefined) => ({ type: 'static_select', selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null });
  const values: Record<string, Record<string, unknown>> = {
    [FIELD.role]: { [ACTION.assessmentRole]: select(fill.role === undefined ? 'go' : fill.role) },
    [FIELD.current]: { value: select(fill.current === undefined ? 'middle' : fill.current) },
    [FIELD.target]: { value: select(fill.target === undefined ? 'senior' : fill.target) },
    [FIELD.targetDate]: { value: { type: 'datepicker', selected_date: fill.targetDate ?? null } },
    [FIELD.goals]: { value: { type: 'plain_text_input', value: fill.goals ?? null } },
    [FIELD.cadence]: { value: select(fill.cadence === undefined ? 'weekly' : fill.cadence) },
    [FIELD.weekday]: { value: select(fill.weekday === undefined ? '1' : fill.weekday === null ? null : String(fill.weekday)) },
    [FIELD.time]: { value: { type: 'timepicker', selected_time: fill.time === undefined ? '10:00' : fill.time } },
  };
  for (const level of skill.levels) {
    const rating = fill.ratings && level.id in fill.ratings ? fill.ratings[level.id] : (defaults[level.id] ?? 'partly');
    values[`${FIELD.ratingPrefix}${level.id}`] = { value: { type: 'radio_buttons', selected_option: rating ? { value: rating } : null } };
  }
  return values;
}
