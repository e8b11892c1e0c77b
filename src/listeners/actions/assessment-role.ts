import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { buildAssessmentModal, draftFromState, parseMetadata } from '../../blocks/assessment-modal.js';
import type { Deps } from '../../deps.js';
import { getUserProfile } from '../../services/user-profile.js';
import { usableTimeZone } from '../../time/check-in-time.js';

const viewSchema = z.object({
  id: z.string(),
  hash: z.string(),
  private_metadata: z.string().max(3000).optional(),
  state: z.object({ values: z.unknown() }),
});
const bodySchema = z.object({ user: z.object({ id: z.string(), team_id: z.string().optional() }), team: z.object({ id: z.string() }).nullable().optional(), view: viewSchema });

/**
 * The role select in the modal changed: redraw the requirement texts for that role. Everything already chosen is
 * carried into the new view, and the hash makes Slack refuse the update if the view changed meanwhile.
 */
export const handleAssessmentRoleChange =
  (deps: Deps) =>
  async ({ ack, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    const parsed = bodySchema.safeParse(body);
    const skill = parsed.success ? deps.catalog.byId.get(parseMetadata(parsed.data.view.private_metadata)?.skill ?? '') : undefined;
    const teamId = parsed.success ? (parsed.data.user.team_id ?? parsed.data.team?.id) : undefined;
    if (!parsed.success || !skill || !teamId) {
      logger.warn('assessment role change: unexpected payload');
      return;
    }
    const { view, user } = parsed.data;
    try {
      const profile = await getUserProfile(deps, client, teamId, user.id);
      const draft = draftFromState(view.state.values, skill);
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: buildAssessmentModal({ skill, locale: profile.locale, draft, tz: usableTimeZone(profile.tz) }),
      });
    } catch (error) {
      logger.error('assessment role change: update failed', { teamId, userId: user.id, viewId: view.id }, error);
    }
  };
