import { ErrorCode, WebClient, type Logger } from '@slack/web-api';

/**
 * Whether Slack accepts our bot token, checked with `auth.test` at start-up instead of inside Bolt.
 *
 * Bolt's own check runs in the App constructor and caches one promise: an HTTP 500 rejects it with nobody listening
 * (the process dies of an unhandled rejection), and a hang or timeout leaves every later request failing
 * authorization, silently, forever. Here a transient failure (5xx, timeout, network, rate limit) is retried with
 * backoff until Slack answers, while the app keeps serving what it can; a token Slack refuses is reported once, as
 * one line naming the variable, and start-up stops.
 */

export type SlackState = 'connecting' | 'ok' | 'unreachable' | 'rejected';

/** Who the bot is, from auth.test: Bolt uses these to ignore the app's own events. */
export interface SlackIdentity {
  readonly botUserId?: string;
  readonly botId?: string;
}

/** Slack's answers meaning the token itself is no good: retrying cannot help, a person must act. */
const REJECTED_TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'no_permission',
  'org_login_required',
  'team_access_not_granted',
  'ekm_access_denied',
  'not_allowed_token_type',
]);

export class SlackTokenRejectedError extends Error {
  constructor(
    readonly variable: string,
    readonly slackError: string,
  ) {
    super(
      `Slack refused ${variable} (${slackError}). Copy a current token from https://api.slack.com/apps → your app → ` +
        `${variable === 'SLACK_APP_TOKEN' ? 'Basic Information → App-Level Tokens' : 'OAuth & Permissions → Bot User OAuth Token'}, ` +
        `or reinstall the app to the workspace.`,
    );
    this.name = 'SlackTokenRejectedError';
  }
}

/** The Slack error code when `error` says the token was refused, otherwise undefined (transient or unknown). */
export function rejectedTokenError(error: unknown): string | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } };
  if (e?.code !== ErrorCode.PlatformError || typeof e.data?.error !== 'string') return undefined;
  return REJECTED_TOKEN_ERRORS.has(e.data.error) ? e.data.error : undefined;
}

/** A short description of a failed call for the log: never the token, never the whole response. */
export function describeSlackFailure(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown; retryAfter?: unknown; message?: unknown };
  switch (e?.code) {
    case ErrorCode.PlatformError:
      return `Slack answered ${String(e.data?.error)}`;
    case ErrorCode.HTTPError:
      return `HTTP ${String(e.statusCode)}`;
    case ErrorCode.RateLimitedError:
      return `rate limited for ${String(e.retryAfter)} s`;
    default:
      return typeof e?.message === 'string' ? e.message : String(error);
  }
}

export interface SlackConnectionOptions {
  /** Runs auth.test once; see `createAuthTest`. */
  check(): Promise<SlackIdentity>;
  logger: Logger;
  /** Which variable holds the token being checked, for the message when Slack refuses it. */
  variable?: string;
  /** First wait after a failure, doubled each time up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Called once if Slack refuses the token, also when that happens on a retry after start-up. */
  onRejected?(error: SlackTokenRejectedError): void;
}

export interface SlackConnection {
  state(): SlackState;
  identity(): SlackIdentity | undefined;
  /** Resolves after the first attempt answers or fails: 'ok', 'rejected', or 'unreachable' (retries go on). */
  readonly firstAttempt: Promise<SlackState>;
  /** The refusal, once Slack has refused the token. */
  rejection(): SlackTokenRejectedError | undefined;
  stop(): void;
}

/** A promise that takes the first value it is settled with and ignores later ones (a first attempt's outcome). */
export function firstOutcome<T>(): { promise: Promise<T>; settle(value: T): void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, settle: (value) => resolve(value) };
}

export const DEFAULT_INITIAL_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 60_000;

export function startSlackConnection(options: SlackConnectionOptions): SlackConnection {
  const { logger } = options;
  const variable = options.variable ?? 'SLACK_BOT_TOKEN';
  const initialDelayMs = options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  let state: SlackState = 'connecting';
  let identity: SlackIdentity | undefined;
  let rejection: SlackTokenRejectedError | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const { promise: firstAttempt, settle: settleFirst } = firstOutcome<SlackState>();

  const attempt = async (): Promise<void> => {
    try {
      identity = await options.check();
      state = 'ok';
      if (failures > 0) logger.info(`Slack: reachable again after ${failures} failed auth.test ${failures === 1 ? 'call' : 'calls'}`);
      settleFirst(state);
    } catch (error) {
      const refused = rejectedTokenError(error);
      if (refused !== undefined) {
        state = 'rejected';
        rejection = new SlackTokenRejectedError(variable, refused);
        settleFirst(state);
        options.onRejected?.(rejection);
        return;
      }
      failures += 1;
      state = 'unreachable';
      const backoff = Math.min(maxDelayMs, initialDelayMs * 2 ** (failures - 1));
      const retryAfterMs = Number((error as { retryAfter?: unknown }).retryAfter) * 1000;
      const delay = Number.isFinite(retryAfterMs) ? Math.max(backoff, retryAfterMs) : backoff;
      logger.warn(`Slack: auth.test failed (${describeSlackFailure(error)}); serving what works without Slack, retrying in ${delay} ms`, { attempt: failures });
      settleFirst(state);
      if (!stopped) {
        // Unref'd: the retry alone never keeps a process alive that has nothing else to do.
        timer = setTimeout(() => void attempt(), delay);
        timer.unref();
      }
    }
  };
  void attempt();

  return {
    state: () => state,
    identity: () => identity,
    firstAttempt,
    rejection: () => rejection,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * OAuth mode: there is no single bot token to check at start-up (each workspace's is checked by Slack on its own
 * calls, and a refused one stops only that workspace), so Slack counts as reachable for /healthz.
 */
export function perWorkspaceTokens(): SlackConnection {
  return { state: () => 'ok', identity: () => undefined, firstAttempt: Promise.resolve('ok'), rejection: () => undefined, stop: () => undefined };
}

/** auth.test per attempt: no SDK retries (the loop above retries), a deadline, and 429 as an error, not a pause. */
export function createAuthTest(options: { token: string; apiUrl: string; timeoutMs?: number; logger?: Logger }): () => Promise<SlackIdentity> {
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? AUTH_TEST_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return async () => {
    const result = await client.auth.test();
    return {
      ...(result.user_id ? { botUserId: result.user_id } : {}),
      ...(result.bot_id ? { botId: result.bot_id } : {}),
    };
  };
}

/** Slack answers auth.test in well under a second; 5 s bounds how long start-up waits before serving anyway. */
export const AUTH_TEST_TIMEOUT_MS = 5000;

/** The usual pairing: auth.test with the configured bot token, retried as above. */
export function connectToSlack(
  slack: { botToken: string | undefined; apiUrl: string },
  options: Omit<SlackConnectionOptions, 'check'> & { timeoutMs?: number },
): SlackConnection {
  if (!slack.botToken) throw new Error('Checking the Slack connection needs SLACK_BOT_TOKEN');
  const { timeoutMs, ...rest } = options;
  return startSlackConnection({
    ...rest,
    check: createAuthTest({ token: slack.botToken, apiUrl: slack.apiUrl, logger: options.logger, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }),
  });
}
