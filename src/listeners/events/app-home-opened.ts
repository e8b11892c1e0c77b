import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { publishHome } from '../../services/my-skills.js';

/** Publishes App Home when its tab is opened (not the Messages tab). */
export const handleAppHomeOpened =
  (deps: Deps) =>
  async ({ event, body, client, logger, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    // Slack retries deliveries it thinks failed (X-Slack-Retry-Num); the first delivery already did the work.
    if (context.retryNum) return;
    try {
      await publishHome(deps, client, body.team_id, event.user);
    } catch (error) {
      logger.error('app home: publish failed', { teamId: body.team_id, userId: event.user }, error);
    }
  };
