import { z } from 'zod';
import { decodeCardRef } from '../../blocks/card-ref.js';
import type { Deps } from '../../deps.js';
import { assessmentMessagesFor } from '../../i18n/assessment-messages.js';
import { openAssessmentModal } from '../../services/assessment-modal.js';
import { recordCheckinAnswer } from '../../services/checkins.js';
import { onModalClick } from './modal-click.js';

const containerSchema = z.object({
  container: z.object({ type: z.string(), channel_id: z.string().max(64), message_ts: z.string().max(32) }),
});

/**
 * "Assess myself" / "Update assessment" / "Edit assessment", from a card, App Home, `/skill me` or a DM.
 * The value is a skill id, or a card reference whose role becomes the default role.
 */
export const handleAssessOpen = (deps: Deps) =>
  onModalClick('assess', async ({ teamId, userId, triggerId, value = '' }, { body, client, respond, logger }) => {
    const ref = decodeCardRef(value);
    const skillId = ref?.skill ?? value;
    if (!deps.catalog.byId.has(skillId)) {
      await respond({ replace_original: false, response_type: 'ephemeral', text: assessmentMessagesFor(deps.config.defaultLocale).unknownSkillForAssess }).catch(() => undefined);
      return;
    }
    try {
      await openAssessmentModal(deps, client, { triggerId, teamId, userId, skillId, roleHint: ref?.role });
    } catch (error) {
      logger.error('assess: could not open the modal', { teamId, userId, skillId }, error);
    }
    // After the modal (its trigger id expires in 3 s): pressed on a check-in, this is an answer (docs/time-zones.md#back-off).
    const container = containerSchema.safeParse(body);
    if (container.success && container.data.container.type === 'message') {
      const { channel_id: channel, message_ts: ts } = container.data.container;
      await recordCheckinAnswer(deps, { teamId, userId, channel, ts }).catch((error: unknown) => logger.error('assess: could not record the check-in answer', { teamId, userId }, error));
    }
  });
