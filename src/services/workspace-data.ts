import type { Deps } from '../deps.js';
import { deleteTeamSettings } from '../db/repositories/user-settings.js';

/** Deletes everything stored for a workspace (app uninstalled or tokens revoked). */
export async function deleteWorkspaceData(deps: Deps, teamId: string): Promise<void> {
  const settings = await deleteTeamSettings(deps.db, teamId);
  deps.logger.info('workspace data deleted', { teamId, settings });
}
