import type { SectionBlock } from '@slack/types';
import type { Locale } from '../config.js';
import { skillsByName } from '../catalog/query.js';
import type { Skill } from '../catalog/schema.js';
import { localize } from '../i18n/format.js';
import { button, clip, escapeEntities, section, textLength } from './elements.js';

/** What the row's button does: its action id and label; the value is the skill id. */
export interface SkillRowAction {
  actionId: string;
  text: string;
}

/** One skill as a row: its name, the start of its summary, and one button (Open, Assess). */
export function skillRow(skill: Skill, locale: Locale, action: SkillRowAction): SectionBlock {
  return section(`*${escapeEntities(localize(skill.name, locale))}*\n${escapeEntities(clip(localize(skill.summary, locale), 200))}`, {
    accessory: button({ actionId: action.actionId, text: action.text, value: skill.id }),
  });
}

/**
 * A row per skill, sorted by name in the person's language, as many as fit in `maxBlocks` blocks and (for
 * messages) `textBudget` characters; `hidden` counts the rest, for an "…and N more" line.
 */
export function skillRows(
  skills: readonly Skill[],
  locale: Locale,
  action: SkillRowAction,
  fit: { maxBlocks: number; textBudget?: number },
): { blocks: SectionBlock[]; hidden: number } {
  const blocks: SectionBlock[] = [];
  let budget = fit.textBudget ?? Number.POSITIVE_INFINITY;
  for (const skill of skillsByName(skills, locale)) {
    if (blocks.length >= fit.maxBlocks) break;
    const row = skillRow(skill, locale, action);
    budget -= textLength([row]);
    if (budget < 0) break;
    blocks.push(row);
  }
  return { blocks, hidden: skills.length - blocks.length };
}
