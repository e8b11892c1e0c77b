import type { AllMiddlewareArgs, BlockAction, RespondArguments, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Locale } from '../../config.js';
import { buildCompareCard, isValidComparison } from '../../blocks/compare-card.js';
import { decodeCompareRef } from '../../blocks/compare-ref.js';
import { buildNotice } from '../../blocks/help-and-list.js';
import type { Deps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';
import { getUserProfile } from '../../services/user-profile.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/**
 * The comparison card's buttons and selects, and the level card's "Compare with…": ack, parse the value
 * (untrusted), look up the language, build, one call. Opening replaces the ephemeral card in place; sharing posts
 * a new, visible copy attributed to the sharer.
 */
export type CompareAction = 'open' | 'share';

export const handleCompareAction =
  (deps: Deps, action: CompareAction) =>
  async ({ ack, body, respond, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const input = blockActionInputSchema.safeParse(body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    if (!input.success || !teamId) {
      logger.warn('compare action: unexpected payload', { action });
      return;
    }
    const userId = input.data.user.id;
    const clicked = input.data.actions[0]!;
    const context = { teamId, userId, action, actionId: clicked.action_id };
    let locale = deps.config.defaultLocale;
    try {
      locale = (await getUserProfile(deps, client, teamId, userId)).locale;
      await respond(replyTo(deps, action, clicked.selected_option?.value ?? clicked.value, userId, locale, () => logger.warn('compare action: stale or forged value', context)));
    } catch (error) {
      logger.error('compare action failed', context, error);
      await respond({ replace_original: false, response_type: 'ephemeral', text: messagesFor(locale).somethingWentWrong }).catch((respondError: unknown) =>
        logger.error('compare action: could not tell the user about the failure', context, respondError),
      );
    }
  };

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
