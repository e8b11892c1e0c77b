import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { COMPILED, rssOf } from './lib/child.js';
import { startInstantSlack } from './lib/instant-slack.js';
import { createBenchSchema, urlWithSchema } from './lib/postgres.js';
import { check, type BenchContext, type SectionResult } from './lib/report.js';
import { BOT_TOKEN, SIGNING_SECRET } from './lib/slack-requests.js';
import { mb, ms, sinceMs, summarize, table } from './lib/stats.js';

/**
 * 5. Footprint of the shipped entry point: `node dist/src/index.js` (after `npm run build`), from process start
 * to the first 200 on /healthz, with PGlite (a fresh data dir, then the same dir reopened) and with Postgres (an
 * already migrated schema, i.e. a restart or a new replica); idle RSS a few seconds after ready; and, for
 * comparison, the same start through tsx as `npm start` does.
 */

interface Start {
  coldMs: number;
  idleRss: number;
}

const IDLE_SETTLE_MS = 2000;

export async function benchFootprint(ctx: BenchContext, facts: { schedulerWorkerRss?: number; appRssAfterLoad?: number }): Promise<SectionResult> {
  const reps = ctx.quick ? 1 : 3;
  ctx.progress('footprint: npm run build');
  const built = process.hrtime.bigint();
  const build = spawnSync('npm', ['run', 'build', '--silent'], { encoding: 'utf8' });
  const buildMs = sinceMs(built);
  const compiled = existsSync('dist/src/index.js');
  const buildNote =
    build.status === 0
      ? `\`npm run build\` took ${ms(buildMs)}.`
      : `\`npm run build\` exited ${build.status}${compiled ? ' but emitted dist/ (type errors in work in progress elsewhere)' : ' and emitted nothing; compiled rows are missing'}: ${build.stdout.slice(0, 300)}`;
  const entry = compiled ? ['dist/src/index.js'] : ['--import', 'tsx', 'src/index.ts'];

  const slack = await startInstantSlack();
  const schema = await createBenchSchema('footprint');
  const rows: string[][] = [];
  const starts: Record<string, Start[]> = {};
  try {
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: '', SLACK_API_URL: slack.apiUrl, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    const variants: { name: string; args: string[]; env: () => Promise<Record<string, string>>; cleanup?: () => Promise<void> }[] = [];
    const dirs: string[] = [];
    variants.push({ name: 'Postgres (migrated schema)', args: entry, env: async () => ({ ...env, DATABASE_URL: urlWithSchema(schema.schema), PGLITE_DIR: '' }) });
    let reopenDir = '';
    variants.push({
      name: 'PGlite, fresh data dir (creates and migrates)',
      args: entry,
      env: async () => {
        reopenDir = await mkdtemp(path.join(os.tmpdir(), 'skill-ladder-bench-pglite-'));
        dirs.push(reopenDir);
        return { ...env, DATABASE_URL: '', PGLITE_DIR: reopenDir };
      },
    });
    variants.push({ name: 'PGlite, reopened data dir', args: entry, env: async () => ({ ...env, DATABASE_URL: '', PGLITE_DIR: reopenDir }) });
    variants.push({ name: 'Postgres, through tsx (`npm start`)', args: ['--import', 'tsx', 'src/index.ts'], env: async () => ({ ...env, DATABASE_URL: urlWithSchema(schema.schema), PGLITE_DIR: '' }) });
    try {
      for (let rep = 0; rep < reps; rep++) {
        for (const variant of variants) {
          ctx.progress(`footprint: ${variant.name} (${rep + 1}/${reps})`);
          (starts[variant.name] ??= []).push(await coldStart(variant.args, await variant.env()));
        }
      }
    } finally {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    }
    for (const variant of variants) {
      const list = starts[variant.name]!;
      const cold = summarize(list.map((s) => s.coldMs));
      const rss = summarize(list.map((s) => s.idleRss));
      const label = variant.args[0] === 'dist/src/index.js' ? `\`node dist/src/index.js\`, ${variant.name}` : variant.name;
      rows.push([label, String(list.length), ms(cold.p50), ms(cold.max), mb(rss.p50)]);
    }
  } finally {
    await schema.drop();
    await slack.close();
  }
  const postgres = summarize(starts['Postgres (migrated schema)']!.map((s) => s.coldMs));
  const reopened = summarize(starts['PGlite, reopened data dir']!.map((s) => s.coldMs));
  const idlePostgres = summarize(starts['Postgres (migrated schema)']!.map((s) => s.idleRss));
  const idlePglite = summarize(starts['PGlite, reopened data dir']!.map((s) => s.idleRss));
  return {
    title: '5. Footprint',
    markdown: [
      table(['start', 'runs', 'cold start to first 200 (median)', 'worst', `idle RSS ${IDLE_SETTLE_MS / 1000} s after ready`], rows),
      '',
      table(
        ['RSS under and after work', 'value'],
        [
          [`app server after the slash-command load (section 1${COMPILED ? '' : ', under tsx'})`, mb(facts.appRssAfterLoad ?? NaN)],
          [`scheduler worker after delivering its share (section 4${COMPILED ? '' : ', under tsx'})`, mb(facts.schedulerWorkerRss ?? NaN)],
        ],
      ),
      '',
      `${buildNote} Cold start = from spawning \`node\` to the first HTTP 200 on GET /healthz (polled every 10 ms), which needs the database reachable and migrated.`,
    ].join('\n'),
    targets: [
      check('cold start, Postgres (compiled)', '< 1 s', ms(postgres.p50), postgres.p50 < 1000),
      check('cold start, PGlite reopened (compiled)', '< 1.5 s', ms(reopened.p50), reopened.p50 < 1500),
      check('idle RSS, Postgres', '< 120 MB', mb(idlePostgres.p50), idlePostgres.p50 < 120 * 1024 * 1024),
      check('idle RSS, PGlite', '< 150 MB', mb(idlePglite.p50), idlePglite.p50 < 150 * 1024 * 1024),
    ],
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function coldStart(args: string[], env: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    let coldMs = NaN;
    while (child.exitCode === null && sinceMs(started) < 30_000) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) {
        coldMs = sinceMs(started);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!Number.isFinite(coldMs)) throw new Error(`the app did not become ready (exit ${child.exitCode}):\n${log.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    return { coldMs, idleRss: await rssOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
