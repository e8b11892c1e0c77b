import { sql } from 'kysely';
import pg from 'pg';
import { loadCatalog } from '../../src/catalog/load.js';
import { loadConfig } from '../../src/config.js';
import { BACKGROUND_DATABASE_TIMEOUTS, createPostgresDatabase } from '../../src/db/client.js';
import type { Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { runSchedulerPass, type SchedulerPassOptions, type SchedulerPassResult } from '../../src/reminders/run.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { BOT_TOKEN } from './slack-requests.js';
import { createDeps } from '../../src/create-deps.js';
import { createSlackFetch, SLACK_CALL_DEADLINE_MS } from '../../src/slack-http.js';

/**
 * One scheduler process: the production pass (`runSchedulerPass`, default settings unless the parent overrides
 * them), run back to back instead of every REMINDER_CRON tick, until nothing is due, queued or in flight. The parent
 * starts several of these at once and times them from its "go" to the last "done".
 */

export interface WorkerDone {
  [key: string]: unknown;
  type: 'done';
  finishedAt: string;
  totals: SchedulerPassResult;
  passes: number;
  rss: number;
  heapAfterGc: number;
  /** SQL statements the passes sent (BEGIN and COMMIT included), counted at the pg client. */
  statements: number;
}

// Every statement this process sends, counted where pg sends it (kysely's plugins never see BEGIN/COMMIT). The
// worker's own "anything left?" probe between passes is subtracted below: it is the harness, not the scheduler.
let statements = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const workerId = env('BENCH_WORKER_ID');
const passOptions = JSON.parse(process.env.BENCH_PASS_OPTIONS ?? '{}') as Omit<SchedulerPassOptions, 'workerId'>;
const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-bench-0000', SLACK_API_URL: env('BENCH_SLACK_API_URL'), LOG_LEVEL: 'warn' });
const logger = createLogger(config.logLevel);
const database = createPostgresDatabase({ url: env('BENCH_DATABASE_URL'), schema: env('BENCH_SCHEMA'), logger, timeouts: BACKGROUND_DATABASE_TIMEOUTS });
const deps: Deps = createDeps({ config, db: database.db, catalog: await loadCatalog(config.catalogDir), logger });
// The production client (retries 0, timeout, rejectRateLimitedCalls) over the production transport, the keep-alive
// client of src/slack-http.ts, counted for /metrics as src/index.ts does; its 429 warnings are expected here.
const slackHttp = createSlackFetch({ defaultTimeoutMs: SLACK_CALL_DEADLINE_MS });
const client = createSenderClient(config, { logger: createLogger('error'), fetch: deps.metrics.instrumentFetch(slackHttp.fetch) });

/** Work left anywhere: due schedules, or deliveries queued (maybe waiting out a Retry-After) or being sent. */
async function workLeft(): Promise<boolean> {
  const row = await sql<{ left: boolean }>`
    select exists (select 1 from checkin_deliveries where status in ('pending', 'sending'))
        or exists (select 1 from checkin_schedules where not paused and next_run_at <= now()) as left`.execute(deps.db);
  return row.rows[0]?.left ?? false;
}

async function drain(maxRunMs: number): Promise<WorkerDone> {
  const totals: Record<string, number> = {};
  let passes = 0;
  let probes = 0;
  const started = statements;
  const deadline = performance.now() + maxRunMs;
  while (performance.now() < deadline) {
    const result = await runSchedulerPass(deps, client, { workerId, ...passOptions });
    passes += 1;
    for (const [key, value] of Object.entries(result)) if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
    if (result.emitted + result.claimed > 0) continue;
    probes += 1;
    if (!(await workLeft())) break;
    // Another worker holds the rest, or it waits for its Retry-After: look again shortly.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const finishedAt = String(process.hrtime.bigint());
  const rss = process.memoryUsage().rss;
  // With --expose-gc (the parent passes it): what is still reachable, to tell a leak from a lazy heap.
  (globalThis as { gc?: () => void }).gc?.();
  return {
    type: 'done',
    finishedAt,
    totals: totals as unknown as SchedulerPassResult,
    passes,
    statements: statements - started - probes,
    rss,
    heapAfterGc: process.memoryUsage().heapUsed,
  };
}

process.on('message', (message: { type: string; maxRunMs?: number }) => {
  if (message.type !== 'go') return;
  void drain(message.maxRunMs ?? 120_000).then(
    (done) => process.send?.(done),
    (error: unknown) => process.send?.({ type: 'failed', error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.once('SIGTERM', () => {
  void database.close().finally(() => process.exit(0));
});
process.send?.({ type: 'ready' });
// The parent went away (crashed or was interrupted): do not linger as an orphan.
process.once('disconnect', () => process.exit(0));
