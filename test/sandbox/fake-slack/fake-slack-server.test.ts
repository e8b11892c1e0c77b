import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { type Logger, LogLevel, WebClient, type WebAPIPlatformError, type WebClientOptions } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, type FakeSlackUser, startFakeSlack } from '../../../src/sandbox/fake-slack/fake-slack-server.js';

const TOKEN = 'xoxb-test-token';
const ana: FakeSlackUser = { id: 'U0ANA', teamId: 'T0FAKE0001', name: 'ana', realName: 'Ana García', tz: 'Europe/Madrid', locale: 'es-ES' };
const bob: FakeSlackUser = { id: 'U0BOB', teamId: 'T0FAKE0001', name: 'bob', tz: 'America/New_York', locale: 'en-US' };

/** The client logs `[ERROR]` response lines; keep test output quiet. */
const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

let clock: number;
let fake: FakeSlack;

function client(token: string | undefined, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger, ...options });
}

/** Runs a call expected to fail and returns the error for inspection. */
async function failure(promise: Promise<unknown>): Promise<WebAPIPlatformError & { retryAfter?: number; statusCode?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as WebAPIPlatformError;
  }
  throw new Error('expected the call to fail');
}

/** Slack's `errors[]` on invalid_blocks (not in the client's result type). */
const errorsOf = (error: WebAPIPlatformError): string[] | undefined => (error.data as { errors?: string[] }).errors;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (extra: Record<string, unknown> = {}) => ({ type: 'modal', title: { type: 'plain_text', text: 'Assess' }, blocks: [section('Hi')], ...extra });

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 15, 12, 0, 0);
  fake = await startFakeSlack({ botToken: TOKEN, users: [ana, bob], now: () => clock });
});

afterEach(async () => {
  await fake.close();
});

describe('auth', () => {
  it('answers auth.test like Slack', async () => {
    const result = await client(TOKEN).auth.test();
    expect(result).toMatchObject({ ok: true, user_id: fake.botUserId, bot_id: fake.botId, team_id: fake.teamId, team: 'Fake Team', url: 'https://fake-team.slack.com/' });
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(fake.calls[0]?.token).toBe(TOKEN);
  });

  it('rejects a wrong token with invalid_auth and a missing one with not_authed', async () => {
    expect((await failure(client('xoxb-wrong').auth.test())).data.error).toBe('invalid_auth');
    expect((await failure(client(undefined).auth.test())).data.error).toBe('not_authed');
    expect(fake.calls.map((c) => c.token)).toEqual(['xoxb-wrong', undefined]);
  });

  it('answers unknown methods with unknown_method', async () => {
    expect((await failure(client(TOKEN).apiCall('skills.levitate'))).data.error).toBe('unknown_method');
  });
});

describe('users.info', () => {
  it('returns tz, tz_label and tz_offset, and locale only with include_locale', async () => {
    const without = await client(TOKEN).users.info({ user: ana.id });
    expect(without.user).toMatchObject({ id: ana.id, tz: 'Europe/Madrid', tz_offset: 3600, real_name: 'Ana García' });
    expect(without.user?.tz_label).toMatch(/Central European/);
    expect(without.user).not.toHaveProperty('locale');

    const withLocale = await client(TOKEN).users.info({ user: ana.id, include_locale: true });
    expect(withLocale.user?.locale).toBe('es-ES');
  });

  it('reflects setUser and reports unknown users', async () => {
    fake.setUser(bob.id, { tz: 'Asia/Kolkata', locale: 'hi-IN' });
    const result = await client(TOKEN).users.info({ user: bob.id, include_locale: true });
    expect(result.user).toMatchObject({ tz: 'Asia/Kolkata', tz_offset: 19800, locale: 'hi-IN' });
    expect((await failure(client(TOKEN).users.info({ user: 'U0NOBODY' }))).data.error).toBe('user_not_found');
  });
});

