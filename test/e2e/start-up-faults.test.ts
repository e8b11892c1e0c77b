import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createPgliteDatabase } from '../../src/db/client.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { buildCommandBody, FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, signSlackRequest } from '../../src/sandbox/slack-payloads.js';

/**
 * The real entry point (src/index.ts) in a child process, against a fake Slack in this process: what an operator
 * sees when Slack fails at start-up, and proof that the process survives what used to kill it. Each child gets its
 * own copy of a migrated PGlite directory, so no child waits for migrations.
 */

const BOT_TOKEN = 'xoxb-start-up-0000';
const SIGNING_SECRET = 'start-up-signing-secret-0123456789';
const TEAM = 'T0START';

interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  baseUrl: string;
}

let fake: FakeSlack;
let workDir: string;
let migratedDir: string;
const children: Child[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({ teamId: TEAM, botToken: BOT_TOKEN, users: [{ id: 'U0START', teamId: TEAM, name: 'ada', realName: 'Ada', tz: 'Europe/London', locale: 'en-GB' }] });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'start-up-faults-'));
  migratedDir = path.join(workDir, 'migrated');
  const template = await createPgliteDatabase({ dataDir: migratedDir, loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]) });
  await template.close();
});

afterEach(async () => {
  fake.clearFaults();
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await child.exited;
  }
});

afterAll(async () => {
  await fake.close();
  await rm(workDir, { recursive: true, force: true });
});

async function startChild(env: Record<string, string> = {}): Promise<Child> {
  const dataDir = await mkdtemp(path.join(workDir, 'db-'));
  await cp(migratedDir, dataDir, { recursive: true });
  const chunks: string[] = [];
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PGLITE_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      REMINDERS_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: Child = { process: child, output: () => chunks.join(''), exited, baseUrl: `http://127.0.0.1:${port}` };
  children.push(handle);
  return handle;
}

/** Waits until the app answers HTTP (whatever /healthz says). */
async function ready(child: Child): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (!(await fetch(`${child.baseUrl}/healthz`).catch(() => undefined))) {
    if (child.process.exitCode !== null) throw new Error(`the app exited (${child.process.exitCode}) before answering:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`the app did not answer:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child.baseUrl;
}

async function waitFor<T>(check: () => T | null | undefined | false, child: Child, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (child.process.exitCode !== null) throw new Error(`the app exited (${child.process.exitCode}) before ${what}:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function health(baseUrl: string): Promise<{ status: number; body: { status: string; database: string; slack: string } }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; database: string; slack: string } };
}

function signedPost(baseUrl: string, body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)) {
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signSlackRequest(SIGNING_SECRET, body, timestamp) }, body });
}

/** `/skill <text>`; the answer is the ack body or, when the app answers later, its response_url post. */
async function skillCommand(baseUrl: string, text: string, child: Child): Promise<{ status: number; text: string }> {
  const responseUrl = fake.createResponseUrl({ channel: 'C0GENERAL', userId: 'U0START' });
  const body = buildCommandBody({
    app: { apiAppId: fake.appId },
    team: { id: TEAM, domain: 'start' },
    user: { id: 'U0START', name: 'ada', teamId: TEAM },
    channel: { id: 'C0GENERAL', name: 'general' },
    command: '/skill',
    text,
    responseUrl,
    triggerId: fake.issueTriggerId({ userId: 'U0START' }),
  });
  const response = await signedPost(baseUrl, body, FORM_CONTENT_TYPE);
  const ack = await response.text();
  if (ack !== '' || response.status !== 200) return { status: response.status, text: ack };
  const id = responseUrl.split('/').pop();
  const reply = await waitFor(() => fake.responses.find((r) => r.id === id), child, 'the reply on the response_url');
  return { status: response.status, text: JSON.stringify(reply.body) };
}

describe('start-up when Slack fails', () => {
  it('keeps running through HTTP 500s from auth.test, retries, and reports Slack as ok once it answers', async () => {
    // Before: three 500s used up the Web API client's retries, Bolt's auth.test promise rejected with nobody
    // listening, and the process exited 1 right after "ready".
    fake.failNext('auth.test', { status: 500 }, 3);
    const child = await startChild();
    const baseUrl = await ready(child);
    await waitFor(() => /reachable again after 3 failed auth\.test calls/.test(child.output()), child, 'the retries to succeed');
    expect(child.output()).toMatch(/auth\.test failed \(HTTP 500\).*retrying in \d+ ms/);
    expect(await health(baseUrl)).toEqual({ status: 200, body: { status: 'ok', database: 'up', slack: 'ok' } });
    const answer = await skillCommand(baseUrl, 'nats senior', child);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('NATS / NATS JetStream');
    expect(child.process.exitCode).toBeNull();
    expect(child.output()).not.toMatch(/Unhandled|triggerUncaughtException/);
  });

  it.each(['invalid_auth', 'token_revoked', 'account_inactive'])('stops with one clear line and exit code 1 when Slack answers %s', async (error) => {
    // Before: a raw stack trace from an unhandled rejection.
    fake.failNext('auth.test', { error });
    const child = await startChild();
    expect(await child.exited).toBe(1);
    const output = child.output();
    expect(output).toContain(`Slack refused SLACK_BOT_TOKEN (${error}). Copy a current token from https://api.slack.com/apps`);
    expect(output).not.toMatch(/^\s+at /m); // no stack trace
    expect(output).not.toContain('ready in');
    expect(output).not.toContain(BOT_TOKEN);
  });
});

