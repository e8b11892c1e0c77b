import http from 'node:http';
import autocannon from 'autocannon';
import { buildRequest, type RequestSpec } from './slack-requests.js';
import { summarize, type Summary } from './stats.js';

/**
 * The load generator, run in its own process so its CPU is not the server's event loop (see bench/README.md).
 *
 * - `closed`: autocannon, N connections each sending the next request as soon as the last one is answered: the
 *   server's capacity. Latency comes from autocannon's per-response event (float ms); its own histogram rounds
 *   to whole milliseconds, too coarse here.
 * - `open`: a fixed arrival rate with evenly spaced send times (autocannon's rate limit sends each second's quota
 *   in a burst at the start of the second). Latency is measured from the INTENDED send time, so a stalled server
 *   or generator shows up as latency instead of silently lowering the rate (coordinated omission).
 */

export type LoadMode = { type: 'closed'; connections: number; durationMs: number } | { type: 'open'; rate: number; durationMs: number };

export interface LoadJob {
  url: string;
  spec: RequestSpec;
  mode: LoadMode;
  warmupMs: number;
}

export interface LoadResult {
  [key: string]: unknown;
  type: 'result';
  completed: number;
  non2xx: number;
  errors: number;
  durationMs: number;
  throughput: number;
  latency: Summary;
  /** hrtime window of the measured part (stamps in response URLs fall inside it). */
  measuredFrom: string;
  measuredTo: string;
}

interface Tally {
  latencies: number[];
  non2xx: number;
  errors: number;
}

let seq = 0;

async function closedLoop(job: LoadJob, durationMs: number, connections: number): Promise<Tally> {
  const tally: Tally = { latencies: [], non2xx: 0, errors: 0 };
  const instance = autocannon({
    url: job.url,
    method: 'POST',
    connections,
    duration: durationMs / 1000,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const built = buildRequest(job.spec, seq++, process.hrtime.bigint());
          return { ...request, method: 'POST', body: built.body, headers: built.headers };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTimeMs: number) => {
    if (status >= 200 && status < 300) tally.latencies.push(responseTimeMs);
    else tally.non2xx += 1;
  });
  instance.on('reqError', () => {
    tally.errors += 1;
  });
  await instance;
  return tally;
}

async function openLoop(job: LoadJob, durationMs: number, rate: number): Promise<Tally> {
  const tally: Tally = { latencies: [], non2xx: 0, errors: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(job.url);
  const intervalNs = BigInt(Math.round(1e9 / rate));
  const total = Math.floor((rate * durationMs) / 1000);
  const start = process.hrtime.bigint();
  const inFlight: Promise<void>[] = [];
  const send = (intended: bigint) =>
    new Promise<void>((resolve) => {
      // Latency runs from the intended send time when we are late (coordinated omission), from the real one when
      // a timer fired early.
      const now = process.hrtime.bigint();
      const from = now < intended ? now : intended;
      const built = buildRequest(job.spec, seq++, from);
      const request = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...built.headers, 'content-length': Buffer.byteLength(built.body) } },
        (response) => {
          response.resume();
          response.on('end', () => {
            if ((response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300) tally.latencies.push(Number(process.hrtime.bigint() - from) / 1e6);
            else tally.non2xx += 1;
            resolve();
          });
        },
      );
      request.on('error', () => {
        tally.errors += 1;
        resolve();
      });
      request.end(built.body);
    });
  for (let i = 0; i < total; i++) {
    const intended = start + BigInt(i) * intervalNs;
    const waitMs = Number(intended - process.hrtime.bigint()) / 1e6;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    inFlight.push(send(intended));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return tally;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const once = (durationMs: number) =>
    job.mode.type === 'closed' ? closedLoop(job, durationMs, job.mode.connections) : openLoop(job, durationMs, job.mode.rate);
  if (job.warmupMs > 0) await once(job.warmupMs);
  const from = process.hrtime.bigint();
  const tally = await once(job.mode.durationMs);
  const to = process.hrtime.bigint();
  const durationMs = Number(to - from) / 1e6;
  return {
    type: 'result',
    completed: tally.latencies.length,
    non2xx: tally.non2xx,
    errors: tally.errors,
    durationMs,
    throughput: (tally.latencies.length / durationMs) * 1000,
    latency: summarize(tally.latencies),
    measuredFrom: String(from),
    measuredTo: String(to),
  };
}

process.on('message', (message: { type: string; job?: LoadJob }) => {
  if (message.type !== 'run' || !message.job) return;
  void run(message.job).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ type: 'failed', error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.send?.({ type: 'ready' });
// The parent went away (crashed or was interrupted): do not linger as an orphan.
process.once('disconnect', () => process.exit(0));
