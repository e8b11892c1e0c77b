import { ErrorCode } from '@slack/web-api';
import { NoInstallationError } from '../db/repositories/installations.js';

/** What a failed Web API call means for a delivery: Slack's error codes sorted by what we can do about them. */

/**
 * `ok:false` errors: this person cannot get our DMs, now or later (docs/check-in-delivery.md#classifying-slack-errors):
 * the delivery goes dead and the schedule stops, so we do not fail the same way every week.
 */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'user_not_found',
  'account_inactive',
  'channel_not_found',
  'is_archived',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'user_disabled',
  'cannot_dm_bot',
]);
/**
 * Our code for a workspace with no installation (OAuth mode): it was uninstalled and the event never reached us, or
 * its row was lost. Like a refused token, that workspace's check-ins wait; a reinstall lets them go.
 */
export const NO_INSTALLATION = 'no_installation';
/** Of those, and ours, the ones about our token rather than the person: the pass stops and the delivery waits. */
// token_expired: a rotating token (OAuth mode) whose refresh failed (docs/installations.md#token-rotation).
export const TOKEN_ERRORS: ReadonlySet<string> = new Set(['token_revoked', 'token_expired', 'invalid_auth', 'not_authed', 'account_inactive', NO_INSTALLATION]);
/** Slack rejected our payload: retrying the same bytes cannot help, but the person's schedule is fine. */
const REJECTED_ERRORS: ReadonlySet<string> = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_blocks_too_long',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'too_many_attachments',
]);
/** Slack's docs: "it's possible some aspect of the operation succeeded": check the DM before trying again. */
const UNCERTAIN_ERRORS: ReadonlySet<string> = new Set(['internal_error', 'fatal_error']);
/** Our code for an answer the Web API client could not read (see classifySlackError). */
export const UNREADABLE_RESPONSE = 'unreadable_response';
/** Slack's error codes are snake_case words; anything else in `error` is the raw body of an unreadable answer. */
const SLACK_ERROR_CODE = /^[a-z][a-z0-9_]*$/;

export type SlackFailure =
  | { kind: 'rate-limited'; code: string; retryAfterSeconds: number | undefined }
  | { kind: 'permanent'; code: string }
  | { kind: 'rejected'; code: string }
  | { kind: 'transient'; code: string; uncertain: boolean }
  | { kind: 'ambiguous'; code: string };

/**
 * What a Web API error means for a delivery. `undefined` for errors that did not come from the Slack client or from
 * finding the workspace's installation (a missing one → permanent `no_installation`, handled as a refused token).
 * - 429 with Retry-After → rate-limited (not accepted); 429 without it (node-slack-sdk#1421) → rate-limited, backoff.
 * - `ok:false` → permanent / rejected / transient (uncertain for internal_error, fatal_error).
 * - HTTP 5xx, or a 200 whose body is not Slack's JSON → transient but uncertain: Slack's edge can fail after the
 *   work is done, so a post may hide behind it. The Web API client reports an unparsable body as `ok:false` with
 *   the raw text as `error`, which is how we tell it from a real error code.
 * - timeout, reset, dropped connection → ambiguous: Slack may have accepted it. Connection refused → transient.
 * The caller decides what "uncertain" costs: only a post can have been delivered twice.
 */
export function classifySlackError(error: unknown): SlackFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  if (isMissingInstallation(error)) return { kind: 'permanent', code: NO_INSTALLATION };
  const code = (error as { code?: unknown }).code;
  if (code === ErrorCode.RateLimitedError) {
    return { kind: 'rate-limited', code: 'ratelimited', retryAfterSeconds: (error as { retryAfter?: number }).retryAfter };
  }
  if (code === ErrorCode.PlatformError) {
    const reported = (error as { data?: { error?: unknown } }).data?.error;
    if (typeof reported !== 'string' || !SLACK_ERROR_CODE.test(reported)) return { kind: 'transient', code: UNREADABLE_RESPONSE, uncertain: true };
    const slackError = reported;
    if (slackError === 'ratelimited') return { kind: 'rate-limited', code: slackError, retryAfterSeconds: undefined };
    if (PERMANENT_ERRORS.has(slackError)) return { kind: 'permanent', code: slackError };
    if (REJECTED_ERRORS.has(slackError)) return { kind: 'rejected', code: slackError };
    return { kind: 'transient', code: slackError, uncertain: UNCERTAIN_ERRORS.has(slackError) };
  }
  if (code === ErrorCode.HTTPError) {
    const status = (error as { statusCode?: number }).statusCode;
    // A 4xx from a proxy refused the request; a 5xx (or no status) may come after the work was done.
    return { kind: 'transient', code: `http_${status ?? 'error'}`, uncertain: status === undefined || status >= 500 };
  }
  if (code === ErrorCode.RequestError) {
    const original = (error as { original?: unknown }).original;
    const cause = original instanceof Error ? (original.cause as { code?: unknown } | undefined) : undefined;
    if (cause?.code === 'ECONNREFUSED' || cause?.code === 'ENOTFOUND') return { kind: 'transient', code: String(cause.code), uncertain: false };
    const name = original instanceof Error ? original.name : 'request_error';
    return { kind: 'ambiguous', code: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : `network: ${original instanceof Error ? original.message : name}` };
  }
  if (/Retry header did not contain a valid timeout/.test(error.message)) {
    return { kind: 'rate-limited', code: 'ratelimited_without_retry_after', retryAfterSeconds: undefined };
  }
  return undefined;
}

/** The message of an error, for a log line or a delivery's `last_error`. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The installation store found none for the workspace: thrown as is, or wrapped by the OAuth provider's authorize. */
function isMissingInstallation(error: Error): boolean {
  const wrapped = (error as { original?: unknown }).original ?? error.cause;
  return error instanceof NoInstallationError || wrapped instanceof NoInstallationError;
}
