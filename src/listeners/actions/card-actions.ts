import type { RespondArguments } from '@slack/bolt';
import type { Locale } from '../../config.js';
import { decodeCardRef } from '../../blocks/card-ref.js';
import type { PersonalMarks } from '../../blocks/compare-card.js';
import { buildNotice } from '../../blocks/help-and-list.js';
import { buildLevelCard, buildSkillOverview } from '../../blocks/skill-cards.js';
import type { Deps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';
import { loadPersonalMarks } from '../../services/personal-marks.js';
import { respondToClick } from './respond-to-click.js';

/**
 * Buttons and selects on cards. Each one: ack, parse the value (untrusted), look up the language, build, and make
 * one call. Navigation replaces the ephemeral card in place; sharing posts a new, visible copy.
 */
export type CardAction = 'open-level' | 'filter-role' | 'open-skill' | 'share';

export const handleCardAction = (deps: Deps, action: CardAction) =>
  respondToClick(deps, 'card action', { action }, async ({ teamId, userId, locale, clicked, onStale }) =>
    replyTo(deps, action, clicked, userId, locale, await marksFor(deps, action, clicked, teamId, userId), onStale),
  );

type Clicked = { value?: string | undefined; selected_option?: { value: string } | undefined };

const refOf = (action: CardAction, clicked: Clicked) => decodeCardRef(action === 'filter-role' ? clicked.selected_option?.value : clicked.value);

/** The person's levels on the card's skill, for the cards they open for themselves (never for a shared copy). */
async function marksFor(deps: Deps, action: CardAction, clicked: Clicked, teamId: string, userId: string): Promise<PersonalMarks | undefined> {
  const skillId = action === 'open-skill' ? clicked.value : action !== 'share' && refOf(action, clicked)?.skill;
  return skillId && deps.catalog.byId.has(skillId) ? loadPersonalMarks(deps, teamId, userId, skillId) : undefined;
}

/** What to send back for a click: a pure decision over the catalog. */
function replyTo(deps: Deps, action: CardAction, clicked: Clicked, userId: string, locale: Locale, marks: PersonalMarks | undefined, onStale: () => void): RespondArguments {
  const stale = (): RespondArguments => {
    onStale();
    return { replace_original: false, response_type: 'ephemeral', ...buildNotice(messagesFor(locale).staleButton) };
  };
  if (action === 'open-skill') {
    const skill = deps.catalog.byId.get(clicked.value ?? '');
    return skill ? { replace_original: true, ...buildSkillOverview({ skill, locale, marks }) } : stale();
  }
  const ref = refOf(action, clicked);
  const skill = ref && deps.catalog.byId.get(ref.skill);
  if (!ref || !skill || !skill.levels.some((level) => level.id === ref.level) || (ref.role && !skill.roles.some((role) => role.id === ref.role))) {
    return stale();
  }
  if (action === 'share') {
    // A new, visible message attributed to the sharer; the ephemeral card stays as it was.
    return { response_type: 'in_channel', replace_original: false, ...buildLevelCard({ skill, levelId: ref.level, roleId: ref.role, locale, sharedBy: userId }) };
  }
  return { replace_original: true, ...buildLevelCard({ skill, levelId: ref.level, roleId: ref.role, locale, marks }) };
}
