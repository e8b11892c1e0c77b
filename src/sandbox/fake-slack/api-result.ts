/**
 * What a Web API method answers. Slack answers HTTP 200 with `{ok:false, error}` for every method error; only
 * rate limits (429) and injected faults use other statuses (docs/slack-limits.md#the-web-api-client).
 */
import { type BlockKitProblem, formatProblem } from './block-kit-validator.js';
import type { Json } from './values.js';

/** Parsed arguments of one Web API call. */
export type Args = Record<string, unknown>;

export interface ApiResult {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

/** One Web API method of the fake, e.g. `chat.postMessage`. */
/** `token`: the one the call brought (auth.test answers for the workspace it belongs to). */
export type WebApiMethod = (args: Args, call: { token: string | undefined }) => ApiResult;
export type WebApiMethods = Readonly<Record<string, WebApiMethod>>;

export const ok = (body: Json = {}): ApiResult => ({ status: 200, body: { ok: true, ...body } });
export const fail = (error: string, extra: Json = {}): ApiResult => ({ status: 200, body: { ok: false, error, ...extra } });

/** HTTP 429 with an integer `Retry-After` in seconds: the only non-200 answer real Slack gives a valid call. */
export function rateLimited(retryAfterSeconds: number): ApiResult {
  return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'Retry-After': String(retryAfterSeconds) } };
}

/** Slack's `[ERROR] ... [json-pointer:...]` lines. */
function errorLines(problems: BlockKitProblem[]): string[] {
  return problems.map((p) => `[ERROR] ${formatProblem(p)}`);
}

export function invalidBlocks(error: string, problems: BlockKitProblem[]): ApiResult {
  return fail(error, { errors: problems.map(formatProblem), response_metadata: { messages: errorLines(problems) } });
}

export function invalidArguments(problems: BlockKitProblem[]): ApiResult {
  return fail('invalid_arguments', { response_metadata: { messages: errorLines(problems) } });
}