describe('Socket Mode start-up when Slack cannot be reached', () => {
  it('keeps retrying apps.connections.open after network errors, says so on /healthz, then serves over the WebSocket', async () => {
    // Before: the SDK gave up on the first network error (after its client's 2 retries) and the process exited 1.
    fake.failNext('apps.connections.open', { dropConnection: true }, 3);
    const child = await startChild({ SLACK_APP_TOKEN: 'xapp-start-up-0001' });
    const baseUrl = await ready(child);
    expect((await health(baseUrl)).body).toMatchObject({ status: 'degraded', slack: 'unreachable' });
    expect(child.output()).toMatch(/apps\.connections\.open failed .*retrying in \d+ ms/);
    await waitFor(() => /Socket Mode connected after 3 failed attempts/.test(child.output()), child, 'the Socket Mode connection');
    expect(await health(baseUrl)).toEqual({ status: 200, body: { status: 'ok', database: 'up', slack: 'ok' } });
    const responseUrl = fake.createResponseUrl({ channel: 'C0GENERAL', userId: 'U0START' });
    const form = buildCommandBody({
      app: { apiAppId: fake.appId },
      team: { id: TEAM, domain: 'start' },
      user: { id: 'U0START', name: 'ada', teamId: TEAM },
      channel: { id: 'C0GENERAL', name: 'general' },
      command: '/skill',
      text: 'nats senior',
      responseUrl,
      triggerId: fake.issueTriggerId({ userId: 'U0START' }),
    });
    await fake.socketMode.send('slash_commands', Object.fromEntries(new URLSearchParams(form))).acked;
    const id = responseUrl.split('/').pop();
    const reply = await waitFor(() => fake.responses.find((r) => r.id === id), child, 'the card on the response_url');
    expect(JSON.stringify(reply.body)).toContain('NATS / NATS JetStream · Senior');
    expect(child.process.exitCode).toBeNull();
    expect(child.output()).not.toMatch(/Unhandled|triggerUncaughtException/);
  });

  it('stops with one clear line and exit code 1 when Slack refuses the app token', async () => {
    fake.failNext('apps.connections.open', { error: 'invalid_auth' });
    const child = await startChild({ SLACK_APP_TOKEN: 'xapp-start-up-0001' });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('Slack refused SLACK_APP_TOKEN (invalid_auth)');
    expect(child.output()).not.toMatch(/^\s+at /m);
  });
});

describe('requests that used to kill the process', () => {
  it('answers 400 to a signed body that parses to null (or any non-object) and keeps serving', async () => {
    const child = await startChild();
    const baseUrl = await ready(child);
    for (const body of ['null', '42', '"text"', '[]', 'true']) {
      expect((await signedPost(baseUrl, body, JSON_CONTENT_TYPE)).status, body).toBe(400);
    }
    expect((await signedPost(baseUrl, 'payload=null', FORM_CONTENT_TYPE)).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(child.process.exitCode).toBeNull();
    expect((await health(baseUrl)).status).toBe(200);
  });
});

describe('HOST', () => {
  const otherAddress = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

  it.skipIf(!otherAddress)('HOST=127.0.0.1 listens on the loopback interface only', async () => {
    // Before: app.start(port) got no host, so the receiver listened on every interface whatever HOST said.
    const child = await startChild({ HOST: '127.0.0.1' });
    const baseUrl = await ready(child);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    const elsewhere = await fetch(baseUrl.replace('127.0.0.1', otherAddress!) + '/healthz').then(
      (response) => response.status,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(elsewhere).toBe('ECONNREFUSED');
  });
});

describe('LOG_LEVEL and the log format', () => {
  it('LOG_LEVEL=warn prints warnings and no INFO line', async () => {
    // Before: Bolt reset the logger to INFO, so "ready" and every other INFO line was printed anyway.
    const child = await startChild({ LOG_LEVEL: 'warn' });
    const baseUrl = await ready(child);
    const unsigned = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': JSON_CONTENT_TYPE }, body: '{}' });
    expect(unsigned.status).toBe(401);
    await waitFor(() => / WARN \[/.test(child.output()), child, 'the warning about the unsigned request');
    expect(child.output()).not.toMatch(/ INFO \[/);
  });

  it('LOG_LEVEL=debug prints debug lines', async () => {
    // Before: Bolt reset the logger to INFO, so nothing at debug was ever printed.
    const child = await startChild({ LOG_LEVEL: 'debug' });
    await ready(child);
    expect(child.output()).toMatch(/ DEBUG \[/);
  });

  it('in production logs one JSON object per line, with team, user and request ids on Bolt\'s own warnings', async () => {
    const child = await startChild({ NODE_ENV: 'production' });
    const baseUrl = await ready(child);
    // A signed payload of a kind Bolt does not know: Bolt itself warns that no listener will be called.
    const strange = JSON.stringify({ type: 'not_a_slack_payload', team_id: TEAM, user_id: 'U0START' });
    void signedPost(baseUrl, strange, JSON_CONTENT_TYPE).catch(() => undefined);
    await waitFor(() => /Could not determine the type/.test(child.output()), child, "Bolt's warning");
    const entries = child.output().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((entry) => String(entry.msg).includes('ready in'))).toMatchObject({ level: 'info', name: 'skill-ladder' });
    expect(entries.find((entry) => String(entry.msg).includes('Could not determine the type'))).toMatchObject({
      level: 'warn',
      teamId: TEAM,
      userId: 'U0START',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
