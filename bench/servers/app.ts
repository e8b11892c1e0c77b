import type { Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { connectToSlack } from '../../src/slack-connection.js';
import { createSlackFetch, SLACK_CALL_DEADLINE_MS } from '../../src/slack-http.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { loadConfig } from '../../src/config.js';
import { createPostgresDatabase } from '../../src/db/client.js';
import type { Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../lib/slack-requests.js';
import { createDeps } from '../../src/create-deps.js';

/**
 * The real app in its own process: createApp with the shipped catalog, real Postgres (the benchmark's schema) and
 * a local fake Slack. Built like src/index.ts minus migrations (the parent migrated the schema). Logs at warn:
 * the app writes no per-request lines at info for commands and clicks, and one per saved assessment, which is
 * not what we want to measure.
 */

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const config = loadConfig({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: env('BENCH_SLACK_API_URL'),
  DATABASE_URL: env('BENCH_DATABASE_URL'),
  LOG_LEVEL: 'warn',
  PORT: '0',
});
const logger = createLogger(config.logLevel);
const database = createPostgresDatabase({ url: env('BENCH_DATABASE_URL'), schema: env('BENCH_SCHEMA'), logger });
const deps: Deps = createDeps({ config, db: database.db, catalog: await loadCatalog(config.catalogDir), logger });
const app = createApp(deps, { ping: database.ping, slack: connectToSlack(config.slack, { logger }), fetch: createSlackFetch({ defaultTimeoutMs: SLACK_CALL_DEADLINE_MS }).fetch });
const server = (await app.start(0)) as Server;
process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });

// Memory probe: RSS, and what is still reachable after a full GC (started with --expose-gc), to tell a leak from a
// heap V8 simply has not shrunk yet.
// Event-loop stalls (GC, synchronous work) per measured run, to tell them apart from waiting on Postgres or Slack.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
process.on('message', (message: { type?: string }) => {
  if (message.type === 'loop') {
    // The histogram holds whole timer intervals: subtract the 10 ms resolution to get the stall itself.
    process.send?.({ type: 'loop', maxMs: Math.max(0, loopDelay.max / 1e6 - 10) });
    loopDelay.reset();
    return;
  }
  if (message.type !== 'memory') return;
  const rss = process.memoryUsage().rss;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ type: 'memory', rss, heapAfterGc: process.memoryUsage().heapUsed });
});

process.once('SIGTERM', () => {
  void app
    .stop()
    .finally(() => database.close())
    .finally(() => process.exit(0));
});
// The parent went away (crashed or was interrupted): do not linger as an orphan.
process.once('disconnect', () => process.exit(0));