describe('chat.*', () => {
  it('posts to a user id into that user’s IM, the same channel conversations.open returns', async () => {
    const web = client(TOKEN);
    const first = await web.chat.postMessage({ channel: ana.id, text: 'Hola', blocks: [section('Hola *Ana*')] });
    const opened = await web.conversations.open({ users: ana.id });
    expect(first.channel).toMatch(/^D/);
    expect(opened.channel?.id).toBe(first.channel);
    expect(fake.dmChannelFor(ana.id)).toBe(first.channel);

    const second = await web.chat.postMessage({ channel: first.channel as string, text: 'Again' });
    expect(fake.dmsTo(ana.id).map((m) => m.text)).toEqual(['Hola', 'Again']);
    expect(fake.dmsTo(bob.id)).toEqual([]);
    expect(first.message).toMatchObject({ text: 'Hola', user: fake.botUserId, bot_id: fake.botId });
    // ts are unique and increasing even with a frozen clock.
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    // The recorded args have blocks JSON-decoded.
    expect(fake.callsTo('chat.postMessage')[0]?.args.blocks).toEqual([section('Hola *Ana*')]);
  });

  it('rejects invalid blocks with invalid_blocks and Slack’s error shape', async () => {
    const error = await failure(client(TOKEN).chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: [section('y'.repeat(3001))] }));
    expect(error.code).toBe('slack_webapi_platform_error');
    expect(error.data.error).toBe('invalid_blocks');
    expect(errorsOf(error)).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(error.data.response_metadata?.messages).toEqual(['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(fake.messagesIn('C0GENERAL')).toEqual([]);
  });

  it('rejects blocks without a fallback text, unless configured like real Slack', async () => {
    const error = await failure(client(TOKEN).chat.postMessage({ channel: 'C0GENERAL', blocks: [section('y')] } as never));
    expect(error.data.error).toBe('invalid_blocks');
    expect(errorsOf(error)?.[0]).toContain('[json-pointer:/text]');

    const lenient = await startFakeSlack({ requireFallbackText: false });
    try {
      const web = new WebClient(TOKEN, { slackApiUrl: lenient.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
      await expect(web.chat.postMessage({ channel: 'C0GENERAL', blocks: [section('y')] } as never)).resolves.toMatchObject({ ok: true });
    } finally {
      await lenient.close();
    }
  });

  it('answers no_text, msg_blocks_too_long and channel_not_found', async () => {
    const web = client(TOKEN);
    expect((await failure(web.chat.postMessage({ channel: 'C0GENERAL', text: '' }))).data.error).toBe('no_text');
    const long = Array.from({ length: 5 }, () => section('z'.repeat(2500)));
    expect((await failure(web.chat.postMessage({ channel: 'C0GENERAL', text: 't', blocks: long }))).data.error).toBe('msg_blocks_too_long');
    expect((await failure(web.chat.postMessage({ channel: 'D0UNKNOWN', text: 't' }))).data.error).toBe('channel_not_found');
  });

  it('truncates text over 40,000 characters and warns message_truncated', async () => {
    const result = await client(TOKEN).chat.postMessage({ channel: 'C0GENERAL', text: 'a'.repeat(40_001) });
    expect(result.ok).toBe(true);
    expect(result.response_metadata?.warnings).toEqual(['message_truncated']);
    expect(fake.messagesIn('C0GENERAL')[0]?.text).toHaveLength(40_000);
  });

  it('updates, deletes and posts ephemerals', async () => {
    const web = client(TOKEN);
    const posted = await web.chat.postMessage({ channel: 'C0GENERAL', text: 'v1' });
    expect((await failure(web.chat.update({ channel: 'C0GENERAL', ts: '1.000001', text: 'v2' }))).data.error).toBe('message_not_found');
    const updated = await web.chat.update({ channel: 'C0GENERAL', ts: posted.ts as string, text: 'v2' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    expect(fake.messagesIn('C0GENERAL')[0]).toMatchObject({ text: 'v2', edited: { user: fake.botUserId } });

    const ephemeral = await web.chat.postEphemeral({ channel: 'C0GENERAL', user: bob.id, text: 'only you' });
    expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.ephemeralsTo(bob.id)).toEqual([expect.objectContaining({ text: 'only you', channel: 'C0GENERAL' })]);

    await web.chat.delete({ channel: 'C0GENERAL', ts: posted.ts as string });
    expect(fake.messagesIn('C0GENERAL')).toEqual([]);
    expect(fake.deletedMessages).toHaveLength(1);
  });
});

describe('conversations.history', () => {
  it('returns newest first, filters by oldest/limit, and includes metadata only when asked', async () => {
    const web = client(TOKEN);
    const channel = fake.dmChannelFor(ana.id);
    const ts: string[] = [];
    for (const n of [1, 2, 3]) {
      clock += 1000;
      const r = await web.chat.postMessage({ channel, text: `reminder ${n}`, metadata: { event_type: 'reminder_sent', event_payload: { n } } });
      ts.push(r.ts as string);
    }
    expect((await web.chat.postMessage({ channel, text: 'reply', thread_ts: ts[0] })).ok).toBe(true);

    const plain = await web.conversations.history({ channel });
    expect(plain.messages?.map((m) => m.text)).toEqual(['reminder 3', 'reminder 2', 'reminder 1']);
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');

    const withMeta = await web.conversations.history({ channel, include_all_metadata: true, oldest: ts[0], limit: 1 });
    expect(withMeta.messages).toHaveLength(1);
    expect(withMeta.messages?.[0]).toMatchObject({ text: 'reminder 3', metadata: { event_type: 'reminder_sent', event_payload: { n: 3 } } });
    expect(withMeta.has_more).toBe(true);

    const next = await web.conversations.history({ channel, oldest: ts[0], limit: 1, cursor: withMeta.response_metadata?.next_cursor as string });
    expect(next.messages?.map((m) => m.text)).toEqual(['reminder 2']);
    expect((await failure(web.conversations.history({ channel: 'D0NEVER' }))).data.error).toBe('channel_not_found');
    await expect(web.conversations.history({ channel: 'C0QUIET' })).resolves.toMatchObject({ messages: [], has_more: false });
  });
});

describe('views', () => {
  it('opens a modal with a fresh trigger and refuses reused, expired and unknown triggers', async () => {
    const web = client(TOKEN);
    const trigger = fake.issueTriggerId({ userId: ana.id });
    const opened = await web.views.open({ trigger_id: trigger, view: modal() as never });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), hash: expect.any(String), type: 'modal', root_view_id: opened.view?.id });
    expect(fake.openViews().map((v) => v.id)).toEqual([opened.view?.id]);
    expect(fake.openViews()[0]?.user_id).toBe(ana.id);

    expect((await failure(web.views.open({ trigger_id: trigger, view: modal() as never }))).data.error).toBe('exchanged_trigger_id');
    const stale = fake.issueTriggerId();
    clock += 3001;
    expect((await failure(web.views.open({ trigger_id: stale, view: modal() as never }))).data.error).toBe('expired_trigger_id');
    expect((await failure(web.views.open({ trigger_id: '1.2.3', view: modal() as never }))).data.error).toBe('invalid_trigger_id');
  });

  it('rejects invalid views with invalid_arguments and /view pointers', async () => {
    const web = client(TOKEN);
    const error = await failure(web.views.open({ trigger_id: fake.issueTriggerId(), view: modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }) as never }));
    expect(error.data.error).toBe('invalid_arguments');
    expect(error.data.response_metadata?.messages).toEqual(['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]']);

    const withInput = modal({ blocks: [{ type: 'input', label: { type: 'plain_text', text: 'Notes' }, element: { type: 'plain_text_input' } }] });
    const noSubmit = await failure(web.views.open({ trigger_id: fake.issueTriggerId(), view: withInput as never }));
    expect(noSubmit.data.response_metadata?.messages).toEqual(['[ERROR] must define submit to use input block [json-pointer:/view/blocks/0/input]']);
  });

  it('checks hash on views.update and finds views by external_id', async () => {
    const web = client(TOKEN);
    const opened = await web.views.open({ trigger_id: fake.issueTriggerId(), view: modal({ external_id: 'assess:ana' }) as never });
    const id = opened.view?.id as string;
    const hash = opened.view?.hash as string;

    const updated = await web.views.update({ view_id: id, hash, view: modal({ blocks: [section('Step 2')] }) as never });
    expect(updated.view?.hash).not.toBe(hash);
    expect(updated.view?.external_id).toBe('assess:ana');
    expect((await failure(web.views.update({ view_id: id, hash, view: modal() as never }))).data.error).toBe('hash_conflict');

    const byExternal = await web.views.update({ external_id: 'assess:ana', view: modal({ blocks: [section('Step 3')] }) as never });
    expect(byExternal.view?.id).toBe(id);
    expect(fake.viewById(id)?.blocks).toEqual([section('Step 3')]);
    expect((await failure(web.views.update({ view_id: 'V0NOPE', view: modal() as never }))).data.error).toBe('not_found');
    expect((await failure(web.views.update({ external_id: 'nope', view: modal() as never }))).data.error).toBe('not_found');
  });

  it('allows two pushes and then answers push_limit_reached', async () => {
    const web = client(TOKEN);
    const root = await web.views.open({ trigger_id: fake.issueTriggerId({ userId: ana.id }), view: modal() as never });
    const rootId = root.view?.id as string;
    const first = await web.views.push({ trigger_id: fake.issueTriggerId({ viewId: rootId }), view: modal() as never });
    expect(first.view).toMatchObject({ previous_view_id: rootId, root_view_id: rootId });
    await web.views.push({ trigger_id: fake.issueTriggerId({ viewId: first.view?.id as string }), view: modal() as never });
    const error = await failure(web.views.push({ trigger_id: fake.issueTriggerId({ userId: ana.id }), view: modal() as never }));
    expect(error.data.error).toBe('push_limit_reached');
    expect(fake.openViews()).toHaveLength(3);
    fake.closeView(first.view?.id as string);
    expect(fake.openViews().map((v) => v.id)).toEqual([rootId]);
  });

  it('publishes Home tabs per user', async () => {
    const web = client(TOKEN);
    const home = { type: 'home', blocks: [section('Your ladder')] };
    const first = await web.views.publish({ user_id: ana.id, view: home as never });
    const second = await web.views.publish({ user_id: ana.id, hash: first.view?.hash as string, view: { ...home, blocks: [section('Updated')] } as never });
    expect(second.view?.id).toBe(first.view?.id);
    expect(fake.homeViewFor(ana.id)?.blocks).toEqual([section('Updated')]);
    expect(fake.homeViewFor(bob.id)).toBeUndefined();
    expect((await failure(web.views.publish({ user_id: ana.id, hash: first.view?.hash as string, view: home as never }))).data.error).toBe('hash_conflict');
    expect((await failure(web.views.publish({ user_id: ana.id, view: modal() as never }))).data.error).toBe('invalid_arguments');
  });
});

