import { WebClient } from '@slack/web-api';
import { BACKGROUND_DATABASE_TIMEOUTS, createPostgresDatabase } from '../../src/db/client.js';
import type { Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { runSchedulerPass, type SchedulerPassResult } from '../../src/reminders/run.js';
import { senderClientOptions } from '../../src/reminders/sender-client.js';
import { BOT_TOKEN, quietLogger, testDeps } from '../helpers/test-deps.js';

/**
 * A scheduler replica for the multi-process tests: its own pool on the test's schema, its own Slack client, a loop
 * of scheduler passes. Configuration comes as one JSON argument (not the environment: only src/config.ts reads
 * that). SIGTERM ends the loop after the current pass; the last stdout line is a JSON summary. Any crash (an
 * unhandled error) exits non-zero, which the tests check for.
 */

interface WorkerConfig {
  url: string;
  schema: string;
  apiUrl: string;
  workerId: string;
  /** Set as the Postgres application_name so a test can pg_terminate_backend exactly these sessions. */
  applicationName: string;
  leaseSeconds: number;
  sendTimeoutMs: number;
  claimBatch?: number;
  concurrency?: number;
  /** Sleep between passes that found nothing to do. */
  idleSleepMs?: number;
  /** Safety net: exit on our own after this long, so a broken test never leaves processes behind. */
  maxRunMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const started = Date.now();
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

const logger = createLogger('error', { write: (line) => process.stderr.write(`[${config.workerId}] ${line}`) });
const separator = config.url.includes('?') ? '&' : '?';
const database = createPostgresDatabase({
  url: `${config.url}${separator}application_name=${encodeURIComponent(config.applicationName)}`,
  schema: config.schema,
  logger,
  maxConnections: 10,
  // The scheduler's own deadlines, as src/index.ts gives it.
  timeouts: BACKGROUND_DATABASE_TIMEOUTS,
});
const client = new WebClient(BOT_TOKEN, { ...senderClientOptions(config.apiUrl, { timeoutMs: config.sendTimeoutMs }), logger: quietLogger() });
const deps: Deps = testDeps(database.db, { apiUrl: config.apiUrl, logger });

// Tell the test we can now handle SIGTERM (before this line, module loading is still under way).
process.stdout.write('{"ready":true}\n');
const totals: Record<string, number> = { passes: 0 };
while (!stopping && Date.now() - started < config.maxRunMs) {
  const result: SchedulerPassResult = await runSchedulerPass(deps, client, {
    workerId: config.workerId,
    leaseSeconds: config.leaseSeconds,
    sendTimeoutMs: config.sendTimeoutMs,
    ...(config.claimBatch ? { claimBatch: config.claimBatch } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
  });
  totals.passes! += 1;
  for (const [key, value] of Object.entries(result)) if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
  if (result.claimed === 0) await new Promise((resolve) => setTimeout(resolve, config.idleSleepMs ?? 50));
}
await database.close();
// fetch keeps idle sockets to the fake Slack open; exit explicitly once the summary is flushed.
process.stdout.write(`${JSON.stringify({ workerId: config.workerId, pid: process.pid, ...totals })}\n`, () => process.exit(0));
