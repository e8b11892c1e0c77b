import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createApp } from './app.js';
import { loadCatalog } from './catalog/load.js';
import { ConfigError, loadConfigFromEnvironment } from './config.js';
import { createPgliteDatabase, createPostgresDatabase, type DatabaseHandle } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './deps.js';
import { createLogger } from './logger.js';
import { startReminderCron } from './reminders/cron.js';
import { createSenderClient } from './reminders/sender-client.js';
import { startSandbox } from './sandbox/start-sandbox.js';
import { createDeps } from './create-deps.js';

/** Composition root: the only place that builds things and installs signal handlers. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = await loadConfigFromEnvironment();
  const logger = createLogger(config.logLevel);
  const catalog = await loadCatalog(config.catalogDir);
  const database: DatabaseHandle = config.db.url
    ? createPostgresDatabase({ url: config.db.url, logger })
    : await createPgliteDatabase({ dataDir: config.db.pgliteDir });
  await migrateToLatest(database.db);
  logger.info(`database ready (${database.kind === 'pglite' ? `PGlite in ${config.db.pgliteDir}` : 'Postgres'}), ${catalog.skills.length} skills loaded`);

  if (config.slack.mode === 'sandbox') {
    // No Slack credentials: the real app runs against an in-process fake Slack, driven from a page that plays Slack.
    const sandbox = await startSandbox({ config, database, catalog, logger });
    process.stdout.write(`\nSkill Ladder is running in the local sandbox (a page that plays Slack; not Slack): ${sandbox.url}\n${SETUP_HELP}`);
    const stopSandbox = () =>
      void sandbox
        .close()
        .finally(() => database.close())
        .catch((error: unknown) => logger.error('sandbox: shutdown failed', error));
    process.once('SIGTERM', stopSandbox);
    process.once('SIGINT', stopSandbox);
    return;
  }

  const deps: Deps = createDeps({ config, db: database.db, catalog, logger });
  const app = createApp(deps, { ping: database.ping });
  await app.start(config.http.port);
  logger.info(
    `Skill Ladder ready in ${Math.round(performance.now() - startedAt)} ms: ${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${config.http.port} (POST /slack/events, GET /healthz)`}`,
  );

  // Every replica wakes on the cron; Postgres decides what is due and who sends it (see README, Check-ins).
  const reminders = config.reminders.enabled
    ? startReminderCron(deps, createSenderClient(config, { logger }), {
        expression: config.reminders.cron,
        workerId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      })
    : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    try {
      await reminders?.stop();
      await app.stop();
    } finally {
      await database.close();
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

const SETUP_HELP = `
To connect it to your Slack workspace instead:
  1. Create an app at https://api.slack.com/apps → "From an app manifest" → paste manifest.yml.
  2. Install it to your workspace, then copy into .env (see .env.example):
       SLACK_BOT_TOKEN=xoxb-…        (OAuth & Permissions → Bot User OAuth Token)
       SLACK_APP_TOKEN=xapp-…        (Basic Information → App-Level Tokens, scope connections:write) for Socket Mode
     or, for the HTTP receiver instead of Socket Mode:
       SLACK_SIGNING_SECRET=…        (Basic Information → Signing Secret)
  3. Run npm start again.

`;

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nSee .env.example and the README's configuration table.\n`);
  } else {
    process.stderr.write(`Skill Ladder could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
