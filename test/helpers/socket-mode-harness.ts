import type { App } from '@slack/bolt';
import { createSlackFetch, SLACK_CALL_DEADLINE_MS } from '../../src/slack-http.js';
import { createApp } from '../../src/app.js';
import type { Catalog } from '../../src/catalog/query.js';
import type { Deps } from '../../src/deps.js';
import { createLogContext } from '../../src/log-context.js';
import { startFakeSlack, type FakeResponseUrlPost, type FakeSlack, type FakeSlackUser, type FakeView, type SocketModeAck } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { buildCommandBody, buildEventBody, buildMessageActionPayload, buildViewSubmissionPayload } from '../../src/sandbox/slack-payloads.js';
import { connectToSlack } from '../../src/slack-connection.js';
import { createSocketModeConnection } from '../../src/socket-mode-connection.js';
import { shippedCatalog } from './catalog.js';
import { actionFor, findElement, TEAM, USERS } from './slack-app-harness.js';
import type { TestDatabase } from './test-database.js';
import { APP_TOKEN, BOT_TOKEN, captureLogger, testDeps } from './test-deps.js';

/**
 * The real Bolt app in Socket Mode against the fake Slack: `apps.connections.open`, a WebSocket, envelopes in and acks
 * out, as Slack does it. The Socket Mode twin of slack-app-harness.ts (which drives the HTTP receiver).
 */

const GENERAL = { id: 'C0GENERAL', name: 'general' };

export interface SocketModeHarness {
  fake: FakeSlack;
  deps: Deps;
  app: App;
  logs: string[];
  /** `/skill <text>` as a slash_commands envelope; the reply comes in the ack or on the response_url. */
  command(text: string, options?: { user?: FakeSlackUser }): Promise<{ ack: SocketModeAck; reply: FakeResponseUrlPost }>;
  /** Like `command`, for verbs that answer with a modal: resolves with the ack alone. */
  commandOnly(text: string, options?: { user?: FakeSlackUser }): Promise<SocketModeAck>;
  /** Clicks a button in a message the app sent; resolves with the ack and the reply to its response_url. */
  click(message: { blocks?: unknown[]; ts?: string }, actionId: string | RegExp, options?: { user?: FakeSlackUser }): Promise<{ ack: SocketModeAck; reply: FakeResponseUrlPost }>;
  /** Submits a modal (view_submission, whose ack may carry `response_action`). */
  submit(view: FakeView, values: unknown, options?: { user?: FakeSlackUser }): Promise<SocketModeAck>;
  event(event: Record<string, unknown>): Promise<SocketModeAck>;
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startSocketModeHarness(options: { database: TestDatabase; catalog?: Catalog }): Promise<SocketModeHarness> {
  const fake = await startFakeSlack({ teamId: TEAM, botToken: BOT_TOKEN, appToken: APP_TOKEN, users: Object.values(USERS) });
  const logContext = createLogContext();
  const logger = captureLogger('info', logContext.current);
  const logs = logger.lines;
  const deps = testDeps(options.database.db, { mode: 'socket', apiUrl: fake.apiUrl, logLevel: 'info', logger, catalog: options.catalog ?? (await shippedCatalog()) });
  const slack = connectToSlack(deps.config.slack, { logger });
  // A 1 s ping timeout: the SDK also waits that long before reconnecting after `disconnect` (5 s by default).
  const socketMode = createSocketModeConnection({ logger, initialDelayMs: 50, maxDelayMs: 500, pingTimeoutMs: 1000 });
  const slackHttp = createSlackFetch({ defaultTimeoutMs: SLACK_CALL_DEADLINE_MS });
  const app = createApp(deps, { ping: () => options.database.ping(), slack, logContext, socketMode, fetch: slackHttp.fetch });
  await slack.firstAttempt;
  await app.start();

  const waitFor: SocketModeHarness['waitFor'] = async (check, what, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value as NonNullable<typeof value>;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nlogs:\n${logs.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const replyTo = (url: string) => {
    const id = url.split('/').pop()!;
    return waitFor(() => fake.responses.find((r) => r.id === id), `a reply to ${url}`);
  };
  /** Slack shows a reply carried in the ack like one posted to the response_url; post it there so the fake keeps it. */
  const showAckReply = async (ack: SocketModeAck, responseUrl: string) => {
    if (Object.keys(ack.payload).length === 0) return;
    await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ack.payload) });
  };
  const slackApp = { apiAppId: fake.appId };
  const team = { id: TEAM, domain: 'skills' };
  const userRef = (user: FakeSlackUser) => ({ id: user.id, name: user.name, teamId: TEAM });
  const sendCommand = async (text: string, user: FakeSlackUser) => {
    const responseUrl = fake.createResponseUrl({ channel: GENERAL.id, userId: user.id });
    const form = buildCommandBody({ app: slackApp, team, user: userRef(user), channel: GENERAL, command: '/skill', text, responseUrl, triggerId: fake.issueTriggerId({ userId: user.id }) });
    // Over Socket Mode a slash command's payload is the same fields as JSON instead of a form.
    const ack = await fake.socketMode.send('slash_commands', Object.fromEntries(new URLSearchParams(form))).acked;
    return { ack, responseUrl };
  };

  return {
    fake,
    deps,
    app,
    logs,
    waitFor,
    async command(text, opts = {}) {
      const { ack, responseUrl } = await sendCommand(text, opts.user ?? USERS.en);
      await showAckReply(ack, responseUrl);
      return { ack, reply: await replyTo(responseUrl) };
    },
    async commandOnly(text, opts = {}) {
      return (await sendCommand(text, opts.user ?? USERS.en)).ack;
    },
    async click(message, actionId, opts = {}) {
      const user = opts.user ?? USERS.en;
      const { block, element } = findElement(message.blocks ?? [], actionId);
      const responseUrl = fake.createResponseUrl({ channel: GENERAL.id, userId: user.id, messageTs: message.ts ?? '1700000000.000100' });
      const payload = buildMessageActionPayload({
        app: slackApp,
        team,
        user: userRef(user),
        channel: GENERAL,
        message: { ts: message.ts ?? '1700000000.000100', ephemeral: true },
        action: actionFor(element as Record<string, unknown>, block.block_id, {}),
        responseUrl,
        triggerId: fake.issueTriggerId({ userId: user.id }),
      });
      const ack = await fake.socketMode.send('interactive', payload).acked;
      return { ack, reply: await replyTo(responseUrl) };
    },
    async submit(view, values, opts = {}) {
      const user = opts.user ?? USERS.en;
      const payload = buildViewSubmissionPayload({
        app: slackApp,
        team: { id: view.team_id, domain: 'skills' },
        user: userRef(user),
        view: { ...view },
        stateValues: values as Record<string, unknown>,
        triggerId: fake.issueTriggerId({ userId: user.id }),
      });
      return fake.socketMode.send('interactive', payload, { acceptsResponsePayload: true }).acked;
    },
    async event(event) {
      const body = JSON.parse(buildEventBody({ app: slackApp, teamId: TEAM, botUserId: fake.botUserId, event, nowSec: Date.now() / 1000 })) as Record<string, unknown>;
      return fake.socketMode.send('events_api', body).acked;
    },
    async close() {
      slack.stop();
      await app.stop();
      slackHttp.close();
      await fake.close();
    },
  };
}