describe('response_url', () => {
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, text: await r.text() }));

  it('replaces the original message, then allows 5 uses in total', async () => {
    const posted = await client(TOKEN).chat.postMessage({ channel: 'C0GENERAL', text: 'Card v1' });
    const url = fake.createResponseUrl({ channel: 'C0GENERAL', userId: ana.id, messageTs: posted.ts as string });
    expect(url.startsWith(`${fake.url}/response_url/`)).toBe(true);

    expect((await post(url, { replace_original: true, text: 'Card v2' })).status).toBe(200);
    expect(fake.messagesIn('C0GENERAL')).toEqual([expect.objectContaining({ ts: posted.ts, text: 'Card v2' })]);
    expect(fake.responses[0]).toMatchObject({ outcome: 'replaced', messageTs: posted.ts, body: { replace_original: true, text: 'Card v2' } });

    expect((await post(url, { text: 'just for you' })).status).toBe(200);
    expect(fake.ephemeralsTo(ana.id).map((e) => e.text)).toEqual(['just for you']);
    expect((await post(url, { response_type: 'in_channel', text: 'Everyone' })).status).toBe(200);
    expect(fake.messagesIn('C0GENERAL').map((m) => m.text)).toEqual(['Card v2', 'Everyone']);
    expect((await post(url, { text: 'four' })).status).toBe(200);
    expect((await post(url, { delete_original: true })).status).toBe(200);
    expect(fake.messagesIn('C0GENERAL').map((m) => m.text)).toEqual(['Everyone']);

    const sixth = await post(url, { text: 'six' });
    expect(sixth.status).toBeGreaterThanOrEqual(400);
    expect(fake.responses.map((r) => r.outcome)).toEqual(['replaced', 'ephemeral', 'in_channel', 'ephemeral', 'deleted', 'rejected']);
  });

  it('expires after 30 minutes and answers 400 invalid_blocks for bad blocks', async () => {
    const url = fake.createResponseUrl({ channel: 'C0GENERAL', userId: ana.id });
    expect(await post(url, { text: 't', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'no' } }] })).toEqual({ status: 400, text: 'invalid_blocks' });
    clock += 30 * 60 * 1000 + 1;
    expect((await post(url, { text: 'late' })).status).toBe(404);
    expect((await post(`${fake.url}/response_url/unknown`, { text: 'x' })).status).toBe(404);
  });
});

