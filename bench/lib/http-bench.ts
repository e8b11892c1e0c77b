import { sql } from 'kysely';
import { calibrate, type Calibration } from './calibrate.js';
import { cpuMsOf, foreignCpuSnapshot, foreignShare, machineCpuMs, peakRssOf, spawnScript, rssOf, type Child } from './child.js';
import type { InstantSlack } from './instant-slack.js';
import type { LoadJob, LoadResult } from './load-worker.js';
import type { BenchSchema } from './postgres.js';
import { benchUserId, TEAM } from './slack-requests.js';
import { summarize, type Summary } from './stats.js';

/**
 * Process layout for the HTTP benchmarks, on 2 cores: the server under test in one process, the load generator in
 * another, and the fake Slack (users.info, response_url) in the parent, which is otherwise idle. Postgres is a
 * fourth party on the same cores. Nothing is pinned: every variant (app and floor) shares the machine the same way.
 */

export interface RunningServer {
  child: Child;
  url: string;
}

export async function startServer(kind: 'app' | 'bare-bolt', slack: InstantSlack, schema?: BenchSchema): Promise<RunningServer> {
  const env = { BENCH_SLACK_API_URL: slack.apiUrl, ...(schema ? { BENCH_DATABASE_URL: schema.url, BENCH_SCHEMA: schema.schema } : {}) };
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers (not the load generator).
  const child = spawnScript(`bench/servers/${kind}.ts`, env, ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])]);
  const ready = await child.next<{ type: 'ready'; port: number }>('ready', 60_000);
  return { child, url: `http://127.0.0.1:${ready.port}/slack/events` };
}

export async function startLoader(): Promise<Child> {
  const loader = spawnScript('bench/lib/load-worker.ts');
  await loader.next('ready', 60_000);
  return loader;
}

export interface Measured {
  load: LoadResult;
  /** Server process CPU (user + system) per answered request, in ms. */
  serverCpuMsPerRequest: number;
  /** Share of the whole machine's CPU in use during the run (both cores, Postgres and the generator included). */
  machineBusy: number;
  /** Share of the machine used by processes that are not part of the benchmark (other work on a shared box). */
  foreign: number;
  attempts: number;
  /** Longest event-loop stall in the server during the measured run (GC or synchronous work), ms. */
  loopMaxMs: number;
  /** The host-speed sample taken just before the kept attempt (lib/calibrate.ts). */
  host: Calibration;
}

/** A measurement with more foreign CPU than this is repeated (once), and the quieter attempt is kept. */
export const FOREIGN_RETRY_THRESHOLD = 0.1;

/**
 * Warm-up (not measured), then the measured run with the server's and the machine's CPU time around it. When
 * other processes used more than FOREIGN_RETRY_THRESHOLD of the machine meanwhile, measures once more and keeps
 * the quieter attempt; either way the report shows how much foreign load there was.
 */
export async function measure(loader: Child, server: RunningServer, job: LoadJob, label: string, maxAttempts = 2): Promise<Measured> {
  if (job.warmupMs > 0) await runLoad(loader, { ...job, mode: { ...job.mode, durationMs: job.warmupMs }, warmupMs: 0 });
  let best: Measured | undefined;
  let attempts = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    attempts = attempt;
    const host = calibrate(label);
    await loopStall(server);
    const [cpu0, machine0, foreign0, t0] = [await cpuMsOf(server.child.pid), await machineCpuMs(), await foreignCpuSnapshot(), performance.now()];
    const load = await runLoad(loader, { ...job, warmupMs: 0 });
    const [cpu1, machine1, foreign1, t1] = [await cpuMsOf(server.child.pid), await machineCpuMs(), await foreignCpuSnapshot(), performance.now()];
    const loopMaxMs = await loopStall(server);
    const measured = {
      load,
      serverCpuMsPerRequest: (cpu1 - cpu0) / Math.max(1, load.completed),
      machineBusy: (machine1.busy - machine0.busy) / (machine1.total - machine0.total),
      foreign: foreignShare(foreign0, foreign1, t1 - t0),
      attempts: 0,
      loopMaxMs,
      host,
    };
    if (!best || measured.foreign < best.foreign) best = measured;
    if (measured.foreign <= FOREIGN_RETRY_THRESHOLD) break;
  }
  return { ...best!, attempts };
}

export async function runLoad(loader: Child, job: LoadJob): Promise<LoadResult> {
  loader.send({ type: 'run', job });
  const timeout = job.warmupMs + job.mode.durationMs + 60_000;
  const result = await loader.next<LoadResult | { type: 'failed'; error: string }>(['result', 'failed'], timeout);
  if (result.type === 'failed') throw new Error(`load generator failed: ${String(result.error)}`);
  return result as LoadResult;
}

export interface EndToEndResult {
  summary: Summary;
  /** Replies received for requests sent in the measured window. */
  received: number;
}

/** Replies that reached the fake's response_url for requests sent inside the run's measured window. */
export async function endToEndFor(slack: InstantSlack, result: LoadResult): Promise<EndToEndResult> {
  // Replies are posted after the ack; give the last ones a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const from = BigInt(result.measuredFrom);
  const to = BigInt(result.measuredTo);
  const samples = slack.endToEnd.filter((e) => e.stamp >= from && e.stamp <= to).map((e) => e.ms);
  return { summary: summarize(samples), received: samples.length };
}

/**
 * Seeds each bench user's cached Slack profile, as after their first request: steady state makes no users.info
 * call (the cache lasts a day), so the first-contact cost does not blur the numbers.
 */
export async function seedProfiles(schema: BenchSchema, users: number): Promise<void> {
  const rows = Array.from({ length: users }, (_, i) => ({
    team_id: TEAM.id,
    user_id: benchUserId(i),
    locale: i % 2 === 1 ? 'es-ES' : 'en-GB',
    tz: i % 2 === 1 ? 'Europe/Madrid' : 'Europe/London',
    profile_fetched_at: sql<Date>`now()`,
  }));
  await schema.handle.db.insertInto('user_settings').values(rows).onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing()).execute();
}

/** The server's longest event-loop stall since the last call (both bench servers answer this probe). */
async function loopStall(server: RunningServer): Promise<number> {
  server.child.send({ type: 'loop' });
  return (await server.child.next<{ type: 'loop'; maxMs: number }>('loop', 10_000)).maxMs;
}

/** The app server's RSS now, its peak, and its heap after a full GC (bench/servers/app.ts answers the probe). */
export async function appMemory(server: RunningServer): Promise<{ rss: number; peakRss: number; heapAfterGc: number }> {
  const peakRss = await peakRssOf(server.child.pid);
  server.child.send({ type: 'memory' });
  const reply = await server.child.next<{ type: 'memory'; rss: number; heapAfterGc: number }>('memory', 10_000);
  return { rss: reply.rss, peakRss, heapAfterGc: reply.heapAfterGc };
}

export { rssOf };
