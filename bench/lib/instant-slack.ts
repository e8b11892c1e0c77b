import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Slack Web API and response_url endpoint that answers at once with canned JSON, for load.
 *
 * Why not src/fake-slack: that fake validates every Block Kit payload and keeps all state in memory, which is
 * right for tests but would spend the same 2 cores the server under test needs (and it allows a response_url only
 * 5 uses, like Slack). Payload correctness is the tests' job; here we only count, time and sample.
 *
 * - `POST /response/<stamp>`: unlimited posts. `<stamp>` is the sender's `process.hrtime.bigint()` when it sent
 *   the request that carried this URL; hrtime is CLOCK_MONOTONIC, shared by every process on the machine, so
 *   `now - stamp` is the end-to-end time even when the load generator is another process.
 * - `POST /api/<method>`: users.info (locale by user id parity), conversations.open, chat.postMessage (with an
 *   optional workspace-wide rate limit answering 429 + Retry-After), views.*, auth.test, conversations.history.
 */

export interface EndToEnd {
  stamp: bigint;
  ms: number;
}

export interface InstantSlack {
  apiUrl: string;
  responseUrlBase: string;
  /** Calls per Web API method. */
  calls: Map<string, number>;
  /** Every response_url post with a numeric stamp. */
  endToEnd: EndToEnd[];
  /** The first response_url body seen since the last reset, to check we measure what we think. */
  firstResponse: unknown;
  /** Accepted check-in posts per delivery id (from the message metadata), to count duplicates. */
  postsByDelivery: Map<string, number>;
  rateLimited: number;
  /** chat.postMessage limit over all channels, per rolling second; null = unlimited. */
  setWorkspaceLimit(perSecond: number | null): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startInstantSlack(): Promise<InstantSlack> {
  let limit: number | null = null;
  let window: number[] = [];
  let tsCounter = 0;
  const state: Omit<InstantSlack, 'apiUrl' | 'responseUrlBase' | 'setWorkspaceLimit' | 'reset' | 'close'> = {
    calls: new Map(),
    endToEnd: [],
    firstResponse: undefined,
    postsByDelivery: new Map(),
    rateLimited: 0,
  };

  const json = (res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  const api = (method: string, args: URLSearchParams, res: ServerResponse) => {
    state.calls.set(method, (state.calls.get(method) ?? 0) + 1);
    switch (method) {
      case 'users.info': {
        const user = args.get('user') ?? 'U0';
        const spanish = user.charCodeAt(user.length - 1) % 2 === 1;
        return json(res, { ok: true, user: { id: user, name: user, tz: spanish ? 'Europe/Madrid' : 'Europe/London', locale: spanish ? 'es-ES' : 'en-GB' } });
      }
      case 'conversations.open':
        return json(res, { ok: true, channel: { id: `D${(args.get('users') ?? '').slice(1)}` } });
      case 'chat.postMessage': {
        if (limit !== null) {
          const now = performance.now();
          window = window.filter((t) => t > now - 1000);
          if (window.length >= limit) {
            state.rateLimited += 1;
            state.calls.set('chat.postMessage (429)', (state.calls.get('chat.postMessage (429)') ?? 0) + 1);
            return json(res, { ok: false, error: 'ratelimited' }, 429, { 'retry-after': '1' });
          }
          window.push(now);
        }
        const metadata = args.get('metadata');
        if (metadata) {
          const id = String((JSON.parse(metadata) as { event_payload?: { delivery_id?: unknown } }).event_payload?.delivery_id ?? 'none');
          state.postsByDelivery.set(id, (state.postsByDelivery.get(id) ?? 0) + 1);
        }
        tsCounter += 1;
        return json(res, { ok: true, channel: args.get('channel'), ts: `1800000000.${String(tsCounter).padStart(6, '0')}` });
      }
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return json(res, { ok: true, view: { id: 'V0BENCH', hash: `h${tsCounter++}` } });
      case 'conversations.history':
        return json(res, { ok: true, messages: [], has_more: false });
      case 'auth.test':
        return json(res, { ok: true, team_id: 'T0BENCH001', user_id: 'U0BENCHBOT', bot_id: 'B0BENCHBOT', team: 'bench', user: 'bench' });
      default:
        return json(res, { ok: false, error: 'unknown_method' });
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = req.url ?? '/';
    if (path.startsWith('/response/')) {
      const stamp = path.slice('/response/'.length);
      if (/^\d+$/.test(stamp)) {
        const sent = BigInt(stamp);
        state.endToEnd.push({ stamp: sent, ms: Number(process.hrtime.bigint() - sent) / 1e6 });
      }
      if (state.firstResponse === undefined) state.firstResponse = parseJson(raw);
      return json(res, { ok: true });
    }
    const method = /^\/api\/([\w.]+)/.exec(path)?.[1];
    if (!method) return json(res, { ok: false, error: 'not_found' }, 404);
    const args = (req.headers['content-type'] ?? '').startsWith('application/json')
      ? new URLSearchParams(Object.entries((parseJson(raw) ?? {}) as Record<string, unknown>).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
      : new URLSearchParams(raw);
    return api(method, args, res);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    apiUrl: `${base}/api/`,
    responseUrlBase: `${base}/response`,
    setWorkspaceLimit(perSecond: number | null) {
      limit = perSecond;
      window = [];
    },
    reset() {
      state.calls.clear();
      state.endToEnd.length = 0;
      state.firstResponse = undefined;
      state.postsByDelivery.clear();
      state.rateLimited = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
