import { App, HTTPReceiver, SocketModeReceiver, type Authorize, type LogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Deps } from './deps.js';
import { healthRoute } from './health.js';
import { registerListeners } from './listeners/index.js';
import { instrumentRequests } from './request-metrics.js';
import type { LogContext } from './log-context.js';
import type { SlackConnection } from './slack-connection.js';
import { SLACK_CALL_DEADLINE_MS } from './slack-http.js';
import { guardSlackRequests } from './slack-request-gate.js';
import { oauthReceiverOptions, rememberOrgWorkspaces } from './slack-installations.js';
import { createSocketModeConnection, worseSlackState, type SocketModeConnection } from './socket-mode-connection.js';

/**
 * Builds the Bolt app: Socket Mode when an app-level token is configured, otherwise the HTTP receiver with
 * `POST /slack/events` (commands, interactivity, events) and `GET /healthz`. No environment reads, no side effects.
 */

export interface AppOptions {
  /** Database round trip for /healthz. */
  ping(): Promise<boolean>;
  /** Whether Slack accepts the bot token (see slack-connection.ts); its state is reported by /healthz. */
  slack: SlackConnection;
  /** Request ids for the log; see log-context.ts. */
  logContext?: LogContext;
  /** How Slack calls and respond() reach Slack: keep-alive, with a deadline (slack-http.ts). */
  fetch: typeof globalThis.fetch;
  /** Socket Mode only: its retry policy and health (socket-mode-connection.ts); a default one when not given. */
  socketMode?: SocketModeConnection;
}

export function createApp(deps: Deps, options: AppOptions): App {
  const { slack } = deps.config;
  const botToken = slack.botToken;
  if (!botToken && !slack.oauth) throw new Error('createApp needs a bot token or OAuth mode (the sandbox makes its own)');
  const socketMode = slack.mode === 'socket' ? (options.socketMode ?? createSocketModeConnection({ logger: deps.logger })) : undefined;
  // In Socket Mode, /healthz also reports the WebSocket: the bot token may be fine while no request can arrive.
  const slackHealth = socketMode ? { state: () => worseSlackState(options.slack.state(), socketMode.state()) } : options.slack;
  const customRoutes = [healthRoute({ ping: options.ping, slack: slackHealth })];
  // Bolt resets its logger to its own `logLevel` (INFO unless told), which would override LOG_LEVEL.
  const logLevel = deps.logger.getLevel() as LogLevel;
  // Our own auth.test (slack-connection.ts) replaces Bolt's, which runs in the constructor and never recovers from
  // a failure. Requests are served with the token whether or not Slack has answered yet: catalog answers need no
  // Slack, and calls that do fail on their own deadline. The team comes from each request, as with Bolt's default.
  // In OAuth mode Bolt's installation provider authorizes instead, per workspace, from the store
  // (docs/installations.md#which-token-each-call-uses).
  const authorize: Authorize<boolean> | undefined = botToken ? async () => ({ botToken, ...options.slack.identity() }) : undefined;
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    // Interactive calls should fail fast rather than hang a listener for the SDK's default 30 minutes of retries.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: SLACK_CALL_DEADLINE_MS,
    // Also what Bolt's respond() posts to response_urls with (it sets no deadline of its own); counted for /metrics.
    fetch: deps.metrics.instrumentFetch(options.fetch),
  };
  const app = new App({
    ...(authorize ? { authorize } : {}),
    // Bolt's default in-memory conversation store runs on every event (a miss even builds an Error); we keep no
    // conversation state in it.
    convoStore: false,
    logger: deps.logger,
    logLevel,
    clientOptions,
    ...(socketMode
      ? { socketMode: true, receiver: socketModeReceiver(deps, socketMode, customRoutes, logLevel, options.fetch) }
      : { receiver: httpReceiver(deps, options, customRoutes, logLevel, clientOptions) }),
  });
  instrumentRequests(app, deps.metrics);
  if (slack.oauth) app.use(rememberOrgWorkspaces(deps));
  registerListeners(app, deps);
  app.error(async (error) => {
    // Bolt wraps the provider's AuthorizationError, which wraps the store's error.
    type Wrapped = { name?: string; message?: string; original?: unknown };
    let original = error as Wrapped;
    while (original.original) original = original.original as Wrapped;
    if (error.code === 'slack_bolt_authorization_error' && original.name === 'NoInstallationError') {
      // OAuth mode: a request from a workspace with no installation (uninstalled, or never installed). Bolt has
      // acknowledged it and runs no listener; the log says whose it was.
      deps.logger.warn('request from a workspace with no installation: acknowledged, not handled', { installation: original.message?.replace(/^no installation for /, '') });
      return;
    }
    deps.logger.error('unhandled error in a listener', error);
  });
  return app;
}

function httpReceiver(deps: Deps, options: AppOptions, customRoutes: ReturnType<typeof healthRoute>[], logLevel: LogLevel, clientOptions: WebClientOptions): HTTPReceiver {
  const signingSecret = deps.config.slack.signingSecret;
  if (!signingSecret) throw new Error('HTTP mode needs a signing secret');
  // OAuth mode adds GET /slack/install and GET /slack/oauth_redirect (slack-installations.ts).
  const oauth = deps.config.slack.oauth ? oauthReceiverOptions(deps, clientOptions) : {};
  const endpoints = ['/slack/events'];
  // The request gate checks every signature (stricter than Bolt's check), so Bolt does not check them again.
  const receiver = new HTTPReceiver({ signingSecret, endpoints, signatureVerification: false, customRoutes, logger: deps.logger, logLevel, ...oauth });
  guardSlackRequests(receiver, { signingSecret, endpoints, logger: deps.logger, ...(options.logContext ? { logContext: options.logContext } : {}) });
  return receiver;
}

/**
 * Socket Mode: the WebSocket is opened with the app-level token against SLACK_API_URL (so tests and the fake Slack
 * see `apps.connections.open`), with a retry policy that never gives up on a network failure
 * (socket-mode-connection.ts). Custom routes (/healthz) are served on PORT.
 */
function socketModeReceiver(deps: Deps, connection: SocketModeConnection, customRoutes: ReturnType<typeof healthRoute>[], logLevel: LogLevel, fetch: typeof globalThis.fetch): SocketModeReceiver {
  const { appToken, apiUrl } = deps.config.slack;
  if (!appToken) throw new Error('Socket Mode needs an app-level token');
  const receiver = new SocketModeReceiver({
    appToken,
    logger: deps.logger,
    logLevel,
    customRoutes,
    ...(connection.pingTimeoutMs !== undefined ? { clientPingTimeout: connection.pingTimeoutMs } : {}),
    installerOptions: {
      port: deps.config.http.port,
      clientOptions: { slackApiUrl: apiUrl, timeout: SLACK_CALL_DEADLINE_MS, retryConfig: connection.retryConfig, fetch: deps.metrics.instrumentFetch(fetch) },
    },
  });
  connection.watch(receiver.client);
  return receiver;
}
