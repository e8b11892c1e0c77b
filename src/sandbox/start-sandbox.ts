import { randomBytes } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import { createApp } from '../app.js';
import type { Catalog } from '../catalog/query.js';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import type { Deps } from '../deps.js';
import { FakeSlack } from './fake-slack/fake-slack-server.js';
import { createSenderClient } from '../reminders/sender-client.js';
import { createBoltForwarder } from './bolt-forwarder.js';
import { ChangeFeed } from './change-feed.js';
import { addressedToSandbox, sendJson } from './http-utils.js';
import { LocalMessages } from './local-messages.js';
import { createSandboxApi, type SandboxApi } from './sandbox-api.js';
import { SANDBOX_BOT, SANDBOX_TEAM, SANDBOX_USERS } from './sandbox-people.js';
import { SandboxMemory } from './sandbox-memory.js';
import { SchedulerControl } from './scheduler-control.js';
import { SlackSimulator } from './slack-simulator.js';
import { buildSnapshot } from './state-snapshot.js';
import { loadStaticFiles, pageDirectory } from './static-files.js';
import { VirtualClock } from './virtual-clock.js';
import { createDeps } from '../create-deps.js';
import { connectToSlack } from '../slack-connection.js';
import { createSlackFetch, SLACK_CALL_DEADLINE_MS } from '../slack-http.js';

/**
 * `npm start` without Slack credentials: the real app, run against a Slack that lives in this process.
 *
 * One HTTP server on PORT serves the page, the page's JSON API (/sandbox/api/), and the fake Slack Web API
 * (/fake-slack/api/, with response_urls under /fake-slack/response_url/). The Bolt app is the same createApp() as
 * in production, with a generated signing secret and bot token, listening on an ephemeral 127.0.0.1 port; the
 * sandbox sends it signed requests exactly as Slack would, and its Web API calls come back to the fake. Data goes
 * to the configured database (PGlite by default). Check-ins run through the real scheduler on a pretend clock
 * that the page can move forward.
 */

export interface SandboxOptions {
  config: Config;
  database: Pick<DatabaseHandle, 'db' | 'ping'>;
  catalog: Catalog;
  logger: Logger;
  /** Defaults to config.http.port. 0 picks a free port (tests). */
  port?: number;
  /** Defaults to sandboxHost(config.http). */
  host?: string;
  /** How often the background check-in tick runs (default 15 s); 0 turns it off. */
  tickMs?: number;
  /**
   * Where the sandbox keeps its conversation and clock across restarts (see SandboxMemory), normally the PGlite
   * data folder; without it the sandbox starts empty every time.
   */
  memoryDir?: string;
}

export interface Sandbox {
  /** Where the page is, e.g. http://localhost:3000. */
  readonly url: string;
  readonly port: number;
  readonly clock: VirtualClock;
  readonly fake: FakeSlack;
  close(): Promise<void>;
}

/**
 * Where the sandbox listens. The app's HOST default (0.0.0.0) suits a Slack-facing server; the sandbox has no
 * authentication and lets anyone who reaches it act as any of its people, so unless HOST was set on purpose it
 * stays on the loopback interface (in Docker, set HOST=0.0.0.0 to reach it from outside the container).
 */
