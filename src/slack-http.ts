import http from 'node:http';
import https from 'node:https';

/**
 * The `fetch` our Slack clients use (the Web API client, Bolt's `respond()`, the check-in sender): plain
 * `node:http(s)` over keep-alive agents. Two reasons (docs/slack-limits.md#the-http-client):
 *  - cost: the global `fetch` spends several times the CPU of a keep-alive `node:http` request on a small POST,
 *    which made it the largest part of a button click;
 *  - a deadline: Bolt's `respond()` passes no signal, so a response_url that never answers held the listener
 *    forever. A call that comes without a signal gets `defaultTimeoutMs`.
 * It behaves as `fetch` does where the callers look: the same request (method, headers, body), a `Response`, a
 * rejection with the signal's reason on abort and a `TypeError` with a `cause` on a network failure. Bodies it does
 * not handle itself (multipart file uploads, streams) go to the global `fetch`, with the same deadline.
 *
 * The answer is a `BufferedResponse`: the body is already in memory, so status, headers, `text()`, `json()`,
 * `arrayBuffer()` and `clone()` are served from it without building undici's `Response`, `Headers` and web streams
 * (those were ~12 % of a scheduler worker's CPU per check-in, and the metrics wrapper's `clone()` tee'd a stream per
 * call). The rarely used `body`, `blob()` and `formData()` hand over to a real `Response`.
 */

export interface SlackFetchOptions {
  /** Deadline for a call that brings no signal of its own. */
  defaultTimeoutMs: number;
  /** Sockets per host; calls beyond wait for a free one. */
  maxSockets?: number;
}

export interface SlackFetch {
  fetch: typeof globalThis.fetch;
  /** Closes the idle sockets (at shutdown). */
  close(): void;
}

/** The deadline of an interactive Slack call (Web API call or response_url post). */
export const SLACK_CALL_DEADLINE_MS = 10_000;

const NO_BODY_STATUS = new Set([101, 204, 205, 304]);

export function createSlackFetch(options: SlackFetchOptions): SlackFetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 50 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const slackFetch = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const signal = init.signal ?? AbortSignal.timeout(options.defaultTimeoutMs);
    const body = init.body;
    const simpleBody = body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams;
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
    if (!url || !simpleBody || !(url.protocol in agents)) return globalThis.fetch(input, { ...init, signal });
    signal.throwIfAborted();

    const headers = headerRecord(init.headers);
    const payload = body === undefined || body === null ? undefined : Buffer.from(body.toString());
    if (payload) {
      // What fetch would send for these bodies when the caller sets no type.
      headers['content-type'] ??= body instanceof URLSearchParams ? 'application/x-www-form-urlencoded;charset=UTF-8' : 'text/plain;charset=UTF-8';
      headers['content-length'] = String(payload.length);
    }
    const method = (init.method ?? 'GET').toUpperCase();
    const agent = agents[url.protocol as keyof typeof agents];
    const transport = url.protocol === 'https:' ? https : http;

    const response = await new Promise<BufferedResponse>((resolve, reject) => {
      const fail = (error: unknown) => reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      const request = transport.request(url, { method, headers, agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('the response was cut off')));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          // As fetch: a status a Response cannot carry is a network error.
          if (status < 200 || status > 599) return fail(new RangeError(`status ${status} is outside 200–599`));
          resolve(new BufferedResponse(url.href, status, res.statusMessage ?? '', new BufferedHeaders(res.headers), NO_BODY_STATUS.has(status) ? null : Buffer.concat(chunks)));
        });
      });
      request.on('error', fail);
      request.end(payload);
    });

    // Slack's API and response URLs do not redirect (the Web API client itself asks for `redirect: 'error'`); one
    // that does is refused rather than followed, since following would send the POST a second time.
    if (response.status >= 300 && response.status < 400 && response.headers.has('location') && init.redirect !== 'manual') {
      throw new TypeError('fetch failed', { cause: new Error(`unexpected redirect to ${response.headers.get('location')}`) });
    }
    return response as unknown as Response;
  };

  return {
    fetch: slackFetch as typeof globalThis.fetch,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** The request's headers as node:http takes them: names in lower case, a name given twice joined as Headers does. */
function headerRecord(init: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (!init) return record;
  const pairs = init instanceof Headers ? init.entries() : Array.isArray(init) ? init : Object.entries(init);
  for (const [name, value] of pairs as Iterable<[string, string]>) {
    const key = name.toLowerCase();
    record[key] = record[key] === undefined ? String(value) : `${record[key]}, ${value}`;
  }
  return record;
}

/** Response headers, read the way `Headers` reads them: any case, repeated ones joined with ", ". */
class BufferedHeaders {
  private readonly values = new Map<string, string>();
  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) if (value !== undefined) this.values.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return [...this.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[Symbol.iterator]();
  }
  keys(): IterableIterator<string> {
    return [...this.entries()].map(([name]) => name)[Symbol.iterator]();
  }
  forEach(callback: (value: string, name: string, headers: this) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A `Response` over a body already read (see the top of this file for why it is not undici's). */
class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  /** Reads are served from memory, so the body can be read again (a real Response would refuse). */
  readonly bodyUsed = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: BufferedHeaders,
    private readonly payload: Buffer | null,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  text(): Promise<string> {
    return Promise.resolve(this.payload ? this.payload.toString('utf8') : '');
  }
  /** Rejects with a SyntaxError on a body that is not JSON, as Response does. */
  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text) as unknown);
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.payload ?? Buffer.alloc(0);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  bytes(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.payload ?? Buffer.alloc(0)));
  }
  clone(): BufferedResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.payload);
  }
  // Nothing we run reads these; they stay correct by handing over to a real Response.
  get body(): ReadableStream<Uint8Array> | null {
    return this.real().body;
  }
  blob(): Promise<Blob> {
    return this.real().blob();
  }
  formData(): Promise<FormData> {
    return this.real().formData();
  }
  private real(): Response {
    return new Response(this.payload, { status: this.status, statusText: this.statusText, headers: [...this.headers.entries()] });
  }
}
