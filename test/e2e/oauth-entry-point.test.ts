import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { createPgliteDatabase } from '../../src/db/client.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { buildCommandBody, FORM_CONTENT_TYPE, signSlackRequest } from '../../src/sandbox/slack-payloads.js';
import { completeInstall } from '../helpers/oauth-install.js';
import { OAUTH, SIGNING_SECRET } from '../helpers/test-deps.js';

/**
 * The real entry point (src/index.ts) in OAuth mode, in a child process against the fake Slack: it starts without a
 * bot token, serves the install page and the redirect, and answers a workspace with that workspace's token. Also
 * what an operator sees for a mix of settings that makes no sense.
 */

const TEAM = 'T0ENTRY';
let fake: FakeSlack;
let workDir: string;
let migratedDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({
    teamId: TEAM,
    botToken: 'xoxb-never-issued',
    clientId: OAUTH.clientId,
    clientSecret: OAUTH.clientSecret,
    users: [{ id: 'U0ENTRY', teamId: TEAM, name: 'ada', tz: 'Europe/London', locale: 'en-GB' }],
  });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'oauth-entry-'));
  migratedDir = path.join(workDir, 'migrated');
  const template = await createPgliteDatabase({ dataDir: migratedDir, loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]) });
  await template.close();
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  await fake.close();
  await rm(workDir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function start(env: Record<string, string>): Promise<{ baseUrl: string; output: () => string; exited: Promise<number | null> }> {
  const dataDir = await mkdtemp(path.join(workDir, 'db-'));
  await cp(migratedDir, dataDir, { recursive: true });
  const port = await freePort();
  const chunks: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SLACK_API_URL: fake.apiUrl, PGLITE_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { baseUrl: `http://127.0.0.1:${port}`, output: () => chunks.join(''), exited };
}

const OAUTH_ENV = {
  SLACK_CLIENT_ID: OAUTH.clientId,
  SLACK_CLIENT_SECRET: OAUTH.clientSecret,
  SLACK_STATE_SECRET: OAUTH.stateSecret,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  INSTALLATION_ENCRYPTION_KEY: OAUTH.encryptionKey,
};

describe('the entry point in OAuth mode', () => {
  it('starts without a bot token, installs a workspace from its install page and serves it with its own token', { timeout: 60_000 }, async () => {
    const app = await start(OAUTH_ENV);
    const deadline = Date.now() + 30_000;
    while (!app.output().includes('Skill Ladder ready')) {
      if (Date.now() > deadline) throw new Error(`not ready:\n${app.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(app.output()).toContain('GET /slack/install, GET /slack/oauth_redirect: OAuth mode');
    expect(JSON.parse(await (await fetch(`${app.baseUrl}/healthz`)).text())).toMatchObject({ status: 'ok', slack: 'ok' });

    const installed = await completeInstall({ baseUrl: app.baseUrl, fake }, { teamId: TEAM });
    expect(installed.status).toBe(200);
    const [token] = fake.oauth.tokensOf(TEAM);

    const body = buildCommandBody({
      app: { apiAppId: fake.appId },
      team: { id: TEAM, domain: 'entry' },
      user: { id: 'U0ENTRY', name: 'ada', teamId: TEAM },
      channel: { id: 'C0GENERAL', name: 'general' },
      command: '/skill',
      text: 'assess nats',
      responseUrl: fake.createResponseUrl({ channel: 'C0GENERAL', userId: 'U0ENTRY' }),
      triggerId: fake.issueTriggerId({ userId: 'U0ENTRY' }),
    });
    const response = await fetch(`${app.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) },
      body,
    });
    expect(response.status).toBe(200);
    const opened = await fake.waitForCall('views.open', { timeoutMs: 10_000 });
    expect(opened.token).toBe(token);
    expect(app.output()).not.toContain(token!);
  });

  it('refuses a bot token beside OAuth, naming the variables, and exits 1', { timeout: 60_000 }, async () => {
    const app = await start({ ...OAUTH_ENV, SLACK_BOT_TOKEN: 'xoxb-secret-do-not-print' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('SLACK_BOT_TOKEN: cannot be combined with OAuth mode');
    expect(app.output()).not.toContain('xoxb-secret-do-not-print');
  });
});
