import type { Logger } from '@slack/bolt';
import { DEFAULT_INITIAL_DELAY_MS, DEFAULT_MAX_DELAY_MS, describeSlackFailure, firstOutcome, type SlackState } from './slack-connection.js';

/**
 * The Socket Mode connection's health and its retry policy (docs/slack-limits.md#socket-mode).
 *
 * The SDK opens the WebSocket with `apps.connections.open`, and gives up at once when that call fails with a network
 * error or an HTTP 5xx: at start-up the app used to exit, and after a `disconnect` mid-run the client stopped
 * reconnecting for good (the failure is an unhandled rejection inside the SDK). So the SDK's Web API client gets a
 * retry policy that never gives up on those, with the backoff of the HTTP-mode auth.test retry (0.5 s, 1 s, 2 s … up
 * to every 60 s), and each failed attempt is logged and makes /healthz say Slack is unreachable. A token Slack
 * refuses (`invalid_auth`, …) is not retried: the SDK rejects `start()` and the entry point stops.
 */

/** The SDK's Socket Mode client emits these lifecycle events (its README, "lifecycle events"). */
export interface SocketModeLifecycle {
  on(event: 'connected' | 'reconnecting', listener: () => void): unknown;
}

/** p-retry options, as `@slack/web-api` passes `retryConfig` to p-retry. */
export interface ForeverRetryConfig {
  retries: number;
  forever: true;
  factor: number;
  minTimeout: number;
  maxTimeout: number;
  onFailedAttempt(error: Error & { attemptNumber?: number }): void;
}

export interface SocketModeConnection {
  state(): SlackState;
  /** Resolves with the outcome of the first attempt to connect: 'ok', or 'unreachable' (retries go on). */
  readonly firstAttempt: Promise<SlackState>;
  /** For the Socket Mode client's Web API client (`installerOptions.clientOptions.retryConfig`). */
  readonly retryConfig: ForeverRetryConfig;
  /**
   * The SDK's ping timeout (`clientPingTimeout`), which is also how long it waits before reconnecting after a
   * `disconnect` (times the failures in a row). Undefined: the SDK's default (5 s).
   */
  readonly pingTimeoutMs: number | undefined;
  /** Follows the client's lifecycle: connected → ok, reconnecting → connecting. */
  watch(client: SocketModeLifecycle): void;
}

export interface SocketModeConnectionOptions {
  logger: Logger;
  initialDelayMs?: number;
  maxDelayMs?: number;
  pingTimeoutMs?: number;
}

export function createSocketModeConnection(options: SocketModeConnectionOptions): SocketModeConnection {
  const { logger } = options;
  const initialDelayMs = options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  let state: SlackState = 'connecting';
  let failures = 0;
  const { promise: firstAttempt, settle: settleFirst } = firstOutcome<SlackState>();
  return {
    state: () => state,
    firstAttempt,
    pingTimeoutMs: options.pingTimeoutMs,
    retryConfig: {
      retries: 10,
      forever: true,
      factor: 2,
      minTimeout: initialDelayMs,
      maxTimeout: maxDelayMs,
      onFailedAttempt(error) {
        failures += 1;
        state = 'unreachable';
        const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** ((error.attemptNumber ?? failures) - 1));
        logger.warn(`Slack: apps.connections.open failed (${describeSlackFailure(error)}); Socket Mode is not connected, retrying in ${delay} ms`, { attempt: failures });
        settleFirst(state);
      },
    },
    watch(client) {
      client.on('connected', () => {
        if (failures > 0) logger.info(`Slack: Socket Mode connected after ${failures} failed ${failures === 1 ? 'attempt' : 'attempts'}`);
        failures = 0;
        state = 'ok';
        settleFirst(state);
      });
      client.on('reconnecting', () => {
        state = 'connecting';
      });
    },
  };
}

/** The worse of two states, for /healthz when both the bot token and the Socket Mode connection matter. */
export function worseSlackState(a: SlackState, b: SlackState): SlackState {
  const order: SlackState[] = ['ok', 'connecting', 'unreachable', 'rejected'];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}
