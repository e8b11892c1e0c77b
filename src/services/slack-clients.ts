import { WebClient, type WebClientOptions } from '@slack/web-api';

/**
 * The Web API client for a workspace, for code that calls Slack outside a Bolt request (the scheduler's check-ins and
 * the notices it sends in the same pass). Single-workspace mode: the one client, whatever the team. OAuth mode
 * (docs/installations.md#which-token-each-call-uses): the workspace's installation, through the installation
 * provider's authorize (which refreshes a rotating token before it expires), its client kept for a minute so a pass
 * over many people of one workspace reads the store once. An uninstall deletes the workspace's rows with its
 * installation, so a client cached a moment longer has nothing left to send.
 */

export interface SlackClients {
  clientFor(teamId: string): Promise<WebClient>;
  /** True when each workspace has its own token: a refused token stops that workspace, not the whole pass. */
  readonly perWorkspace: boolean;
}

export function singleWorkspaceClients(client: WebClient): SlackClients {
  return { clientFor: async () => client, perWorkspace: false };
}

/** The scheduler accepts either a client (single workspace, and the tests that build one) or per-workspace clients. */
export function asSlackClients(clients: WebClient | SlackClients): SlackClients {
  return clients instanceof WebClient ? singleWorkspaceClients(clients) : clients;
}

/** The part of Bolt's installation provider this needs: a bot token for a team, or for an organisation's org-wide install. */
export type AuthorizeTeam = (source: { teamId: string; enterpriseId: string | undefined; isEnterpriseInstall: boolean }) => Promise<{ botToken?: string }>;

/** A minute: long enough to serve a whole pass from one read, short enough that a reinstall is picked up soon. */
export const CLIENT_CACHE_MS = 60_000;

export function installationClients(options: {
  authorize: AuthorizeTeam;
  clientOptions: WebClientOptions;
  /** The organisation a workspace was seen under with an org-wide install (the store's slack_org_workspaces). */
  orgOf?: (teamId: string) => Promise<string | undefined>;
  cacheMs?: number;
  now?: () => number;
}): SlackClients {
  const cacheMs = options.cacheMs ?? CLIENT_CACHE_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { client: WebClient; token: string; until: number }>();
  return {
    perWorkspace: true,
    async clientFor(teamId) {
      const cached = cache.get(teamId);
      if (cached && cached.until > now()) return cached.client;
      const { botToken } = await options.authorize({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }).catch(async (error: unknown) => {
        // No workspace install: the workspace may be served by its organisation's org-wide install.
        const enterpriseId = await options.orgOf?.(teamId);
        if (!enterpriseId) throw error;
        return options.authorize({ teamId, enterpriseId, isEnterpriseInstall: true });
      });
      if (!botToken) throw new Error(`the installation for ${teamId} has no bot token`);
      // The same token keeps its client (and its keep-alive sockets); a refreshed one gets a new client.
      const client = cached?.token === botToken ? cached.client : new WebClient(botToken, options.clientOptions);
      cache.set(teamId, { client, token: botToken, until: now() + cacheMs });
      return client;
    },
  };
}
