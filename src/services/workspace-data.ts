import type { Deps } from '../deps.js';
import { deleteTeamData } from '../db/repositories/forget.js';
import { listOrgWorkspaces } from '../db/repositories/installations.js';

/**
 * Deletes everything stored for a workspace (app uninstalled or tokens revoked), its OAuth installation included;
 * `orgWideEnterpriseId` when the uninstall was of an org-wide install (docs/installations.md#uninstalling).
 */
export async function deleteWorkspaceData(deps: Deps, teamId: string, options: { orgWideEnterpriseId?: string } = {}): Promise<void> {
  // An org-wide uninstall removes the app from every workspace of the organisation we have seen.
  const teams = options.orgWideEnterpriseId ? [...new Set([teamId, ...(await listOrgWorkspaces(deps.db, options.orgWideEnterpriseId))])] : [teamId];
  for (const team of teams) {
    const counts = await deleteTeamData(deps.db, team, options);
    deps.logger.info('workspace data deleted', { teamId: team, ...(options.orgWideEnterpriseId ? { enterpriseId: options.orgWideEnterpriseId } : {}), ...counts });
  }
}
