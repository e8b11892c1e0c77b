import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildEventBody, JSON_CONTENT_TYPE } from '../../src/sandbox/slack-payloads.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { databaseTargets, postgresTarget, type TestDatabase } from '../helpers/test-database.js';

/**
 * The real app over signed HTTP while Slack's auth.test hangs at start-up, and the request gate in front of Bolt
 * (signature timestamps, bodies that are not objects).
 */

const pglite = databaseTargets().find((t) => t.name === 'pglite')!;

async function healthOf(baseUrl: string): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('Slack hanging at start-up', () => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  beforeAll(async () => {
    database = await pglite.create();
    slack = await startSlackAppHarness({
      database,
      // auth.test hangs past the check's deadline three times, then answers.
      beforeStart: (fake) => fake.failNext('auth.test', { delayMs: 1500 }, 3),
      slackCheck: { timeoutMs: 200, initialDelayMs: 100 },
    });
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });

  it('answers meanwhile, says so on /healthz, and recovers when Slack does', async () => {
    // Before: Bolt awaited its one auth.test promise for every request, so nothing was answered (Bolt's 3 s
    // watchdog said 404), App Home was never published, /healthz said ok, and a failed auth.test was never retried.
    expect(await healthOf(slack.baseUrl)).toEqual({ status: 200, body: { status: 'degraded', database: 'up', slack: 'unreachable' } });
    const started = Date.now();
    const { reply } = await slack.command('nats senior');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(JSON.stringify(reply.body)).toContain('NATS / NATS JetStream · Senior');
    expect((await slack.event({ type: 'app_home_opened', user: USERS.en.id, channel: 'D0HOME', tab: 'home' })).status).toBe(200);
    await slack.waitFor(() => slack.fake.homeViewFor(USERS.en.id), 'App Home published while auth.test hangs');

    await slack.waitFor(() => slack.fake.callsTo('auth.test').length >= 4 && slack.logs.some((line) => line.includes('Slack: reachable again')), 'auth.test to succeed', 8000);
    expect(await healthOf(slack.baseUrl)).toEqual({ status: 200, body: { status: 'ok', database: 'up', slack: 'ok' } });
    expect(slack.logs.join('')).toMatch(/WARN .*Slack: auth\.test failed .*retrying in \d+ ms/);
  });
});

describe('a response_url that never answers', () => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  beforeAll(async () => {
    database = await pglite.create();
    slack = await startSlackAppHarness({ database, slackCallDeadlineMs: 300 });
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });

  it('a click gives up on it within the deadline and says so in the log, instead of waiting forever', async () => {
    // Before: Bolt's respond() posts with no deadline of its own, so this listener never finished and nothing was logged.
    const { reply } = await slack.command('nats senior', { user: USERS.en });
    slack.fake.failNext('response_url', { delayMs: 30_000 }, 2);
    await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks }, /^open_level:next/, { user: USERS.en, expectReply: false });
    await slack.waitFor(() => slack.logs.join('').includes('card action: could not tell the user about the failure'), 'the failure logged', 3000);
    expect(slack.logs.join('')).toMatch(/card action failed.*"userId":"U0ENGLISH".*TimeoutError/s);
  });
});

describe.skipIf(!postgresTarget())('/healthz with a database that does not answer', () => {
  it('answers 503 within its own deadline, naming the reason', async () => {
    // Before: /healthz waited as long as the ping did (7 s and more with the pool stuck behind a lock).
    const database = await postgresTarget()!.create();
    const slack = await startSlackAppHarness({ database });
    // Every pool connection busy for 3 s: the ping waits for a connection, as it would behind a held lock.
    const busy = Promise.allSettled(Array.from({ length: 20 }, () => sql`select pg_sleep(3)`.execute(database.db)));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const health = await healthOf(slack.baseUrl);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', slack: 'ok' });
      expect(['timeout', 'down']).toContain(health.body.database);
    } finally {
      await busy;
      await slack.close();
      await database.close();
    }
  });
});

describe('request gate in front of Bolt', () => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  const SECRET = 'test-signing-secret-0123456789';
  beforeAll(async () => {
    database = await pglite.create();
    slack = await startSlackAppHarness({ database });
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });
  afterEach(() => {
    slack.fake.clearFaults();
  });

  const event = () => buildEventBody({ app: { apiAppId: slack.fake.appId }, teamId: TEAM, botUserId: slack.fake.botUserId, event: { type: 'app_home_opened', user: USERS.en.id, channel: 'D0HOME', tab: 'messages' }, nowSec: Date.now() / 1000 });
  /** Signed exactly as Slack signs, with whatever timestamp header we are given. */
  const signedWith = (timestamp: string, body: string) =>
    fetch(`${slack.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': JSON_CONTENT_TYPE, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}` },
      body,
    }).then((response) => response.status);

  it('refuses signed requests from more than 5 minutes in the future, Infinity and non-numeric timestamps', async () => {
    // Before: Bolt refused only stale timestamps; these were all accepted (200).
    const now = Math.floor(Date.now() / 1000);
    // 10 s past the 5-minute window: the check happens a moment later, and a second boundary must not flip it.
    const body = event();
    expect(await signedWith(String(now + 310), body)).toBe(401);
    expect(await signedWith(String(now + 3600 * 24 * 365), body)).toBe(401);
    expect(await signedWith('Infinity', body)).toBe(401);
    expect(await signedWith(`${now}abc`, body)).toBe(401);
    expect(await signedWith(`${now}.5`, body)).toBe(401);
    expect(await signedWith(String(now - 310), body)).toBe(401);
    // A clock a minute apart is normal.
    expect(await signedWith(String(now + 60), body)).toBe(200);
    expect(await signedWith(String(now), body)).toBe(200);
  });

  it('answers 400 to signed bodies that are not objects, and the app keeps answering', async () => {
    const now = String(Math.floor(Date.now() / 1000));
    for (const body of ['null', '7', '[]', '"x"']) expect(await signedWith(now, body), body).toBe(400);
    expect(await signedWith(now, '{"type":')).toBe(400);
    expect((await slack.command('nats senior')).request.status).toBe(200);
  });

  it('puts team, user and request ids on Bolt\'s own warnings', async () => {
    const now = String(Math.floor(Date.now() / 1000));
    await signedWith(now, JSON.stringify({ type: 'not_a_slack_payload', team_id: TEAM, user_id: USERS.es.id }));
    const line = await slack.waitFor(() => slack.logs.find((l) => l.includes('Could not determine the type')), "Bolt's warning");
    expect(line).toContain(`"teamId":"${TEAM}"`);
    expect(line).toContain(`"userId":"${USERS.es.id}"`);
    expect(line).toMatch(/"requestId":"[0-9a-f-]{36}"/);
  });
});
