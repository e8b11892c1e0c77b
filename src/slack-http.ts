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

    const headers = new Headers(init.headers);
    const payload = body === undefined || body === null ? undefined : Buffer.from(body.toString());
    if (payload) {
      // What fetch would send for these bodies when the caller sets no type.
      if (!headers.has('content-type')) headers.set('content-type', body instanceof URLSearchParams ? 'application/x-www-form-urlencoded;charset=UTF-8' : 'text/plain;charset=UTF-8');
      headers.set('content-length', String(payload.length));
    }
    const method = (init.method ?? 'GET').toUpperCase();
    const agent = agents[url.protocol as keyof typeof agents];
    const transport = url.protocol === 'https:' ? https : http;

    const response = await new Promise<Response>((resolve, reject) => {
      const fail = (error: unknown) => reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      const request = transport.request(url, { method, headers: Object.fromEntries(headers), agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('the response was cut off')));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) responseHeaders.append(name, one);
          }
          try {
            resolve(new Response(NO_BODY_STATUS.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
          } catch (error) {
            fail(error); // a status Response refuses (outside 200–599): as fetch, a network error
          }
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
    return response;
  };

  return {
    fetch: slackFetch as typeof globalThis.fetch,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
