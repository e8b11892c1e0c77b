import { startInstantSlack } from './lib/instant-slack.js';
import { appMemory, endToEndFor, measure, rssOf, seedProfiles, startLoader, startServer, type Measured } from './lib/http-bench.js';
import type { LoadMode } from './lib/load-worker.js';
import { createBenchSchema } from './lib/postgres.js';
import { check, type BenchContext, type SectionResult } from './lib/report.js';
import { buildRequest, type RequestSpec } from './lib/slack-requests.js';
import { int, mb, ms, percent, ratio, table } from './lib/stats.js';

/**
 * 1. `/skill nats senior` over HTTP: the real app (Postgres, fake Slack) against a bare Bolt app that acks a
 * static text, at fixed concurrency and at a fixed rate. For people whose language the app remembers (everyone
 * here after the warm-up) the card travels in the ack itself, so the HTTP ack is also the end-to-end time; cards
 * that still go through the response_url (first contact) are counted separately.
 */

const USERS = 50;

export async function benchSlashCommand(ctx: BenchContext): Promise<SectionResult & { appRss: number; boltCpuMs: number }> {
  const closed: LoadMode = { type: 'closed', connections: 10, durationMs: ctx.quick ? 1500 : 10_000 };
  // The same arrival rate for app and floor, one both sustain with room to spare: CPU per request and latency
  // compared at equal work, beside the saturated comparison above it.
  const open: LoadMode = { type: 'open', rate: ctx.quick ? 200 : 1000, durationMs: ctx.quick ? 1500 : 10_000 };
  const warmupMs = ctx.quick ? 500 : 5000;
  const slack = await startInstantSlack();
  const schema = await createBenchSchema('command');
  const loader = await startLoader();
  const results: (Measured & { server: 'bare-bolt' | 'app'; mode: LoadMode; e2e?: Awaited<ReturnType<typeof endToEndFor>> })[] = [];
  const rss: Record<string, number> = {};
  let appMem = { rss: NaN, peakRss: NaN, heapAfterGc: NaN };
  try {
    await seedProfiles(schema, USERS);
    const spec: RequestSpec = { kind: 'command', text: 'nats senior', users: USERS, responseUrlBase: slack.responseUrlBase };
    for (const server of ['bare-bolt', 'app'] as const) {
      const running = await startServer(server, slack, server === 'app' ? schema : undefined);
      try {
        for (const mode of [closed, open]) {
          ctx.progress(`slash command: ${server}, ${describe(mode)}`);
          slack.reset();
          const measured = await measure(loader, running, { url: running.url, spec, mode, warmupMs }, `1. /skill, ${server}, ${describe(mode)}`);
          results.push({ server, mode, ...measured, ...(server === 'app' ? { e2e: await endToEndFor(slack, measured.load) } : {}) });
        }
        rss[server] = await rssOf(running.child.pid);
        if (server === 'app') appMem = await appMemory(running);
        if (server === 'app') {
          // Known people get the card in the ack itself; the first contact gets it on the response_url.
          const probe = buildRequest(spec, 0, process.hrtime.bigint());
          const ack = await (await fetch(`${running.url}`, { method: 'POST', headers: probe.headers, body: probe.body })).text();
          const reply = ack !== '' ? ack : JSON.stringify(slack.firstResponse ?? '');
          if (!reply.includes('Senior')) throw new Error(`the app's reply does not look like the NATS Senior card: ${reply.slice(0, 300)}`);
        }
      } finally {
        await running.child.stop();
      }
    }
  } finally {
    await loader.stop();
    await schema.drop();
    await slack.close();
  }

  const find = (server: string, mode: LoadMode) => results.find((r) => r.server === server && r.mode === mode)!;
  const rows = results.map((r) => [
    r.server === 'app' ? 'app: HTTP ack' : 'bare Bolt (floor): HTTP ack',
    describe(r.mode),
    int(r.load.throughput),
    ms(r.load.latency.p50),
    ms(r.load.latency.p90),
    ms(r.load.latency.p99),
    ms(r.load.latency.max),
    `${r.load.non2xx + r.load.errors}`,
    ms(r.serverCpuMsPerRequest),
    ms(r.loopMaxMs),
    percent(r.machineBusy),
    `${percent(r.foreign)} (${r.attempts})`,
    ms(r.host.wallMs),
  ]);
  for (const r of results.filter((x) => x.e2e)) {
    rows.push([
      'app: cards sent on the response_url (first contact only)',
      describe(r.mode),
      `${int(r.e2e!.received)} cards`,
      ms(r.e2e!.summary.p50),
      ms(r.e2e!.summary.p90),
      ms(r.e2e!.summary.p99),
      ms(r.e2e!.summary.max),
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  const ratios = [closed, open].map((mode) => {
    const app = find('app', mode).load;
    const floor = find('bare-bolt', mode).load;
    const cpu = find('app', mode).serverCpuMsPerRequest / find('bare-bolt', mode).serverCpuMsPerRequest;
    return { mode, p99: app.latency.p99 / floor.latency.p99, p50: app.latency.p50 / floor.latency.p50, throughput: app.throughput / floor.throughput, cpu };
  });
  const [saturated, equalRate] = ratios as [(typeof ratios)[number], (typeof ratios)[number]];
  const markdown = [
    table(['what', 'load', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors', 'server CPU / req', 'longest event-loop stall', 'machine CPU busy', 'other load (tries)', 'host calibration (lower is faster)'], rows),
    '',
    table(
      ['app ÷ floor', 'server CPU / req', 'p50', 'p99', 'throughput'],
      ratios.map((r) => [describe(r.mode), ratio(r.cpu), ratio(r.p50), ratio(r.p99), ratio(r.throughput)]),
    ),
    '',
    `Server RSS after its runs: app ${mb(appMem.rss)} (peak ${mb(appMem.peakRss)}, heap still reachable after a full GC ${mb(appMem.heapAfterGc)}), bare Bolt ${mb(rss['bare-bolt'] ?? NaN)}. ` +
      `${USERS} users round-robin, profiles cached (steady state: no users.info call), so the card is in the ack. Warm-up ${warmupMs / 1000} s per run, not counted. Servers run compiled (\`node dist/...\`) when the bench does (\`npm run bench\`).`,
  ].join('\n');
  return {
    title: '1. Slash command `/skill nats senior`',
    markdown,
    appRss: rss.app ?? NaN,
    boltCpuMs: find('bare-bolt', closed).serverCpuMsPerRequest,
    targets: [
      check(`/skill server CPU per request ÷ bare Bolt, ${describe(saturated.mode)}`, '≤ 1.25×', ratio(saturated.cpu), saturated.cpu <= 1.25),
      check(`/skill server CPU per request ÷ bare Bolt, ${describe(equalRate.mode)} (equal rate)`, '≤ 1.25×', ratio(equalRate.cpu), equalRate.cpu <= 1.25),
      check(`/skill throughput ÷ bare Bolt, ${describe(saturated.mode)}`, '≥ 0.8×', ratio(saturated.throughput), saturated.throughput >= 0.8),
      check(`/skill ack p99 ÷ bare Bolt p99, ${describe(equalRate.mode)} (equal rate)`, '≤ 1.1×', ratio(equalRate.p99), equalRate.p99 <= 1.1),
      check(`/skill ack p99 ÷ bare Bolt p99, ${describe(saturated.mode)}`, '≤ 1.1×', ratio(saturated.p99), saturated.p99 <= 1.1),
    ],
  };
}

export function describe(mode: LoadMode): string {
  return mode.type === 'closed' ? `${mode.connections} connections, ${mode.durationMs / 1000} s` : `${mode.rate} req/s, ${mode.durationMs / 1000} s`;
}
