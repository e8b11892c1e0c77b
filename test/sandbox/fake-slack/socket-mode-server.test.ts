import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeSlack, type FakeSlack } from '../../../src/sandbox/fake-slack/fake-slack-server.js';

/** The fake's Socket Mode (docs/slack-limits.md#socket-mode), spoken to with a plain WebSocket client. */

const APP_TOKEN = 'xapp-1-fake-0001';

async function open(fake: FakeSlack, token = APP_TOKEN): Promise<{ ok: boolean; url?: string; error?: string }> {
  const response = await fetch(`${fake.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as { ok: boolean; url?: string; error?: string };
}

/** Connects and collects every message Slack sends, in order. */
async function connect(url: string): Promise<{ ws: WebSocket; messages: Record<string, unknown>[]; next(type: string): Promise<Record<string, unknown>> }> {
  const ws = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = async (type: string) => {
    const deadline = Date.now() + 2000;
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { ws, messages, next };
}

describe('fake Slack: Socket Mode', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: 'xoxb-fake', appToken: APP_TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('opens a connection only with the app-level token, and each URL only once', async () => {
    expect(await open(fake, 'xoxb-fake')).toMatchObject({ ok: false, error: 'not_allowed_token_type' });
    expect(await open(fake, 'xapp-1-someone-else')).toMatchObject({ ok: false, error: 'invalid_auth' });
    const { ok, url } = await open(fake);
    expect(ok).toBe(true);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\/link\?ticket=/);
    const first = await connect(url!);
    expect(await first.next('hello')).toMatchObject({ type: 'hello', connection_info: { app_id: fake.appId } });
    const again = new WebSocket(url!);
    const refused = await new Promise<string>((resolve) => again.once('unexpected-response', (_req, res) => resolve(String(res.statusCode))).once('error', (error) => resolve(error.message)));
    expect(refused).toMatch(/401/);
    first.ws.close();
    await new Promise((resolve) => first.ws.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the server sees the close too
  });

  it('holds envelopes until a connection says hello, records each ack with its payload, and asks for reconnects', async () => {
    const delivery = fake.socketMode.send('slash_commands', { command: '/skill', text: 'nats' });
    const { url } = await open(fake);
    const client = await connect(url!);
    const envelope = await client.next('slash_commands');
    expect(envelope).toMatchObject({ envelope_id: delivery.envelopeId, accepts_response_payload: true, payload: { command: '/skill', text: 'nats' } });
    client.ws.send(JSON.stringify({ envelope_id: delivery.envelopeId, payload: { text: 'the card' } }));
    expect(await delivery.acked).toEqual({ envelopeId: delivery.envelopeId, payload: { text: 'the card' } });
    expect(fake.socketMode.ackCount(delivery.envelopeId)).toBe(1);

    fake.socketMode.requestReconnect();
    expect(await client.next('disconnect')).toMatchObject({ reason: 'refresh_requested' });
    // Nothing new goes to a connection told to reconnect: this event waits for the next one.
    const event = fake.socketMode.send('events_api', { type: 'event_callback', event: { type: 'app_home_opened' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.messages.some((m) => m.type === 'events_api')).toBe(false);
    client.ws.close();
    const reconnected = await connect((await open(fake)).url!);
    expect(await reconnected.next('events_api')).toMatchObject({ envelope_id: event.envelopeId, retry_attempt: 0, accepts_response_payload: false });
    reconnected.ws.close();
  });
});
