import { WebClient } from '@slack/web-api';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDeliveries } from '../../src/db/repositories/checkin-deliveries.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { CHECKIN_EVENT_TYPE } from '../../src/ids.js';
import { classifySlackError, runSchedulerPass, type SchedulerPassOptions } from '../../src/reminders/run.js';
import { countingStatements, describeEachDatabase } from '../helpers/test-database.js';
import { dbNow, deliveryStats, duplicates, fakeUsers, postsPerDelivery, seedSchedules, TEAM, testSender, userId } from '../helpers/checkins.js';
import { BOT_TOKEN, captureLogger, quietLogger, testDeps, type CapturedLogger } from '../helpers/test-deps.js';

// Generous enough that a busy 2-core CI box (other test files run alongside) never times out a healthy call;
// SLOW_REPLY_MS is a reply that is certainly past it.
const SEND_TIMEOUT_MS = 1500;
const SLOW_REPLY_MS = SEND_TIMEOUT_MS + 1000;
const PASS: Omit<SchedulerPassOptions, 'workerId'> = { leaseSeconds: 10, sendTimeoutMs: SEND_TIMEOUT_MS };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('scheduler pass against a fake Slack', (database) => {
  let fake: FakeSlack;
  let logger: CapturedLogger;
  let client: WebClient;
  const deps = () => testDeps(database.db, { apiUrl: fake.apiUrl, logger });
  const pass = (options: Partial<SchedulerPassOptions> = {}) => runSchedulerPass(deps(), client, { workerId: 'w1', ...PASS, ...options });
  const expireLeases = () => database.db.updateTable('checkin_deliveries').set({ locked_until: sql<Date>`now() - interval '1 second'` }).where('status', '=', 'sending').execute();
  const makeReady = () => database.db.updateTable('checkin_deliveries').set({ run_after: sql<Date>`now() - interval '1 second'` }).where('status', '=', 'pending').execute();
  const delivery = (user: number) =>
    database.db.selectFrom('checkin_deliveries').selectAll().where('user_id', '=', userId(user)).orderBy('id', 'desc').executeTakeFirstOrThrow();

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(10, { locale: (i) => (i % 2 ? 'es-ES' : 'en-US') }) });
    logger = captureLogger();
    client = testSender(fake, SEND_TIMEOUT_MS);
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends each due check-in once, in the person language, with the delivery id in metadata', async () => {
    await seedSchedules(database.db, { count: 6, withAssessments: true, locale: (i) => (i % 2 ? 'es-ES' : 'en-US') });
    const result = await pass();
    expect(result).toMatchObject({ emitted: 6, claimed: 6, sent: 6, errors: 0, timedOut: false });

    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(6);
    const ids = (await database.db.selectFrom('checkin_deliveries').select(['id', 'user_id', 'status', 'slack_ts', 'dm_channel']).execute()).map((d) => {
      expect(d.status).toBe('sent');
      expect(d.slack_ts).toMatch(/^\d+\.\d{6}$/);
      expect(d.dm_channel).toBe(fake.dmChannelFor(d.user_id));
      return String(d.id);
    });
    for (const post of posts) {
      assertValidMessage(post.args as { text?: unknown; blocks?: unknown });
      const metadata = post.args.metadata as { event_type: string; event_payload: { delivery_id: string } };
      expect(metadata.event_type).toBe(CHECKIN_EVENT_TYPE);
      expect(ids).toContain(metadata.event_payload.delivery_id);
    }
    expect(fake.dmsTo(userId(1))[0]!.text).toContain('3 semanas desde tu última evaluación');
    expect(fake.dmsTo(userId(0))[0]!.text).toContain('3 weeks since your last assessment');
    // Goals were typed by the person: escaped in the DM.
    expect(JSON.stringify(fake.dmsTo(userId(0))[0]!.blocks)).not.toContain('<!channel>');

    expect(await pass()).toMatchObject({ emitted: 0, claimed: 0, sent: 0 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(6);
    // The DM channel is stored on the schedule: the next occurrence does not open it again.
    const schedules = await database.db.selectFrom('checkin_schedules').select(['dm_channel', 'next_run_at']).execute();
    expect(schedules.every((s) => s.dm_channel?.startsWith('D'))).toBe(true);
    const nextWeek = new Date(Math.max(...schedules.map((s) => s.next_run_at!.getTime())) + 1000);
    expect(await pass({ now: nextWeek })).toMatchObject({ emitted: 6, sent: 6 });
    expect(fake.callsTo('conversations.open')).toHaveLength(6);
    expect(duplicates(postsPerDelivery(fake)).duplicated).toBe(0);
  });

  it('works in sets: at most half an SQL statement per delivery once DMs are open (claim, load, mark per batch)', async () => {
    const people = 120;
    for (const user of fakeUsers(people).slice(10)) fake.addUser(user);
    await seedSchedules(database.db, { count: people, withAssessments: true });
    expect(await pass()).toMatchObject({ emitted: people, sent: people, errors: 0 });
    const { db: counted, statements } = countingStatements(database.db);
    const schedules = await database.db.selectFrom('checkin_schedules').select('next_run_at').execute();
    const nextWeek = new Date(Math.max(...schedules.map((s) => s.next_run_at!.getTime())) + 1000);
    const result = await runSchedulerPass(testDeps(counted, { apiUrl: fake.apiUrl, logger }), client, { workerId: 'w1', ...PASS, now: nextWeek });
    expect(result).toMatchObject({ emitted: people, sent: people, errors: 0 });
    expect(duplicates(postsPerDelivery(fake)).duplicated).toBe(0);
    // Every post still carries the right person's message.
    expect(fake.dmsTo(userId(people - 1)).at(-1)!.text).toContain('since your last assessment');
    expect(statements.length / people).toBeLessThanOrEqual(0.5);
  });

  it('429 with Retry-After: that delivery waits Retry-After; the rest of the workspace is given back, not hammered', async () => {
    await seedSchedules(database.db, { count: 5, withAssessments: true });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 }, 1);
    const started = performance.now();
    const limited = await pass({ concurrency: 1 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(limited).toMatchObject({ claimed: 5, sent: 0, rateLimited: 1, released: 4, dead: 0 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1); // one 429, not one per row
    // The next tick sends the four that were given back (their attempt was not counted).
    const result = await pass();
    expect(result).toMatchObject({ sent: 4, rateLimited: 0, dead: 0 });
    const waiting = await database.db.selectFrom('checkin_deliveries').selectAll().where('status', '=', 'pending').executeTakeFirstOrThrow();
    const lag = waiting.run_after.getTime() - (await dbNow(database.db)).getTime();
    expect(lag).toBeGreaterThan(5000);
    expect(lag).toBeLessThanOrEqual(7000);
    expect(waiting.last_error).toBe('ratelimited');
    expect(await pass()).toMatchObject({ claimed: 0 });
    await makeReady();
    expect(await pass()).toMatchObject({ sent: 1 });
    expect([...postsPerDelivery(fake).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('429 without Retry-After: rescheduled with backoff, not lost', async () => {
    await seedSchedules(database.db, { count: 2, withAssessments: true });
    fake.failNext('chat.postMessage', { status: 429 }, 1);
    expect(await pass()).toMatchObject({ sent: 1, rateLimited: 1 });
    await makeReady();
    expect(await pass()).toMatchObject({ sent: 1 });
    expect(await deliveryStats(database.db)).toEqual({ total: 2, byStatus: { sent: 2 } });
  });

  it('a slow reply past the timeout is ambiguous: left sending, then found in the DM without a second post', async () => {
    await seedSchedules(database.db, { count: 3, withAssessments: true });
    fake.failNext('chat.postMessage', { delayMs: SLOW_REPLY_MS }, 1);
    expect(await pass()).toMatchObject({ sent: 2, ambiguous: 1 });
    const stuck = await database.db.selectFrom('checkin_deliveries').selectAll().where('status', '=', 'sending').executeTakeFirstOrThrow();
    await sleep(SLOW_REPLY_MS - SEND_TIMEOUT_MS + 300); // the fake finishes posting after the client gave up
    expect(await pass()).toMatchObject({ claimed: 0 }); // lease still held
    await expireLeases();
    expect(await pass()).toMatchObject({ claimed: 1, reconciled: 1, sent: 0, blindResends: 0 });
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
    expect(await delivery(Number(stuck.user_id.slice(1)))).toMatchObject({ status: 'sent' });
    expect(duplicates(postsPerDelivery(fake))).toMatchObject({ duplicated: 0 });
    expect(postsPerDelivery(fake).size).toBe(3);
  });

  it('a dropped connection after Slack accepted the post: reconciled, no duplicate', async () => {
    await seedSchedules(database.db, { count: 2, withAssessments: true });
    fake.failNext('chat.postMessage', { dropConnection: true }, 1);
    expect(await pass()).toMatchObject({ sent: 1, ambiguous: 1 });
    await expireLeases();
    expect(await pass()).toMatchObject({ reconciled: 1 });
    expect(await deliveryStats(database.db)).toEqual({ total: 2, byStatus: { sent: 2 } });
    expect(duplicates(postsPerDelivery(fake)).duplicated).toBe(0);
  });

  it('an expired lease with nothing in the DM is re-sent once; a second unknown outcome is parked, not re-sent', async () => {
    await seedSchedules(database.db, { count: 2, withAssessments: true });
    await pass({ claimBatch: 0 }); // emit only
    // A worker claimed both and died before posting anything; its leases expire.
    await claimDeliveries(database.db, { workerId: 'crashed', batch: 2, leaseSeconds: 30 });
    for (const u of [0, 1]) {
      await database.db.updateTable('checkin_deliveries').set({ dm_channel: fake.dmChannelFor(userId(u)) }).where('user_id', '=', userId(u)).execute();
    }
    await database.db.updateTable('checkin_deliveries').set({ blind_resends: 1 }).where('user_id', '=', userId(1)).execute();
    await expireLeases();
    const result = await pass();
    expect(result).toMatchObject({ claimed: 2, sent: 1, blindResends: 1, dead: 1, reconciled: 0 });
    expect(await delivery(0)).toMatchObject({ status: 'sent', blind_resends: 1 });
    expect(await delivery(1)).toMatchObject({ status: 'dead', last_error: expect.stringMatching(/^ambiguous: /) });
    expect(fake.dmsTo(userId(1))).toHaveLength(0);
    expect(logger.lines.some((l) => l.includes('ERROR') && l.includes('check-in parked') && l.includes(userId(1)))).toBe(true);
  });

  it('ok:false transient errors and HTTP 5xx are retried with backoff, then sent', async () => {
    await seedSchedules(database.db, { count: 3, withAssessments: true });
    fake.failNext('chat.postMessage', { error: 'service_unavailable' }, 1);
    fake.failNext('conversations.open', { status: 500 }, 1);
    const first = await pass({ concurrency: 1 });
    expect(first).toMatchObject({ sent: 1, retried: 2, dead: 0 });
    const pending = await database.db.selectFrom('checkin_deliveries').select(['last_error', 'run_after', 'status']).where('status', '=', 'pending').execute();
    expect(pending.map((p) => p.last_error).sort()).toEqual(['http_500', 'service_unavailable']);
    await makeReady();
    expect(await pass()).toMatchObject({ sent: 2 });
    expect(duplicates(postsPerDelivery(fake)).duplicated).toBe(0);
  });

  it('internal_error may have posted: the DM is checked before the retry', async () => {
    await seedSchedules(database.db, { count: 1, withAssessments: true });
    fake.failNext('chat.postMessage', { error: 'internal_error' }, 1);
    expect(await pass()).toMatchObject({ retried: 1 });
    expect(await delivery(0)).toMatchObject({ status: 'pending', last_error: 'uncertain: internal_error' });
    await makeReady();
    expect(await pass()).toMatchObject({ sent: 1, blindResends: 1 });
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
  });

  it.each([
    ['HTTP 500', { afterProcessing: true, status: 500 }, 'uncertain: http_500'],
    ['an unreadable body', { afterProcessing: true, body: 'not json' }, 'uncertain: unreadable_response'],
  ] as const)('a post Slack carried out but answered with %s is found in the DM, not sent twice', async (_name, fault, mark) => {
    await seedSchedules(database.db, { count: 2, withAssessments: true });
    fake.failNext('chat.postMessage', fault, 1);
    expect(await pass({ concurrency: 1 })).toMatchObject({ sent: 1, retried: 1 });
    const waiting = await database.db.selectFrom('checkin_deliveries').selectAll().where('status', '=', 'pending').executeTakeFirstOrThrow();
    await makeReady();
    const second = await pass();
    // What the person sees: one DM, not two.
    expect(fake.dmsTo(waiting.user_id)).toHaveLength(1);
    expect(duplicates(postsPerDelivery(fake)).duplicated).toBe(0);
    expect(second).toMatchObject({ claimed: 1, reconciled: 1, sent: 0, blindResends: 0 });
    expect(waiting.last_error).toBe(mark);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
    expect(await deliveryStats(database.db)).toEqual({ total: 2, byStatus: { sent: 2 } });
  });

  it('a run of 5xx answers that posted nothing: each retry looks first, then sends once; the check-in is not parked', async () => {
    await seedSchedules(database.db, { count: 1, withAssessments: true });
    fake.failNext('chat.postMessage', { status: 503 }, 3);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await pass()).toMatchObject({ retried: 1, dead: 0 });
      await makeReady();
    }
    expect(await pass()).toMatchObject({ sent: 1, dead: 0 });
    expect(await delivery(0)).toMatchObject({ status: 'sent', blind_resends: 0 });
    expect(fake.callsTo('conversations.history')).toHaveLength(3);
    expect(fake.dmsTo(userId(0))).toHaveLength(1);
  });

  it('permanent errors: dead, schedule stopped, logged with team/user/delivery and never the token', async () => {
    await seedSchedules(database.db, { count: 2, withAssessments: true, firstUser: 8 });
    await seedSchedules(database.db, { count: 1, withAssessments: true, firstUser: 50 }); // not a Slack user
    fake.failNext('chat.postMessage', { error: 'cannot_dm_bot' }, 1);
    const result = await pass({ concurrency: 1 });
    expect(result).toMatchObject({ sent: 1, dead: 2, stopped: 2 });
    const stopped = await database.db.selectFrom('checkin_schedules').select(['user_id', 'stopped_reason', 'next_run_at']).where('stopped_reason', 'is not', null).orderBy('user_id').execute();
    expect(stopped.map((s) => s.stopped_reason).sort()).toEqual(['cannot_dm_bot', 'user_not_found']);
    expect(stopped.every((s) => s.next_run_at === null)).toBe(true);
    expect(await delivery(50)).toMatchObject({ status: 'dead', last_error: 'user_not_found' });
    const line = logger.lines.find((l) => l.includes('user_not_found'))!;
    expect(line).toContain('ERROR');
    expect(line).toContain(`"teamId":"${TEAM}"`);
    expect(line).toContain(`"userId":"${userId(50)}"`);
    expect(line).toMatch(/"deliveryId":\d+/);
    expect(logger.lines.join('\n')).not.toContain(BOT_TOKEN);
    // A stopped schedule is never due again.
    const later = await pass({ now: new Date(Date.now() + 30 * 24 * 3600_000) });
    expect(later.emitted + later.skipped).toBe(1);
  });

  it('a token error stops the pass and stops nobody\'s schedule: the delivery waits for a working token', async () => {
    await seedSchedules(database.db, { count: 5, withAssessments: true });
    fake.failNext('conversations.open', { error: 'invalid_auth' }, 1);
    const result = await pass({ concurrency: 1 });
    expect(result).toMatchObject({ claimed: 5, dead: 0, stopped: 0, retried: 1, sent: 0, released: 4 });
    expect(await deliveryStats(database.db)).toEqual({ total: 5, byStatus: { pending: 5 } });
    const schedules = await database.db.selectFrom('checkin_schedules').select('stopped_reason').execute();
    expect(schedules.every((s) => s.stopped_reason === null)).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/ERROR .*does not accept the bot token.*invalid_auth/);
    expect(await pass()).toMatchObject({ sent: 4 }); // the fifth waits its 5 minutes
    const waiting = await database.db.selectFrom('checkin_deliveries').select(['status', 'run_after']).where('status', '=', 'pending').execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.run_after.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
  });

  it('a payload Slack rejects goes dead without stopping the schedule', async () => {
    await seedSchedules(database.db, { count: 1, withAssessments: true });
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' }, 1);
    expect(await pass()).toMatchObject({ dead: 1, stopped: 0 });
    const schedule = await database.db.selectFrom('checkin_schedules').selectAll().executeTakeFirstOrThrow();
    expect(schedule.stopped_reason).toBeNull();
    expect(schedule.next_run_at).not.toBeNull();
  });

  it('has a hard time limit even when a Slack call hangs longer than promised', async () => {
    await seedSchedules(database.db, { count: 1, withAssessments: true });
    fake.failNext('chat.postMessage', { delayMs: 1000 }, 1);
    const slowClient = testSender(fake, 10_000); // lies: its timeout is far above sendTimeoutMs
    const started = performance.now();
    const result = await runSchedulerPass(deps(), slowClient, { workerId: 'w1', leaseSeconds: 3, sendTimeoutMs: 100, passTimeoutMs: 700 });
    expect(result.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(950);
    await sleep(400); // let the hung request finish before the fake closes
  });
});

describe('scheduler options and error classification', () => {
  it('refuses a lease too short for the send timeout', async () => {
    const deps = testDeps(undefined as never);
    await expect(runSchedulerPass(deps, new WebClient('xoxb-x'), { workerId: 'w', leaseSeconds: 1, sendTimeoutMs: 1000 })).rejects.toThrow(/leaseSeconds/);
  });

  it('classifies Web API errors', async () => {
    const fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(1) });
    const client = testSender(fake, SEND_TIMEOUT_MS);
    const failure = async (fault: Parameters<FakeSlack['failNext']>[1]) => {
      fake.failNext('chat.postMessage', fault, 1);
      try {
        await client.chat.postMessage({ channel: userId(0), text: 'x' });
        return 'no error';
      } catch (error) {
        return classifySlackError(error);
      }
    };
    try {
      expect(await failure({ status: 429, retryAfter: 3 })).toEqual({ kind: 'rate-limited', code: 'ratelimited', retryAfterSeconds: 3 });
      expect(await failure({ status: 429 })).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: undefined });
      expect(await failure({ error: 'user_not_found' })).toEqual({ kind: 'permanent', code: 'user_not_found' });
      expect(await failure({ error: 'invalid_blocks' })).toEqual({ kind: 'rejected', code: 'invalid_blocks' });
      expect(await failure({ error: 'fatal_error' })).toEqual({ kind: 'transient', code: 'fatal_error', uncertain: true });
      // A 5xx or an unreadable answer may hide a post (Slack's edge can fail after the work is done).
      expect(await failure({ status: 503 })).toEqual({ kind: 'transient', code: 'http_503', uncertain: true });
      expect(await failure({ afterProcessing: true, body: '<html>Bad gateway</html>' })).toEqual({ kind: 'transient', code: 'unreadable_response', uncertain: true });
      expect(await failure({ afterProcessing: true, body: '' })).toEqual({ kind: 'transient', code: 'unreadable_response', uncertain: true });
      expect(await failure({ delayMs: SLOW_REPLY_MS })).toEqual({ kind: 'ambiguous', code: 'timeout' });
      expect(await failure({ dropConnection: true })).toMatchObject({ kind: 'ambiguous' });
      expect(classifySlackError(new Error('database is down'))).toBeUndefined();
    } finally {
      await sleep(SLOW_REPLY_MS - SEND_TIMEOUT_MS + 300);
      await fake.close();
    }
  });

  it("regression guard: the SDK's default retries double-post a slow reply; the sender client posts once", async () => {
    const fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(2) });
    try {
      fake.failNext('chat.postMessage', { delayMs: 500 }, 1);
      const defaults = new WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, timeout: 200, logger: quietLogger() });
      await defaults.chat.postMessage({ channel: userId(0), text: 'default client' });
      await sleep(400);
      expect(fake.dmsTo(userId(0))).toHaveLength(2);

      fake.failNext('chat.postMessage', { delayMs: 500 }, 1);
      await expect(testSender(fake, 200).chat.postMessage({ channel: userId(1), text: 'sender client' })).rejects.toThrow();
      await sleep(400);
      expect(fake.dmsTo(userId(1))).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
