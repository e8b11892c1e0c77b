import type { Deps } from '../deps.js';
import { deleteTeamData } from '../db/repositories/forget.js';

/**
 * Deletes everything stored for a workspace (app uninstalled or tokens revoked), its OAuth installation included;
 * `orgWideEnterpriseId` when the uninstall was of an org-wide install (docs/installations.md#uninstalling).
 */
export async function deleteWorkspaceData(deps: Deps, teamId: string, options: { orgWideEnterpriseId?: string } = {}): Promise<void> {
  const counts = await deleteTeamData(deps.db, teamId, options);
  deps.logger.info('workspace data deleted', { teamId, ...(options.orgWideEnterpriseId ? { enterpriseId: options.orgWideEnterpriseId } : {}), ...counts });
}