export function sandboxHost(http: { host: string; hostSet: boolean }): string {
  return http.hostSet ? http.host : '127.0.0.1';
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { config, logger } = options;
  // Only the credential-less mode may build this app: with real credentials, real Slack is the only Slack.
  if (config.slack.mode !== 'sandbox' || config.slack.botToken || config.slack.signingSecret || config.slack.appToken) {
    throw new Error('The sandbox runs only when no Slack credentials are configured');
  }
  const host = options.host ?? sandboxHost(config.http);
  const clock = new VirtualClock();
  let memory: SandboxMemory | undefined;
  const feed = new ChangeFeed(25, () => memory?.saveSoon());
  const page = await loadStaticFiles(pageDirectory(import.meta.dirname));

  let routes: { fake: FakeSlack; api: SandboxApi } | undefined;
  const server = http.createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      logger.error('sandbox: request failed', { path: req.url }, error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', message: 'The sandbox failed; see the server log.' });
      else res.destroy();
    });
  });
  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const pathname = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
    if (!addressedToSandbox(req.headers.host, host)) return sendJson(res, 421, { ok: false, error: 'misdirected_request' });
    if (!routes) return sendJson(res, 503, { ok: false, error: 'starting' });
    if (pathname.startsWith('/fake-slack/')) {
      if (await routes.fake.handleRequest(req, res)) feed.changed();
      else sendJson(res, 404, { ok: false, error: 'not_found' });
      return;
    }
    if (await routes.api(req, res, pathname)) return;
    if (req.method === 'GET' && pathname === '/healthz') return void (await health(res, options.database));
    if (req.method === 'GET' && page.serve(pathname, res)) return;
    sendJson(res, 404, { ok: false, error: 'not_found' });
  };
  const port = await listen(server, options.port ?? config.http.port, host);

  try {
    // The app reaches the fake through the loopback interface whatever the public address is.
    const internal = `http://${internalHost(host)}:${port}`;
    const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
    const signingSecret = randomBytes(32).toString('hex');
    const fake = new FakeSlack({
      baseUrl: `${internal}/fake-slack`,
      teamId: SANDBOX_TEAM.id,
      teamName: SANDBOX_TEAM.name,
      teamDomain: SANDBOX_TEAM.domain,
      botUserId: SANDBOX_BOT.userId,
      botId: SANDBOX_BOT.botId,
      appId: SANDBOX_BOT.appId,
      botToken,
      users: [...SANDBOX_USERS],
      now: () => clock.nowMs(),
    });
    const local = new LocalMessages(() => clock.nowMs());
    if (options.memoryDir) {
      memory = new SandboxMemory({ dir: options.memoryDir, fake, local, clock, logger });
      const loaded = await memory.load();
      if (loaded === 'restored') logger.info(`sandbox: conversation and clock restored from ${memory.file}`);
    }
    const appConfig: Config = Object.freeze({
      ...config,
      slack: Object.freeze({ mode: 'http' as const, botToken, signingSecret, appToken: undefined, apiUrl: fake.apiUrl, oauth: undefined }),
    });
    const deps: Deps = createDeps({ config: appConfig, db: options.database.db, catalog: options.catalog, logger, now: () => clock.now() });
    // The fake must be reachable first: Bolt calls auth.test while it initialises.
    routes = { fake, api: async () => false };
    const slack = connectToSlack(appConfig.slack, { logger });
    const slackHttp = createSlackFetch({ defaultTimeoutMs: SLACK_CALL_DEADLINE_MS });
    const app = createApp(deps, { ping: () => options.database.ping(), slack, fetch: slackHttp.fetch });
    const boltServer = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    const bolt = createBoltForwarder({ eventsUrl: `http://127.0.0.1:${(boltServer.address() as AddressInfo).port}/slack/events`, signingSecret });

    const slackApi = createSenderClient(appConfig, { fetch: slackHttp.fetch });
    const simulator = new SlackSimulator({ fake, bolt, local, clock, feed, slackApi, logger });
    const scheduler = new SchedulerControl({
      deps,
      client: slackApi,
      clock,
      teamId: SANDBOX_TEAM.id,
      userIds: SANDBOX_USERS.map((u) => u.id),
      workerId: `sandbox-${process.pid}-${randomBytes(4).toString('hex')}`,
    });
    const tickMs = options.tickMs ?? 15_000;
    if (config.reminders.enabled && tickMs > 0) scheduler.startTicker(tickMs);
    const snapshot = async (userId: string) =>
      buildSnapshot({ userId, fake, simulator, local, clock, version: feed.current, nextCheckin: await scheduler.nextCheckin(userId) });
    routes = { fake, api: createSandboxApi({ simulator, scheduler, clock, feed, snapshot }) };

    const url = `http://${publicHost(host)}:${port}`;
    return {
      url,
      port,
      clock,
      fake,
      async close() {
        await scheduler.stop();
        slack.stop();
        await app.stop().catch((error: unknown) => logger.warn('sandbox: stopping the app failed', error));
        slackHttp.close();
        await memory?.close();
        feed.close();
        await closeServer(server);
      },
    };
  } catch (error) {
    feed.close();
    await closeServer(server);
    throw error;
  }
}

async function health(res: http.ServerResponse, database: Pick<DatabaseHandle, 'ping'>): Promise<void> {
  const ok = await database.ping().catch(() => false);
  sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down', mode: 'sandbox' });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // The page's event stream and fetch keep-alive connections would hold close() open forever.
    server.closeAllConnections();
  });
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '']);

function internalHost(host: string): string {
  if (ANY_ADDRESS.has(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** What to print: `localhost` for the loopback or any-address binds, the host itself otherwise. */
function publicHost(host: string): string {
  if (ANY_ADDRESS.has(host) || host === '127.0.0.1' || host === '::1') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
