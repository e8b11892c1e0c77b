import type { Deps } from '../deps.js';
import { deleteTeamData } from '../db/repositories/forget.js';

/** Deletes everything stored for a workspace (app uninstalled or tokens revoked). */
export async function deleteWorkspaceData(deps: Deps, teamId: string): Promise<void> {
  const counts = await deleteTeamData(deps.db, teamId);
  deps.logger.info('workspace data deleted', { teamId, ...counts });
}
