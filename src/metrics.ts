import type { FetchFunction } from '@slack/web-api';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics (README, Operations → Metrics). One registry per `createMetrics()` call, built by the composition
 * root and passed down in Deps: no module-level registry, so tests and replicas of the app in one process never mix.
 * What is measured where: requests and ack latency in app.ts (every request passes `processEvent`), Slack calls in
 * `instrumentFetch` (the fetch every Web API client is given), the check-in pipeline in reminders/run.ts, and the
 * backlog and pools on each scrape, through the collectors the entry point registers.
 */

export type RequestSurface = 'command' | 'action' | 'view' | 'event' | 'options' | 'other';
/** `ok`: acked, no error. `error`: a listener failed. `unacked`: never acked, so Slack showed the person an error. */
export type RequestOutcome = 'ok' | 'error' | 'unacked';

/** The check-in pass counters exported (SchedulerPassResult's, snake_cased). */
export const CHECKIN_OUTCOMES = ['emitted', 'skipped', 'sent', 'reconciled', 'retried', 'rate_limited', 'dead', 'cancelled', 'stopped', 'ambiguous', 'released', 'errors'] as const;
export type CheckinOutcome = (typeof CHECKIN_OUTCOMES)[number];

export interface DueBacklog {
  /** Due check-ins not yet sent: due schedules not yet emitted plus pending deliveries whose time has come. */
  due: number;
  /** Seconds since the oldest of them became due (0 when none). */
  oldestDueSeconds: number;
}

export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
}

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'surface' | 'outcome'>;
  readonly ackSeconds: Histogram<'surface'>;
  readonly slackCalls: Counter<'method' | 'error'>;
  readonly checkins: Counter<'outcome'>;
  readonly passSeconds: Histogram;
  /** A fetch for Web API clients that counts each call by method and Slack's error (`ok` when none). */
  instrumentFetch(fetch?: typeof globalThis.fetch): FetchFunction;
  /** Reads the backlog on each scrape (the entry point gives a database query with a deadline). */
  collectBacklog(read: () => Promise<DueBacklog | undefined>): void;
  /** Reads a connection pool's usage on each scrape, labelled `pool`. */
  collectPool(pool: string, read: () => PoolUsage): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'skill_ladder_' });
  const registers = [registry];
  const requests = new Counter({ name: 'skill_ladder_requests_total', help: 'Slack requests handled, by surface and outcome', labelNames: ['surface', 'outcome'] as const, registers });
  const ackSeconds = new Histogram({
    name: 'skill_ladder_ack_seconds',
    help: 'Time from receiving a Slack request to acknowledging it (Slack gives up at 3 s)',
    labelNames: ['surface'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
    registers,
  });
  const slackCalls = new Counter({ name: 'skill_ladder_slack_api_calls_total', help: "Slack Web API calls, by method and Slack's error (ok when none)", labelNames: ['method', 'error'] as const, registers });
  const checkins = new Counter({ name: 'skill_ladder_checkins_total', help: 'Check-in pipeline events, by outcome (docs/check-in-delivery.md)', labelNames: ['outcome'] as const, registers });
  const passSeconds = new Histogram({ name: 'skill_ladder_checkin_pass_seconds', help: 'Duration of one check-in scheduler pass', buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 45], registers });
  for (const outcome of CHECKIN_OUTCOMES) checkins.inc({ outcome }, 0);

  let readBacklog: (() => Promise<DueBacklog | undefined>) | undefined;
  let backlog: Promise<DueBacklog | undefined> | undefined;
  // One query per scrape serves both gauges; whichever collects first starts it.
  const backlogOnce = () => {
    backlog ??= (readBacklog?.() ?? Promise.resolve(undefined)).finally(() => setTimeout(() => (backlog = undefined), 0).unref());
    return backlog;
  };
  const backlogGauges: [name: string, help: string, field: keyof DueBacklog][] = [
    ['skill_ladder_checkin_due_backlog', 'Check-ins due and not sent yet', 'due'],
    ['skill_ladder_checkin_oldest_due_seconds', 'Age of the oldest check-in due and not sent yet', 'oldestDueSeconds'],
  ];
  for (const [name, help, field] of backlogGauges) {
    new Gauge({
      name,
      help: `${help} (absent when the database did not answer in time)`,
      registers,
      async collect() {
        const value = await backlogOnce();
        if (value) this.set(value[field]);
        else this.reset();
      },
    });
  }
  const pools = new Map<string, () => PoolUsage>();
  new Gauge({
    name: 'skill_ladder_db_pool_connections',
    help: 'Database pool connections by state: total, idle, and requests waiting for one',
    labelNames: ['pool', 'state'] as const,
    registers,
    collect() {
      for (const [pool, read] of pools) {
        const usage = read();
        this.set({ pool, state: 'total' }, usage.total);
        this.set({ pool, state: 'idle' }, usage.idle);
        this.set({ pool, state: 'waiting' }, usage.waiting);
      }
    },
  });

  return {
    registry,
    requests,
    ackSeconds,
    slackCalls,
    checkins,
    passSeconds,
    instrumentFetch(fetch = globalThis.fetch) {
      return async (url, init) => {
        // Web API calls are `<base>/api/<method>`; anything else (Bolt's `respond` to a response_url, whose path ends
        // in a one-off id) is counted as one `response_url` method, so the label set stays small.
        const path = new URL(String(url)).pathname;
        const api = /\/api\/([A-Za-z0-9._-]+)$/.exec(path);
        const method = api ? api[1]! : 'response_url';
        let response: Response;
        try {
          response = await fetch(url, init as RequestInit);
        } catch (error) {
          slackCalls.inc({ method, error: (error as { name?: unknown }).name === 'TimeoutError' || (error as { name?: unknown }).name === 'AbortError' ? 'timeout' : 'network' });
          throw error;
        }
        if (response.status === 429) slackCalls.inc({ method, error: 'ratelimited' });
        else if (response.status !== 200) slackCalls.inc({ method, error: `http_${response.status}` });
        else if (!api) slackCalls.inc({ method, error: 'ok' });
        else {
          // Read a copy, without holding up the caller: Slack's verdict is in the body (`ok`, `error`).
          void response
            .clone()
            .json()
            .then(
              (value: unknown) => {
                const body = value as { ok?: unknown; error?: unknown } | null;
                slackCalls.inc({ method, error: body?.ok === true ? 'ok' : typeof body?.error === 'string' ? body.error : 'unknown' });
              },
              () => slackCalls.inc({ method, error: 'unreadable_response' }),
            );
        }
        return response;
      };
    },
    collectBacklog(read) {
      readBacklog = read;
    },
    collectPool(pool, read) {
      pools.set(pool, read);
    },
  };
}

/** Which Slack surface a request body belongs to. */
export function requestSurface(body: unknown): RequestSurface {
  const b = body as { command?: unknown; type?: unknown } | undefined;
  if (typeof b?.command === 'string') return 'command';
  switch (b?.type) {
    case 'block_actions':
    case 'interactive_message':
      return 'action';
    case 'view_submission':
    case 'view_closed':
      return 'view';
    case 'block_suggestion':
      return 'options';
    case 'event_callback':
      return 'event';
    default:
      return 'other';
  }
}
