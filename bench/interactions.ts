import { sql } from 'kysely';
import { loadCatalog } from '../src/catalog/load.js';
import { startInstantSlack } from './lib/instant-slack.js';
import { appMemory, endToEndFor, measure, seedProfiles, startLoader, startServer, type Measured } from './lib/http-bench.js';
import type { LoadMode } from './lib/load-worker.js';
import { createBenchSchema } from './lib/postgres.js';
import { check, type BenchContext, type SectionResult } from './lib/report.js';
import type { RequestSpec } from './lib/slack-requests.js';
import { int, mb, ms, percent, ratio, table } from './lib/stats.js';
import { describe } from './slash-command.js';

/**
 * 2. Interactions on the real app: a "next level ▶" click that replaces the card through response_url, and the
 * self-assessment modal submission, whose ack is sent only after the assessment and schedule are written to
 * Postgres (so the modal can show an error instead of losing what was typed).
 */

const USERS = 500;

export async function benchInteractions(ctx: BenchContext, floors: { boltCpuMs?: number; postCpuMs?: number }): Promise<SectionResult> {
  const durationMs = ctx.quick ? 1500 : 10_000;
  // Long enough for V8 to optimise the click and save paths (a 2 s warm-up left them half-warm in profiles).
  const warmupMs = ctx.quick ? 500 : 8000;
  const catalog = await loadCatalog('data/skills');
  const nats = catalog.byId.get('nats');
  if (!nats) throw new Error('the shipped catalog has no nats skill');
  const slack = await startInstantSlack();
  const schema = await createBenchSchema('interactions', 2);
  const loader = await startLoader();
  const runs: { name: string; spec: RequestSpec; mode: LoadMode; measured?: Measured; e2e?: Awaited<ReturnType<typeof endToEndFor>> }[] = [
    { name: 'button click → card replaced: HTTP ack', spec: { kind: 'click', users: USERS, responseUrlBase: slack.responseUrlBase }, mode: { type: 'closed', connections: 10, durationMs } },
    { name: 'button click → card replaced: HTTP ack', spec: { kind: 'click', users: USERS, responseUrlBase: slack.responseUrlBase }, mode: { type: 'open', rate: 200, durationMs } },
    ...(['closed', 'open'] as const).map((type) => ({
      name: 'modal submission (ack after the DB write)',
      spec: { kind: 'submit' as const, users: USERS, skillId: nats.id, levels: nats.levels.map((l) => l.id), roleId: nats.roles[0]!.id },
      mode: type === 'closed' ? ({ type, connections: 10, durationMs } as const) : ({ type, rate: 50, durationMs } as const),
    })),
  ];
  let memory = { rss: NaN, peakRss: NaN, heapAfterGc: NaN };
  let saved = 0;
  let serverWarnings = 0;
  let firstWarning = '';
  try {
    await seedProfiles(schema, USERS);
    const server = await startServer('app', slack, schema);
    try {
      for (const run of runs) {
        ctx.progress(`interactions: ${run.spec.kind}, ${describe(run.mode)}`);
        slack.reset();
        run.measured = await measure(loader, server, { url: server.url, spec: run.spec, mode: run.mode, warmupMs }, `2. ${run.spec.kind}, ${describe(run.mode)}`);
        if (run.spec.kind === 'click') run.e2e = await endToEndFor(slack, run.measured.load);
      }
      memory = await appMemory(server);
      const warnings = server.child.stderr().split('\n').filter((line) => / (WARN|ERROR) /.test(line));
      serverWarnings = warnings.length;
      firstWarning = warnings[0]?.slice(0, 300) ?? '';
    } finally {
      await server.child.stop();
    }
    saved = Number((await sql<{ n: string }>`select count(*) as n from assessments`.execute(schema.handle.db)).rows[0]?.n ?? 0);
  } finally {
    await loader.stop();
    await schema.drop();
    await slack.close();
  }

  const rows: string[][] = [];
  for (const run of runs) {
    const { load, serverCpuMsPerRequest, machineBusy, foreign, attempts, loopMaxMs, host } = run.measured!;
    const l = load.latency;
    const errors = `${load.non2xx + load.errors}`;
    rows.push([run.name, describe(run.mode), int(load.throughput), ms(l.p50), ms(l.p90), ms(l.p99), ms(l.max), errors, ms(serverCpuMsPerRequest), ms(loopMaxMs), percent(machineBusy), `${percent(foreign)} (${attempts})`, ms(host.wallMs)]);
    if (run.e2e) {
      const e = run.e2e.summary;
      rows.push(['button click: new card at response_url (end to end)', describe(run.mode), `${int(run.e2e.received)} cards`, ms(e.p50), ms(e.p90), ms(e.p99), ms(e.max), '', '', '', '', '', '']);
    }
  }
  const boltCpuMs = floors.boltCpuMs ?? NaN;
  const postCpuMs = floors.postCpuMs ?? NaN;
  const clickFloor = boltCpuMs + postCpuMs;
  const clickCpu = runs.find((r) => r.spec.kind === 'click' && r.mode.type === 'closed')!.measured!.serverCpuMsPerRequest;
  const submitOpen = runs.find((r) => r.spec.kind === 'submit' && r.mode.type === 'open')!.measured!.load;
  const submitClosed = runs.find((r) => r.spec.kind === 'submit' && r.mode.type === 'closed')!.measured!.load;
  const markdown = [
    table(['what', 'load', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors', 'server CPU / req', 'longest event-loop stall', 'machine CPU busy', 'other load (tries)', 'host calibration (lower is faster)'], rows),
    '',
    `Click floor = bare-Bolt ack (section 1, 10 connections: ${ms(boltCpuMs)}) + one keep-alive POST (section 0: ${ms(postCpuMs)}) = ${ms(clickFloor)} of CPU; ` +
      `the click at 10 connections costs ${ms(clickCpu)}, ${ratio(clickCpu / clickFloor)} that floor.`,
    '',
    `${int(saved)} assessments written (each submission is ONE statement, the insert and the schedule upsert in a CTE, then the ack; ` +
      `the confirmation DM and App Home refresh follow after the ack, from one read of the person's assessments and schedule beside the sharing overview). ${USERS} users round-robin, profiles cached; the app's default pool of 10 connections. Warm-up ${warmupMs / 1000} s per run. Server RSS after the runs: ${mb(memory.rss)}, peak ${mb(memory.peakRss)}, heap still reachable after a full GC ${mb(memory.heapAfterGc)}; warnings or errors logged by the server: ${serverWarnings}${firstWarning ? ` (the first: \`${firstWarning.replace(/`/g, "'")}\`)` : ''}.`,
  ].join('\n');
  return {
    title: '2. Navigation and modal submission',
    markdown,
    targets: [
      check(`button click server CPU, ${describe({ type: 'closed', connections: 10, durationMs })}`, '≤ 0.5 ms', `${ms(clickCpu)} (${ratio(clickCpu / clickFloor)} the floor)`, clickCpu <= 0.5),
      check(`modal submission p99, ${describe({ type: 'open', rate: 50, durationMs })}`, '< 40 ms', ms(submitOpen.latency.p99), submitOpen.latency.p99 < 40),
      check(`modal submission p99, ${describe({ type: 'closed', connections: 10, durationMs })} (saturated)`, '< 40 ms', ms(submitClosed.latency.p99), submitClosed.latency.p99 < 40),
    ],
  };
}