describe('faults and rate limits', () => {
  it('surfaces an injected 429 as slack_webapi_rate_limited_error with rejectRateLimitedCalls', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const error = await failure(client(TOKEN, { rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C0GENERAL', text: 'x' }));
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(7);
    expect(fake.messagesIn('C0GENERAL')).toEqual([]);
    // The fault was used up: the next call succeeds.
    await expect(client(TOKEN).chat.postMessage({ channel: 'C0GENERAL', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('limits chat.postMessage per channel when asked', async () => {
    fake.rateLimitPerChannel(1);
    const web = client(TOKEN, { rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: 'C0ONE', text: 'a' });
    await web.chat.postMessage({ channel: 'C0TWO', text: 'a' });
    expect((await failure(web.chat.postMessage({ channel: 'C0ONE', text: 'b' }))).code).toBe('slack_webapi_rate_limited_error');
    clock += 1000;
    await expect(web.chat.postMessage({ channel: 'C0ONE', text: 'c' })).resolves.toMatchObject({ ok: true });
    expect(fake.messagesIn('C0ONE').map((m) => m.text)).toEqual(['a', 'c']);
    // A user id and its IM share one budget.
    await web.chat.postMessage({ channel: ana.id, text: 'dm' });
    expect((await failure(web.chat.postMessage({ channel: fake.dmChannelFor(ana.id), text: 'dm again' }))).code).toBe('slack_webapi_rate_limited_error');
  });

  it('injects ok:false errors, 500s, slow replies and dropped connections', async () => {
    const web = client(TOKEN);
    fake.failNext('chat.postMessage', { error: 'fatal_error' });
    expect((await failure(web.chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).data.error).toBe('fatal_error');

    fake.failNext('chat.postMessage', { status: 500 });
    const http500 = await failure(web.chat.postMessage({ channel: 'C0GENERAL', text: 'x' }));
    expect(http500.code).toBe('slack_webapi_http_error');
    expect(http500.statusCode).toBe(500);

    fake.failNext('users.info', { delayMs: 60 });
    const started = Date.now();
    await expect(web.users.info({ user: ana.id })).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);

    expect(fake.messagesIn('C0GENERAL')).toEqual([]);
    fake.failNext('chat.postMessage', { dropConnection: true });
    expect((await failure(web.chat.postMessage({ channel: 'C0GENERAL', text: 'maybe' }))).code).toBe('slack_webapi_request_error');
    // Ambiguous outcome: the client saw an error, but the message was posted.
    expect(fake.messagesIn('C0GENERAL').map((m) => m.text)).toEqual(['maybe']);
    expect(fake.callsTo('chat.postMessage').map((c) => c.dropped ?? false)).toEqual([false, false, true]);
  });

  it('processes a call and then answers 5xx or an unreadable body (afterProcessing)', async () => {
    const web = client(TOKEN);
    fake.failNext('chat.postMessage', { afterProcessing: true, status: 500 });
    const http500 = await failure(web.chat.postMessage({ channel: 'C0GENERAL', text: 'posted, then 500' }));
    expect(http500.code).toBe('slack_webapi_http_error');
    expect(http500.statusCode).toBe(500);

    fake.failNext('chat.postMessage', { afterProcessing: true, body: 'not json' });
    // The Web API client turns a 200 it cannot parse into ok:false with the raw text as the error.
    const garbage = await failure(web.chat.postMessage({ channel: 'C0GENERAL', text: 'posted, then garbage' }));
    expect(garbage.code).toBe('slack_webapi_platform_error');
    expect(garbage.data.error).toBe('not json');

    // Both were posted although the client saw an error; the calls record what would have been answered.
    expect(fake.messagesIn('C0GENERAL').map((m) => m.text)).toEqual(['posted, then 500', 'posted, then garbage']);
    expect(fake.callsTo('chat.postMessage').map((c) => (c.response as { ok?: boolean }).ok)).toEqual([true, true]);
  });

  it('waits for asynchronous calls', async () => {
    const waiting = fake.waitForCall('chat.postMessage', { predicate: (c) => c.args.text === 'later', timeoutMs: 1000 });
    setTimeout(() => void client(TOKEN).chat.postMessage({ channel: 'C0GENERAL', text: 'later' }), 10);
    await expect(waiting).resolves.toMatchObject({ method: 'chat.postMessage', status: 200 });
    await expect(fake.waitForCall('views.open', { timeoutMs: 20 })).rejects.toThrow(/timed out/);
  });
});

describe('embedding', () => {
  it('can be mounted inside another HTTP server under a path, and accepts JSON bodies', async () => {
    const host = http.createServer((req, res) => {
      void mounted.handleRequest(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(418);
          res.end('host route');
        }
      });
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const { port } = host.address() as AddressInfo;
    const mounted = new FakeSlack({ baseUrl: `http://127.0.0.1:${port}/fake-slack/`, users: [ana] });
    try {
      expect(mounted.apiUrl).toBe(`http://127.0.0.1:${port}/fake-slack/api/`);
      const web = new WebClient('any', { slackApiUrl: mounted.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
      await expect(web.chat.postMessage({ channel: ana.id, text: 'mounted' })).resolves.toMatchObject({ ok: true });
      expect(mounted.dmsTo(ana.id).map((m) => m.text)).toEqual(['mounted']);

      const json = await fetch(`${mounted.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: 'Bearer any' },
        body: JSON.stringify({ channel: 'C0JSON', text: 'json body', blocks: [section('json')] }),
      }).then((r) => r.json() as Promise<{ ok: boolean }>);
      expect(json.ok).toBe(true);
      expect(mounted.messagesIn('C0JSON')[0]?.blocks).toEqual([section('json')]);

      expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(418);
    } finally {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});

describe('with a real Bolt app', () => {
  it('serves auth.test at startup, views.open from a command trigger, respond() and say()', async () => {
    const app = new App({
      token: TOKEN,
      signingSecret: 'secret',
      logger: silentLogger,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/skill', async ({ ack, body, client: web, respond, say }) => {
      await ack();
      await web.views.open({ trigger_id: body.trigger_id, view: modal() as never });
      await respond({ text: 'Opening…', replace_original: false });
      await say({ text: 'Hello channel', blocks: [section('Hello *channel*')] });
    });
    const server = (await app.start(0)) as http.Server;
    try {
      const { port } = server.address() as AddressInfo;
      const params = new URLSearchParams({
        command: '/skill',
        text: '',
        user_id: ana.id,
        channel_id: 'C0GENERAL',
        team_id: fake.teamId,
        trigger_id: fake.issueTriggerId({ userId: ana.id }),
        response_url: fake.createResponseUrl({ channel: 'C0GENERAL', userId: ana.id }),
      });
      const raw = params.toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', 'secret').update(`v0:${ts}:${raw}`).digest('hex')}`;
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': signature },
        body: raw,
      });
      expect(res.status).toBe(200);
      await fake.waitForCall('chat.postMessage', { timeoutMs: 2000 });
      expect(fake.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
      expect(fake.openViews()).toEqual([expect.objectContaining({ type: 'modal', user_id: ana.id })]);
      expect(fake.responses).toEqual([expect.objectContaining({ outcome: 'ephemeral', status: 200 })]);
      expect(fake.messagesIn('C0GENERAL').map((m) => m.text)).toEqual(['Hello channel']);
    } finally {
      await app.stop();
    }
  });
});
