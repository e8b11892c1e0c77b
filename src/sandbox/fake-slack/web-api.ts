/**
 * One `POST /api/<method>` call from arrival to answer: parse the arguments, take any injected fault, check the
 * token and the channel rate limit, run the method, record the call, answer. The order matters: a fault answers
 * before anything is checked, and `dropConnection` / `afterProcessing` faults let the call take effect first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiResult, type Args, fail, type WebApiMethods } from './api-result.js';
import type { CallLog } from './call-log.js';
import type { ChannelRateLimit } from './channel-rate-limit.js';
import { type FaultQueue, faultToResult, sleep } from './faults.js';
import { parseArgs, sendJson, sendText } from './http-io.js';
import type { FakeSlackCall } from './types.js';
import { str } from './values.js';

export interface WebApiDeps {
  now: () => number;
  /** When set, calls without this bearer token fail with `not_authed` / `invalid_auth`. */
  botToken: string | undefined;
  /** The same for the app-level token that `apps.connections.open` (Socket Mode) takes instead. */
  appToken?: string | undefined;
  /** Tokens issued through OAuth (oauth.ts): accepted beside `botToken` while not expired or revoked. */
  oauth?: { check(token: string): 'ok' | 'token_expired' | 'token_revoked' | undefined };
  methods: WebApiMethods;
  faults: FaultQueue;
  rateLimit: ChannelRateLimit;
  callLog: CallLog;
}

/** Methods called with the app-level token rather than the bot token. */
const APP_TOKEN_METHODS: Readonly<Record<string, true>> = { 'apps.connections.open': true };
/** Methods called with no token: the client id and secret in the arguments authenticate them. */
const NO_TOKEN_METHODS: Readonly<Record<string, true>> = { 'oauth.v2.access': true };

export class WebApi {
  constructor(private readonly deps: WebApiDeps) {}

  async handle(method: string, req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const { faults, rateLimit, callLog } = this.deps;
    const at = this.deps.now();
    const parsed = parseArgs(req.headers['content-type'], raw, url.searchParams);
    const { token: bodyToken, ...args } = parsed.args;
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : str(bodyToken);
    const record = (result: ApiResult | undefined, extra: Partial<FakeSlackCall> = {}): void => {
      const call: FakeSlackCall = { method, args, response: result?.body, status: result?.status ?? 0, at, ...extra };
      if (token !== undefined) call.token = token;
      callLog.record(call);
    };

    const fault = faults.take(method);
    if (fault?.delayMs) await sleep(fault.delayMs);
    const faultResult = fault ? faultToResult(fault) : undefined;
    if (fault && faultResult) {
      record(faultResult, { fault });
      sendJson(res, faultResult);
      return;
    }

    const result = parsed.error ?? this.checkAuth(method, token) ?? rateLimit.check(method, args) ?? this.dispatch(method, args, token);
    if (fault && 'dropConnection' in fault) {
      record(result, { fault, dropped: true });
      req.socket.destroy();
      return;
    }
    if (fault && 'afterProcessing' in fault) {
      const status = fault.status ?? 200;
      record(result, { fault });
      sendText(res, status, fault.body ?? JSON.stringify({ ok: false, error: `http_${status}` }));
      return;
    }
    record(result, fault ? { fault } : {});
    sendJson(res, result);
  }

  private dispatch(method: string, args: Args, token: string | undefined): ApiResult {
    const handler = this.deps.methods[method];
    return handler ? handler(args, { token }) : fail('unknown_method');
  }

  private checkAuth(method: string, token: string | undefined): ApiResult | undefined {
    if (method in APP_TOKEN_METHODS) {
      // Slack wants the app-level token (`xapp-…`) here and refuses a bot token by its type.
      if (!token) return fail('not_authed');
      if (!token.startsWith('xapp-')) return fail('not_allowed_token_type');
      return this.deps.appToken !== undefined && token !== this.deps.appToken ? fail('invalid_auth') : undefined;
    }
    if (method in NO_TOKEN_METHODS) return undefined;
    const issued = token ? this.deps.oauth?.check(token) : undefined;
    if (issued === 'ok') return undefined;
    if (issued) return fail(issued);
    const { botToken } = this.deps;
    if (botToken === undefined) return undefined;
    if (!token) return fail('not_authed');
    if (token !== botToken) return fail('invalid_auth');
    return undefined;
  }
}
