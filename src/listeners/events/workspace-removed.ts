import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { deleteWorkspaceData } from '../../services/workspace-data.js';

/** `app_uninstalled` and `tokens_revoked`: the workspace no longer wants us, so its data goes. */
export const handleWorkspaceRemoved =
  (deps: Deps) =>
  async ({ body, event, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'>): Promise<void> => {
    if (event.type === 'tokens_revoked' && (event.tokens.bot ?? []).length === 0) return; // only user tokens revoked
    // An org-wide install says so in the event's authorization (Bolt skips authorize for these two events).
    const authorization = (body as { authorizations?: { enterprise_id?: string | null; is_enterprise_install?: boolean }[] }).authorizations?.[0];
    const orgWideEnterpriseId = authorization?.is_enterprise_install && authorization.enterprise_id ? authorization.enterprise_id : undefined;
    try {
      await deleteWorkspaceData(deps, body.team_id, orgWideEnterpriseId ? { orgWideEnterpriseId } : {});
    } catch (error) {
      // Bolt has already acknowledged the event, so Slack will not retry: the log is the alarm.
      logger.error('could not delete workspace data', { teamId: body.team_id, event: event.type }, error);
    }
  };
