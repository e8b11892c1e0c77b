import type { Locale } from '../config.js';
import type { Catalog } from '../catalog/query.js';
import type { SkillIntent } from '../command/parse-skill-command.js';
import { messagesFor } from '../i18n/messages.js';
import { clip, escapeMrkdwn, type SlackMessage } from './elements.js';
import { buildAssessPicker, buildCatalogList, buildHelp, buildUnknownLevel, buildUnknownRole, buildUnknownSkill } from './help-and-list.js';
import { buildCompareCard, type PersonalMarks } from './compare-card.js';
import { buildLevelCard, buildSkillOverview } from './skill-cards.js';

/** The verbs whose answer depends on stored data (or opens a modal), not only on the catalog. */
type PersonalKind = 'me' | 'forget' | 'export' | 'pause' | 'resume' | 'share' | 'sharing' | 'prep';
const PERSONAL_KINDS: ReadonlySet<SkillIntent['kind']> = new Set<PersonalKind>(['me', 'forget', 'export', 'pause', 'resume', 'share', 'sharing', 'prep']);
/** Intents answered from the catalog alone. */
export type CatalogIntent = Exclude<SkillIntent, { kind: PersonalKind }>;

/** Whether the catalog alone answers this intent (no stored data about the person). */
export function isCatalogIntent(intent: SkillIntent): intent is CatalogIntent {
  return !PERSONAL_KINDS.has(intent.kind);
}

/** The reply to a `/skill` intent that only needs the catalog (and, for an overview or a level card, the person's marks if known). */
export function buildCommandReply(intent: CatalogIntent, catalog: Catalog, locale: Locale, marks?: PersonalMarks): SlackMessage {
  const t = messagesFor(locale);
  const note = (ignored: string[]) => (ignored.length > 0 ? t.ignoredWords(escapeMrkdwn(clip(ignored.join(' '), 60))) : undefined);
  switch (intent.kind) {
    case 'help':
      return buildHelp(catalog, locale);
    case 'missing-skill':
      return buildAssessPicker(catalog, locale);
    case 'list':
      return buildCatalogList(catalog, locale);
    case 'overview':
      return buildSkillOverview({ skill: intent.skill, locale, note: note(intent.ignored), marks });
    case 'card':
      return buildLevelCard({ skill: intent.skill, levelId: intent.level.id, roleId: intent.role?.id, locale, note: note(intent.ignored), marks });
    case 'compare-levels': {
      const place = (level: typeof intent.from) => intent.skill.levels.indexOf(level) + 1;
      const ref = { kind: 'levels', skill: intent.skill.id, from: place(intent.from), to: place(intent.to), role: intent.role?.id } as const;
      return buildCompareCard({ skill: intent.skill, ref, locale, note: note(intent.ignored) });
    }
    case 'compare-roles': {
      const ref = { kind: 'roles', skill: intent.skill.id, level: intent.skill.levels.indexOf(intent.level) + 1, roles: [intent.roles[0].id, intent.roles[1].id] } as const;
      return buildCompareCard({ skill: intent.skill, ref: { ...ref, roles: [...ref.roles] }, locale, note: note(intent.ignored) });
    }
    case 'unknown-skill':
      return buildUnknownSkill(intent.word, intent.suggestions, catalog, locale);
    case 'unknown-level':
      return buildUnknownLevel(intent.word, intent.skill, intent.suggestions, locale);
    case 'unknown-role':
      return buildUnknownRole(intent.word, intent.skill, intent.level, intent.suggestions, locale);
    case 'assess':
      // Without a trigger_id the modal cannot open; the overview's "Assess myself" button can.
      return buildSkillOverview({ skill: intent.skill, locale });
  }
}
