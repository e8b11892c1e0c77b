import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { assessmentMessagesFor } from '../../i18n/assessment-messages.js';
import { exportMyData } from '../../services/export-my-data.js';
import { getUserProfile } from '../../services/user-profile.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';

/** "Export my data" in App Home: the files arrive in the DM, as with `/skill export` (docs/check-in-delivery.md#export). */
export const handleExportData =
  (deps: Deps) =>
  async ({ ack, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    const input = blockActionInputSchema.safeParse(body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    if (!input.success || !teamId) {
      logger.warn('export: unexpected payload');
      return;
    }
    const userId = input.data.user.id;
    const { locale } = await getUserProfile(deps, client, teamId, userId);
    try {
      await exportMyData(deps, client, { teamId, userId, locale });
    } catch (error) {
      logger.error('export failed', { teamId, userId }, error);
      // App Home has nowhere to answer in place: say it in the DM.
      await client.chat
        .postMessage({ channel: userId, text: assessmentMessagesFor(locale).exportFailed })
        .catch((postError: unknown) => logger.error('export: could not tell the user about the failure', { teamId, userId }, postError));
    }
  };
