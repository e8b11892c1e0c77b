import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHomeView } from '../../blocks/home.js';
import type { Deps } from '../../deps.js';
import { getUserProfile } from '../../services/user-profile.js';

/** Publishes App Home when its tab is opened (not the Messages tab). */
export const handleAppHomeOpened =
  (deps: Deps) =>
  async ({ event, body, client, logger, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    // Slack retries deliveries it thinks failed; the first one already published the view.
    if (context.retryNum) return;
    const teamId = body.team_id;
    try {
      const { locale } = await getUserProfile(deps, client, teamId, event.user);
      await client.views.publish({ user_id: event.user, view: buildHomeView(deps.catalog, locale) });
    } catch (error) {
      logger.error('app home: publish failed', { teamId, userId: event.user }, error);
    }
  };
