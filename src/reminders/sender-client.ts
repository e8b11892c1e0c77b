import { WebClient, type FetchFunction, type Logger } from '@slack/web-api';
import type { Config } from '../config.js';
import { findOrgOfWorkspace } from '../db/repositories/installations.js';
import type { Deps } from '../deps.js';
import { installationClients, singleWorkspaceClients, type SlackClients } from '../services/slack-clients.js';
import { createInstallProvider } from '../slack-installations.js';

/**
 * The Web API client the scheduler sends check-ins with. It must NOT be Bolt's `app.client`, whose defaults are
 * wrong for an outbox (docs/check-in-delivery.md#the-sender-client):
 *  - `retryConfig: { retries: 0 }`: the SDK's default (10 retries over ~30 min) re-posts after a timeout that Slack
 *    had in fact accepted: a silent duplicate. Retrying is the outbox's job, after checking the DM.
 *  - `timeout`: the default is 0 (wait forever). One hung request would hold a lease, and with node-cron's
 *    `noOverlap` the whole scheduler. Keep it well under the lease: the runner checks `lease ≥ 3 × timeout`.
 *  - `rejectRateLimitedCalls: true`: on 429 the SDK would otherwise pause its WHOLE request queue for
 *    Retry-After; we want the error, to put that one delivery back with `run_after = now() + Retry-After`.
 */

/** Per-request timeout for check-in sends. 10 s is generous for Slack (p99 well under 1 s) and ≪ the lease. */
export const SEND_TIMEOUT_MS = 10_000;

export interface SenderClientOptions {
  timeoutMs?: number;
  logger?: Logger;
  /** The transport: the keep-alive client (src/slack-http.ts), counted for /metrics; the global fetch when not given. */
  fetch?: FetchFunction;
}

/** Builds the scheduler's client from config (bot token and API URL, which tests point at a fake Slack). */
export function createSenderClient(config: Pick<Config, 'slack'>, options: SenderClientOptions = {}): WebClient {
  if (!config.slack.botToken) throw new Error('The check-in scheduler needs SLACK_BOT_TOKEN to send DMs');
  return new WebClient(config.slack.botToken, senderClientOptions(config.slack.apiUrl, options));
}

/**
 * The scheduler's clients: the one sender client in single-workspace mode; in OAuth mode each workspace's, from its
 * installation (services/slack-clients.ts), built with the same options. The provider's own calls (a token refresh:
 * oauth.v2.access) go to SLACK_API_URL with the same deadline and no SDK retries.
 */
export function createSenderClients(deps: Pick<Deps, 'config' | 'db' | 'now' | 'logger'>, options: SenderClientOptions = {}): SlackClients {
  if (!deps.config.slack.oauth) return singleWorkspaceClients(createSenderClient(deps.config, options));
  const clientOptions = senderClientOptions(deps.config.slack.apiUrl, options);
  const provider = createInstallProvider(deps, clientOptions);
  return installationClients({ authorize: (source) => provider.authorize(source), clientOptions, orgOf: (teamId) => findOrgOfWorkspace(deps.db, teamId) });
}

/** The options above, for callers that build their own WebClient (the test worker processes). */
export function senderClientOptions(apiUrl: string, options: SenderClientOptions = {}) {
  return {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? SEND_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}
