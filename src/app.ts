import { App, type CustomRoute } from '@slack/bolt';
import type { Deps } from './deps.js';
import { registerListeners } from './listeners/index.js';

/**
 * Builds the Bolt app: Socket Mode when an app-level token is configured, otherwise the HTTP receiver with
 * `POST /slack/events` (commands, interactivity, events) and `GET /healthz`. No environment reads, no side effects.
 */

export interface AppOptions {
  /** Database round trip for /healthz. */
  ping(): Promise<boolean>;
}

export function createApp(deps: Deps, options: AppOptions): App {
  const { slack } = deps.config;
  const healthz: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void options.ping().then(
        (ok) => {
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down' }));
        },
        () => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'unavailable', database: 'down' }));
        },
      );
    },
  };
  const app = new App({
    token: slack.botToken,
    logger: deps.logger,
    customRoutes: [healthz],
    clientOptions: {
      slackApiUrl: slack.apiUrl,
      // Interactive calls should fail fast rather than hang a listener for the SDK's default 30 minutes of retries.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
      timeout: 10_000,
    },
    ...(slack.mode === 'socket'
      ? { socketMode: true, appToken: slack.appToken, installerOptions: { port: deps.config.http.port } }
      : { signingSecret: slack.signingSecret }),
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener', error);
  });
  return app;
}
