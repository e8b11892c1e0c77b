import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, vi, type Mock } from 'vitest';
import type { Catalog } from '../../src/catalog/query.js';
import type { Deps } from '../../src/deps.js';
import { startFakeSlack, type FakeSlack, type FakeSlackUser } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import type { TestDatabase } from './test-database.js';
import { BOT_TOKEN, captureLogger, quietLogger, testDeps, type CapturedLogger } from './test-deps.js';

/**
 * A listener called the way Bolt calls it, with Bolt's side built by hand (as Slack's bolt-js starter template
 * tests its listeners): `ack` and `respond` are recorders that can be told to fail, `client` is a real WebClient
 * talking to a fake Slack (whose `failNext` makes a Web API method fail), `logger` records its lines. Our own
 * code, and the database, are real.
 */

export const TEAM = 'T0LISTEN1';
export const ADA: FakeSlackUser = { id: 'U0LISTENADA', teamId: TEAM, name: 'ada', tz: 'Europe/London', locale: 'en-GB' };
export const ROSA: FakeSlackUser = { id: 'U0LISTENROSA', teamId: TEAM, name: 'rosa', tz: 'Europe/Madrid', locale: 'es-ES' };

export interface BoltSide {
  ack: Mock<(response?: unknown) => Promise<void>>;
  respond: Mock<(message: unknown) => Promise<unknown>>;
  client: WebClient;
  logger: CapturedLogger;
  /** Deps over the test database, pointed at the fake Slack, logging where `logger` does (as in the app). */
  deps: Deps;
  /** What the logger wrote, one string. */
  logged(): string;
}

export interface BoltSideOptions {
  /** `ack` rejects, as Bolt's does when the request was already answered or the socket is gone. */
  ackFails?: boolean;
  /** `respond` rejects, as it does when the response_url expired (30 min) or was used five times. */
  respondFails?: boolean;
}

export interface ListenerBench {
  readonly fake: FakeSlack;
  /** A fresh Bolt side (and Deps) for one call. */
  side(options?: BoltSideOptions & { catalog?: Catalog; now?: () => Date }): BoltSide;
}

/** Registers a fake Slack for the enclosing describe (reset between tests: no calls, no faults, no views). */
export function useListenerBench(database: TestDatabase, users: FakeSlackUser[] = [ADA, ROSA]): ListenerBench {
  let fake: FakeSlack | undefined;
  beforeAll(async () => {
    fake = await startFakeSlack({ teamId: TEAM, botToken: BOT_TOKEN, users });
  });
  beforeEach(() => {
    fake!.reset();
  });
  afterAll(async () => {
    await fake?.close();
  });
  const started = () => {
    if (!fake) throw new Error('the fake Slack is not running: use the bench inside a test or hook');
    return fake;
  };
  return {
    get fake() {
      return started();
    },
    side(options = {}) {
      const logger = captureLogger();
      const ack = vi.fn(async (_response?: unknown) => {
        if (options.ackFails) throw new Error('ack failed: the request was already answered');
      });
      const respond = vi.fn(async (_message: unknown): Promise<unknown> => {
        if (options.respondFails) throw new Error('response_url answered 404: expired_url');
        return {};
      });
      // Bolt's own client retries; none here, so an injected fault fails the call at once.
      const client = new WebClient(BOT_TOKEN, { slackApiUrl: started().apiUrl, retryConfig: { retries: 0 }, logger: quietLogger() });
      const deps = testDeps(database.db, {
        apiUrl: started().apiUrl,
        logger,
        ...(options.catalog ? { catalog: options.catalog } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      return { ack, respond, client, logger, deps, logged: () => logger.lines.join('') };
    },
  };
}

export interface ClickedElement {
  action_id: string;
  value?: string;
  selected_option?: { value: string };
}

/** A block_actions body as Slack sends it for a click in a message (with a response_url) or in a view. */
export function blockActionsBody(user: FakeSlackUser, action: ClickedElement, where: { channelId?: string; view?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: user.id, team_id: user.teamId },
    team: { id: user.teamId },
    trigger_id: '1000.2000.trigger',
    actions: [{ type: 'button', block_id: 'b', action_ts: '1.0', ...action }],
    ...(where.view
      ? { container: { type: 'view', view_id: where.view.id }, view: where.view }
      : {
          container: { type: 'message', message_ts: '1.000001' },
          channel: { id: where.channelId ?? 'C0GENERAL' },
          response_url: 'https://hooks.slack.test/actions/1',
        }),
  };
}
