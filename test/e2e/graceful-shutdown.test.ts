import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createPgliteDatabase } from '../../src/db/client.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { fakeUsers, postsPerDelivery, seedSchedules, TEAM } from '../helpers/checkins.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/test-deps.js';

/**
 * SIGTERM in the middle of a check-in pass, to the real entry point in a child process
 * (docs/check-in-delivery.md#shutting-down): the process exits 0 within seconds, the check-ins being sent are sent
 * once, the rest are given back, and no lease is left held for another replica to wait out.
 */

const DUE = 12;
const POST_DELAY_MS = 800;
let fake: FakeSlack;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeSlack({ teamId: TEAM, botToken: BOT_TOKEN, users: fakeUsers(DUE) });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'graceful-shutdown-'));
  const database = await createPgliteDatabase({ dataDir, loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]) });
  await seedSchedules(database.db, { count: DUE, withAssessments: true, tz: () => 'Europe/Madrid' });
  await database.close();
});

afterAll(async () => {
  await fake?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('exits 0 promptly on SIGTERM mid-pass, finishing the sends in flight and giving back every other lease', async () => {
  // Every post is slow, so the pass is surely mid-send when the signal comes.
  fake.failNext('chat.postMessage', { delayMs: POST_DELAY_MS }, DUE);
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PGLITE_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      REMINDER_CRON: '* * * * * *',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    await fake.waitForCall('conversations.open', { timeoutMs: 30_000 });
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    const tookMs = Date.now() - signalledAt;
    expect({ code, signal }, output.join('')).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(5000); // the sends in flight (0.8 s) and closing; Docker would SIGKILL at 10 s
    expect(output.join('')).toMatch(/SIGTERM: shutting down/);
    expect(output.join('')).toMatch(/stopped in \d+ ms/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }

  const database = await createPgliteDatabase({ dataDir });
  try {
    const rows = await database.db.selectFrom('checkin_deliveries').select(['id', 'status', 'locked_by', 'locked_until', 'attempts']).orderBy('id').execute();
    expect(rows).toHaveLength(DUE);
    // No lease held: nothing `sending`, nothing locked.
    expect(rows.filter((row) => row.status === 'sending' || row.locked_by !== null || row.locked_until !== null)).toEqual([]);
    // What was in flight was sent, once; the rest went back untouched, its attempt not counted.
    const posted = postsPerDelivery(fake);
    const sent = rows.filter((row) => row.status === 'sent');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.map((row) => posted.get(String(row.id)))).toEqual(sent.map(() => 1));
    const pending = rows.filter((row) => row.status === 'pending');
    expect(pending.length).toBeGreaterThan(0); // the pass stopped starting new sends
    expect(pending.length + sent.length).toBe(DUE);
    expect(pending.every((row) => row.attempts === 0 && !posted.has(String(row.id)))).toBe(true);
  } finally {
    await database.close();
  }
});
