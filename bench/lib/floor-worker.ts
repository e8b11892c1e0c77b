import { sql } from 'kysely';
import { BACKGROUND_DATABASE_TIMEOUTS, createPostgresDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { createSlackFetch, SLACK_CALL_DEADLINE_MS } from '../../src/slack-http.js';

/**
 * The floors' client side, in its own process so its CPU is only the client's: `post` sends N small JSON POSTs one
 * after another through the app's own keep-alive HTTP client (src/slack-http.ts) to the parent's instant fake
 * (what answering a click on its response_url costs at least); `select` runs N `select 1` through the app's kysely
 * + pg pool (what one SQL round trip costs at least). Each answers with its CPU per operation.
 */

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const database = createPostgresDatabase({ url: env('BENCH_DATABASE_URL'), schema: env('BENCH_SCHEMA'), logger: createLogger('error'), timeouts: BACKGROUND_DATABASE_TIMEOUTS });
const http = createSlackFetch({ defaultTimeoutMs: SLACK_CALL_DEADLINE_MS });
const body = JSON.stringify({ replace_original: true, text: 'NATS · Senior', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'A card of about the usual size' } }] });

async function run(kind: 'post' | 'select', count: number, url: string): Promise<number> {
  const once = kind === 'post' ? () => http.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.text()) : () => sql`select 1`.execute(database.db);
  for (let i = 0; i < Math.min(200, count); i++) await once(); // warm-up: sockets, JIT
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < count; i++) await once();
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000 / count;
}

process.on('message', (message: { type: string; kind?: 'post' | 'select'; count?: number; url?: string }) => {
  if (message.type !== 'run') return;
  void run(message.kind!, message.count ?? 1000, message.url ?? '').then(
    (cpuMsPerOp) => process.send?.({ type: 'result', cpuMsPerOp }),
    (error: unknown) => process.send?.({ type: 'failed', error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.send?.({ type: 'ready' });
process.once('disconnect', () => {
  http.close();
  void database.close().finally(() => process.exit(0));
});
