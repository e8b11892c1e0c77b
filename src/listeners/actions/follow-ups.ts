import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { followUpMessagesFor } from '../../i18n/follow-up-messages.js';
import { formatCalendarDate } from '../../i18n/format.js';
import { messagesFor } from '../../i18n/messages.js';
import { recordCheckinAnswer } from '../../services/checkins.js';
import { markAgreementsDone } from '../../services/follow-ups.js';
import { publishHome } from '../../services/my-skills.js';
import { showBriefModal } from '../../services/one-on-one-brief.js';
import { getUserProfile } from '../../services/user-profile.js';
import { usableTimeZone } from '../../time/check-in-time.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';
import { onModalClick, type ActionArgs } from './modal-click.js';

/** The buttons of follow-up DMs (docs/follow-ups.md#done-moving-forgetting). */

const doneInputSchema = blockActionInputSchema.extend({
  response_url: z.url(),
  container: z.object({ channel_id: z.string().max(64), message_ts: z.string().max(64) }),
  message: z.object({ text: z.string().max(40_000).optional(), blocks: z.array(z.record(z.string(), z.unknown())).max(50) }),
});
const deliveryIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** **Done**: marks the agreed steps that DM carried and redraws its buttons as "Marked done on …". It is also an answer (back-off). */
export const handleFollowUpDone =
  (deps: Deps) =>
  async ({ ack, body, respond, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const input = doneInputSchema.safeParse(body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    const deliveryId = deliveryIdSchema.safeParse(input.data?.actions[0]?.value);
    if (!input.success || !teamId || !deliveryId.success) {
      logger.warn('follow-up done: unexpected payload');
      return;
    }
    const userId = input.data.user.id;
    const context = { teamId, userId, deliveryId: deliveryId.data };
    try {
      const profile = await getUserProfile(deps, client, teamId, userId);
      const doneOn = await markAgreementsDone(deps, { teamId, userId, deliveryId: deliveryId.data, tz: usableTimeZone(profile.tz) });
      if (!doneOn) {
        logger.warn('follow-up done: not this person\'s follow-up', context);
        await respond({ replace_original: false, response_type: 'ephemeral', text: messagesFor(profile.locale).staleButton });
        return;
      }
      const { channel_id: channel, message_ts: ts } = input.data.container;
      await recordCheckinAnswer(deps, { teamId, userId, channel, ts });
      // The rest of the message (a check-in due the same day) stays as it was; only the follow-up's buttons change.
      const done = { type: 'context', elements: [{ type: 'mrkdwn', text: followUpMessagesFor(profile.locale).doneAt(formatCalendarDate(doneOn, profile.locale)) }] };
      const blocks = input.data.message.blocks.map((block) => (hasDoneButton(block) ? done : block));
      await respond({ replace_original: true, text: input.data.message.text ?? '', blocks: blocks as never });
      await publishHome(deps, client, teamId, userId).catch((error: unknown) => logger.warn('follow-up done: App Home refresh failed', context, error));
      logger.info('follow-up marked done', context);
    } catch (error) {
      logger.error('follow-up done: failed', context, error);
    }
  };

function hasDoneButton(block: Record<string, unknown>): boolean {
  return block.type === 'actions' && Array.isArray(block.elements) && block.elements.some((e) => (e as { action_id?: unknown }).action_id === ACTION.followUpDone);
}

/** **Open brief** on a lead's follow-up DM: the brief, through the sharing access check. */
export const handleOpenBrief = (deps: Deps) =>
  onModalClick('open brief', async ({ teamId, userId: readerId, triggerId, value: ownerId }, { client, logger }) => {
    if (!ownerId || !/^[UW][A-Z0-9]{1,20}$/.test(ownerId)) {
      logger.warn('open brief: unexpected payload');
      return;
    }
    try {
      const outcome = await showBriefModal(deps, client, { how: 'open', triggerId, teamId, readerId, ownerId });
      logger.info('brief opened from a follow-up', { teamId, userId: readerId, ownerId, outcome });
    } catch (error) {
      logger.error('open brief: could not show the brief', { teamId, userId: readerId, ownerId }, error);
    }
  });
