import type { RespondArguments } from '@slack/bolt';
import type { Locale } from '../../config.js';
import { buildCompareCard, isValidComparison } from '../../blocks/compare-card.js';
import { decodeCompareRef } from '../../blocks/compare-ref.js';
import { buildNotice } from '../../blocks/help-and-list.js';
import type { Deps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';
import { respondToClick } from './respond-to-click.js';

/**
 * The comparison card's buttons and selects, and the level card's "Compare with…": ack, parse the value
 * (untrusted), look up the language, build, one call. Opening replaces the ephemeral card in place; sharing posts
 * a new, visible copy attributed to the sharer.
 */
export type CompareAction = 'open' | 'share';

export const handleCompareAction = (deps: Deps, action: CompareAction) =>
  respondToClick(deps, 'compare action', { action }, ({ userId, locale, clicked, onStale }) =>
    replyTo(deps, action, clicked.selected_option?.value ?? clicked.value, userId, locale, onStale),
  );

/** What to send back for a click: a pure decision over the catalog. */
function replyTo(deps: Deps, action: CompareAction, value: string | undefined, userId: string, locale: Locale, onStale: () => void): RespondArguments {
  const ref = decodeCompareRef(value);
  const skill = ref && deps.catalog.byId.get(ref.skill);
  if (!ref || !skill || !isValidComparison(skill, ref)) {
    onStale();
    return { replace_original: false, response_type: 'ephemeral', ...buildNotice(messagesFor(locale).staleButton) };
  }
  if (action === 'share') return { response_type: 'in_channel', replace_original: false, ...buildCompareCard({ skill, ref, locale, sharedBy: userId }) };
  return { replace_original: true, ...buildCompareCard({ skill, ref, locale }) };
}
