import { calibrate } from './lib/calibrate.js';
import { cpuDelta, postgresCpuSnapshot, spawnScript } from './lib/child.js';
import { startInstantSlack } from './lib/instant-slack.js';
import { createBenchSchema } from './lib/postgres.js';
import type { BenchContext, SectionResult } from './lib/report.js';
import { int, ms, table } from './lib/stats.js';

/**
 * 0. Floors, measured in this run so every target can be a ratio to them: one loopback HTTP POST through the app's
 * keep-alive client (src/slack-http.ts), and one `select 1` through the app's kysely + pg pool (client CPU and
 * Postgres CPU). The bare-Bolt floor is measured beside the app in section 1.
 */

export interface Floors {
  /** Client CPU of one small JSON POST over a kept-alive loopback connection, ms. */
  postCpuMs: number;
  /** Client CPU of one `select 1` round trip (kysely + pg), ms. */
  selectCpuMs: number;
  /** Postgres CPU of one `select 1`, ms. */
  selectPostgresCpuMs: number;
}

export async function benchFloors(ctx: BenchContext): Promise<SectionResult & { floors: Floors }> {
  const count = ctx.quick ? 500 : 5000;
  const slack = await startInstantSlack();
  const schema = await createBenchSchema('floors', 2);
  const worker = spawnScript('bench/lib/floor-worker.ts', { BENCH_DATABASE_URL: schema.url, BENCH_SCHEMA: schema.schema });
  try {
    await worker.next('ready', 60_000);
    const run = async (kind: 'post' | 'select') => {
      worker.send({ type: 'run', kind, count, url: `${slack.responseUrlBase}/floor` });
      const reply = await worker.next<{ type: string; cpuMsPerOp?: number; error?: string }>(['result', 'failed'], 120_000);
      if (reply.type === 'failed') throw new Error(`floor worker failed: ${String(reply.error)}`);
      return reply.cpuMsPerOp!;
    };
    ctx.progress(`floors: ${int(count)} POSTs, ${int(count)} select 1`);
    calibrate('0. floors');
    const postCpuMs = await run('post');
    const pg0 = await postgresCpuSnapshot();
    const selectCpuMs = await run('select');
    // Includes the worker's 200 warm-up selects, a small overestimate.
    const selectPostgresCpuMs = cpuDelta(pg0, await postgresCpuSnapshot()) / (count + Math.min(200, count));
    const floors = { postCpuMs, selectCpuMs, selectPostgresCpuMs };
    return {
      title: '0. Floors',
      floors,
      markdown: [
        table(
          ['floor', 'CPU per operation'],
          [
            ['HTTP POST, loopback, keep-alive node:http client (src/slack-http.ts), client CPU', ms(postCpuMs)],
            ['`select 1` through kysely + pg, client CPU', ms(selectCpuMs)],
            ['`select 1`, Postgres CPU', ms(selectPostgresCpuMs)],
          ],
        ),
        '',
        `${int(count)} operations each, one after another, after 200 unmeasured. The bare-Bolt floor (a static ack) is measured beside the app in section 1.`,
      ].join('\n'),
      targets: [],
    };
  } finally {
    await worker.stop();
    await schema.drop();
    await slack.close();
  }
}
