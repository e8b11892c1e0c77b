import type { WebClient } from '@slack/web-api';
import type { SlackClients } from '../services/slack-clients.js';
import type { Deps } from '../deps.js';
import type { PassSettings, SchedulerPassResult } from './pass-settings.js';

/** The state one scheduler pass shares between its loop (run.ts) and each delivery (deliver.ts). */
export interface PassContext {
  deps: Deps;
  /** The client for a workspace: the one bot token, or that workspace's installation (services/slack-clients.ts). */
  clientFor(teamId: string): Promise<WebClient>;
  clients: SlackClients;
  workerId: string;
  settings: PassSettings;
  asOf: Date | undefined;
  messageNow: Date;
  /** performance.now() after which no new delivery is started. */
  startDeadline: number;
  /** Set when the pass must wind down (hard timeout, or our token is dead). */
  halted: boolean;
  /**
   * Workspaces Slack rate-limited in this pass. Check-ins go one per person to different DMs, so a 429 on a post is
   * almost always the workspace-wide limit: the rest of that workspace's batch is given back untouched instead of
   * each row rediscovering the limit (bench/ measured ~3,700 429s for 1,000 deliveries without this).
   */
  rateLimitedTeams: Set<string>;
  counts: SchedulerPassResult;
}
