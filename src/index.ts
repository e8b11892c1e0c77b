import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Logger } from '@slack/bolt';
import { createApp } from './app.js';
import { loadCatalog } from './catalog/load.js';
import { ConfigError, loadConfigFromEnvironment } from './config.js';
import { BACKGROUND_DATABASE_TIMEOUTS, createPostgresDatabase, openDatabase, type DatabaseHandle } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import { settleWithin, valueWithin } from './deadline.js';
import { readCheckinBacklog } from './db/repositories/checkin-backlog.js';
import { createMetrics } from './metrics.js';
import { startMetricsServer } from './metrics-server.js';
import type { Deps } from './deps.js';
import { createLogContext } from './log-context.js';
import { createLogger } from './logger.js';
import { startReminderCron } from './reminders/cron.js';
import { createSenderClients } from './reminders/sender-client.js';
import { createDeps } from './create-deps.js';
import { connectToSlack, perWorkspaceTokens, rejectedTokenError, SlackTokenRejectedError } from './slack-connection.js';
import { createSlackFetch, SLACK_CALL_DEADLINE_MS } from './slack-http.js';
import { createSocketModeConnection } from './socket-mode-connection.js';

/** How long shutdown waits for check-ins being sent (each Slack call has its own timeout) and for HTTP requests. */
const SHUTDOWN_PASS_WAIT_MS = 5000;
const SHUTDOWN_HTTP_DRAIN_MS = 5000;
/** Both run side by side; closing the pools takes well under a second. Docker sends SIGKILL at 10 s. */
const SHUTDOWN_DEADLINE_MS = 9000;
/** A scrape must not wait on a slow database: the backlog gauges are left out of that scrape instead. */
const METRICS_QUERY_DEADLINE_MS = 500;

