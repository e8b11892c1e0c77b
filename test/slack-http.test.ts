import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackFetch } from '../src/slack-http.js';

/** A local server that records what arrives and answers as each test asks. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: number;
}

describe('the keep-alive Slack fetch', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: (req: IncomingMessage, res: import('node:http').ServerResponse) => void;
  let sockets = 0;
  const slackHttp = createSlackFetch({ defaultTimeoutMs: 300 });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), socket: (req.socket as unknown as { n: number }).n });
        answer(req, res);
      });
    });
    server.on('connection', (socket) => Object.assign(socket, { n: (sockets += 1) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    slackHttp.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'x-two': ['a', 'b'] }).end('{"ok":true}');
  });

  it('sends what the global fetch sends: method, path, body and the headers Slack reads', async () => {
    const form = () => new URLSearchParams({ channel: 'D1', text: 'hé ✓', blocks: '[{"type":"divider"}]' });
    await globalThis.fetch(`${base}/api/chat.postMessage`, { method: 'POST', headers: { authorization: 'Bearer xoxb-1' }, body: form() });
    await slackHttp.fetch(`${base}/api/chat.postMessage`, { method: 'POST', headers: { authorization: 'Bearer xoxb-1' }, body: form() });
    await globalThis.fetch(`${base}/respond`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"ñ"}' });
    await slackHttp.fetch(`${base}/respond`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"ñ"}' });
    const read = (s: Seen) => ({ method: s.method, url: s.url, body: s.body, type: s.headers['content-type'], length: s.headers['content-length'], auth: s.headers.authorization });
    expect(read(seen[1]!)).toEqual(read(seen[0]!));
    expect(read(seen[3]!)).toEqual(read(seen[2]!));
  });

  it('answers with a Response: status, headers (repeated ones joined) and body', async () => {
    answer = (_req, res) => res.writeHead(429, { 'retry-after': '7', 'x-two': ['a', 'b'] }).end('slow down');
    const response = await slackHttp.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' });
    expect(response.status).toBe(429);
    expect(response.ok).toBe(false);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-two')).toBe('a, b');
    expect(await response.text()).toBe('slow down');
  });

  it('serves every way the Slack clients read an answer: json, a clone, bytes, header entries and the stream', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'x-two': ['a', 'b'] }).end('{"ok":true,"n":"ñ"}');
    const response = await slackHttp.fetch(`${base}/api/chat.postMessage`, { method: 'POST', body: 'a=1' });
    expect(response.url).toBe(`${base}/api/chat.postMessage`);
    expect(response.ok).toBe(true);
    // The metrics wrapper reads a clone while the Web API client reads the answer itself.
    expect(await response.clone().json()).toEqual({ ok: true, n: 'ñ' });
    expect(await response.json()).toEqual({ ok: true, n: 'ñ' });
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('{"ok":true,"n":"ñ"}');
    expect(Object.fromEntries(response.headers.entries())).toMatchObject({ 'content-type': 'application/json', 'x-two': 'a, b' });
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(await new Response(response.body).text()).toBe('{"ok":true,"n":"ñ"}');

    answer = (_req, res) => res.writeHead(200).end('<html>');
    const error = await (await slackHttp.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' })).json().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it('keeps the connection: calls in a row share one socket', async () => {
    for (let i = 0; i < 5; i += 1) await (await slackHttp.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' })).text();
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });

  it('gives a call that brings no deadline its default one, rejecting as fetch does on a timeout', async () => {
    answer = () => undefined; // never answers
    const started = performance.now();
    const error = await slackHttp.fetch(`${base}/respond`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("keeps the caller's own signal", async () => {
    answer = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(slackHttp.fetch(`${base}/respond`, { method: 'POST', body: '{}', signal: controller.signal })).rejects.toThrow('caller gave up');
  });

  it('fails with a TypeError carrying the cause when nothing listens, as fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = (await slackHttp.fetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'a=1' }).catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('refuses a redirect instead of posting twice', async () => {
    answer = (_req, res) => res.writeHead(302, { location: '/elsewhere' }).end();
    await expect(slackHttp.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' })).rejects.toThrow(TypeError);
    expect(seen.map((s) => s.url)).toEqual(['/api/x']);
  });

  it('hands a multipart body (a file upload) to the global fetch, with the deadline', async () => {
    const form = new FormData();
    form.append('file', new Blob(['a,b\n1,2\n']), 'history.csv');
    const response = await slackHttp.fetch(`${base}/upload`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(seen[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.body).toContain('a,b\n1,2\n');
  });
});