/** Composition root: the only place that builds things and installs signal handlers. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = await loadConfigFromEnvironment();
  const logContext = createLogContext();
  const logger = createLogger(config.logLevel, process.stderr, 'skill-ladder', { format: config.logFormat, context: logContext.current });
  installProcessHandlers(logger);
  const catalog = await loadCatalog(config.catalogDir);
  const database: DatabaseHandle = await openDatabase(config, logger);
  await migrateToLatest(database.db);
  logger.info(`database ready (${database.kind === 'pglite' ? `PGlite in ${config.db.pgliteDir}` : 'Postgres'}), ${catalog.skills.length} ${catalog.skills.length === 1 ? 'skill' : 'skills'} in the catalog`);

  if (config.slack.mode === 'sandbox') {
    // No Slack credentials: the real app against a Slack that lives in this process. Loaded only here, so the
    // production path never imports the sandbox or the fake Slack.
    const { runSandbox } = await import('./sandbox/run-sandbox.js');
    await runSandbox({ config, database, catalog, logger });
    return;
  }

  const { slack: slackConfig } = config;
  // Slack's verdict on the bot token before we listen: a refused token stops start-up here with one line; a
  // transient failure (or an attempt that times out) starts the app anyway and keeps retrying in the background.
  const running: { stop?: (reason: string) => Promise<void> } = {};
  // OAuth mode has no one token to check: each workspace's comes from its installation (docs/installations.md).
  const slack = slackConfig.oauth ? perWorkspaceTokens() : connectToSlack(slackConfig, {
    logger,
    onRejected: (error) => {
      if (!running.stop) return; // still starting: main() reports it
      process.stderr.write(`${error.message}\n`);
      void running.stop('Slack refused the token').finally(() => process.exit(1));
    },
  });
  if ((await slack.firstAttempt) === 'rejected') throw slack.rejection()!;

  const metrics = createMetrics({ defaultMetrics: true });
  const deps: Deps = createDeps({ config, db: database.db, catalog, logger, metrics });
  const slackHttp = createSlackFetch({ defaultTimeoutMs: SLACK_CALL_DEADLINE_MS });
  const socketMode = slackConfig.mode === 'socket' ? createSocketModeConnection({ logger }) : undefined;
  const app = createApp(deps, { ping: database.ping, slack, logContext, fetch: slackHttp.fetch, ...(socketMode ? { socketMode } : {}) });
  let where: string;
  if (socketMode) {
    // The SDK retries apps.connections.open on network errors and 5xx for as long as it takes (socket-mode-connection.ts),
    // so start() settles only once connected, or when Slack refuses the app token. Wait for the first attempt's
    // answer, then serve (/healthz says Slack is unreachable meanwhile) as HTTP mode does while auth.test retries.
    const opened = app.start().then(
      () => 'ok' as const,
      (error: unknown) => {
        const refused = rejectedTokenError(error);
        const failure = refused ? new SlackTokenRejectedError('SLACK_APP_TOKEN', refused) : asError(error);
        if (running.stop) {
          process.stderr.write(`${failure.message}\n`);
          void running.stop('Slack refused the app token').finally(() => process.exit(1));
        }
        throw failure;
      },
    );
    opened.catch(() => undefined); // reported above once running; thrown from the race below while starting
    const first = await Promise.race([opened, socketMode.firstAttempt]);
    where = first === 'ok' ? 'Socket Mode' : 'Socket Mode (not connected yet: Slack unreachable, retrying)';
  } else {
    const server = (await app.start({ port: config.http.port, host: config.http.host })) as Server;
    const address = server.address() as AddressInfo;
    where = `HTTP on ${address.address} port ${address.port} (POST /slack/events, GET /healthz${config.slack.oauth ? ', GET /slack/install, GET /slack/oauth_redirect: OAuth mode' : ''})`;
  }
  logger.info(`Skill Ladder ready in ${Math.round(performance.now() - startedAt)} ms: ${where}; Slack ${slack.state()}`);

  // Every replica wakes on the cron; Postgres decides what is due and who sends it (see README, Check-ins). The
  // scheduler has a small pool of its own with background deadlines (docs/database.md): nobody waits on it, and it
  // must not take the connections people's requests need.
  const schedulerDatabase =
    config.reminders.enabled && config.db.url
      ? createPostgresDatabase({ url: config.db.url, logger, maxConnections: 4, timeouts: BACKGROUND_DATABASE_TIMEOUTS })
      : undefined;
  metrics.collectBacklog(() => valueWithin(readCheckinBacklog(database.db), METRICS_QUERY_DEADLINE_MS, undefined));
  if (database.poolUsage) metrics.collectPool('requests', database.poolUsage);
  if (schedulerDatabase?.poolUsage) metrics.collectPool('scheduler', schedulerDatabase.poolUsage);
  const metricsServer = config.metrics.port !== undefined ? await startMetricsServer(metrics, { port: config.metrics.port, host: config.http.host, logger }) : undefined;
  if (metricsServer) logger.info(`metrics on ${metricsServer.url}/metrics`);
  const reminders = config.reminders.enabled
    ? startReminderCron({ ...deps, db: schedulerDatabase?.db ?? deps.db }, createSenderClients({ ...deps, db: schedulerDatabase?.db ?? deps.db }, { logger, fetch: metrics.instrumentFetch(slackHttp.fetch) }), {
        expression: config.reminders.cron,
        workerId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      })
    : undefined;

  // One shutdown however many ask for it; a second caller waits for the same one.
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) => (stopping ??= shutDown(reason));
  const shutDown = async (reason: string) => {
    const began = performance.now();
    logger.info(`${reason}: shutting down`);
    slack.stop();
    try {
      // Side by side, each bounded so the whole stays inside a supervisor's grace period (Docker's is 10 s): the
      // scheduler starts no new pass, lets deliveries in flight finish and gives back every lease it holds
      // (docs/check-in-delivery.md#shutting-down); HTTP takes no new connection and finishes the requests in flight.
      const http = settleWithin(app.stop(), SHUTDOWN_HTTP_DRAIN_MS).then((settled) => {
        if (settled.kind === 'failed') logger.warn('HTTP server did not stop cleanly', asError(settled.error));
        if (settled.kind === 'late') logger.warn(`requests still in flight after ${SHUTDOWN_HTTP_DRAIN_MS} ms are cut off`);
      });
      await Promise.all([reminders?.stop(SHUTDOWN_PASS_WAIT_MS), http, metricsServer?.close()]);
    } finally {
      slackHttp.close();
      await schedulerDatabase?.close();
      await database.close();
    }
    logger.info(`stopped in ${Math.round(performance.now() - began)} ms`);
  };
  running.stop = stop;
  // Exit once stopped: an idle keep-alive socket to Slack must not keep a stopped process alive.
  const stopAndExit = (signal: NodeJS.Signals) => {
    // The last resort, should a step hang despite its own bound: exit before the supervisor's SIGKILL would.
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', asError(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stopAndExit);
  process.once('SIGINT', stopAndExit);
  if (slack.state() === 'rejected') {
    // Refused on a retry while we were starting.
    process.stderr.write(`${slack.rejection()!.message}\n`);
    await stop('Slack refused the token');
    process.exit(1);
  }
}

/**
 * The last net under every promise and callback. A rejection nobody handled is a bug in one request or job, not a
 * reason to drop everyone else's: it is logged with its stack and the process goes on. An uncaught exception may
 * have left shared state half-changed, so it is logged and the process exits for the supervisor to restart it.
 */
function installProcessHandlers(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error('Unhandled promise rejection (a bug: a promise nobody awaited); the process keeps running', asError(reason), { origin: 'unhandledRejection' });
  });
  process.on('uncaughtException', (error, origin) => {
    logger.error('Uncaught exception; exiting so the process can be restarted cleanly', asError(error), { origin });
    process.exit(1);
  });
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(`non-error value: ${String(value)}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nSee .env.example and the README's configuration table.\n`);
  } else if (error instanceof SlackTokenRejectedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Skill Ladder could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
