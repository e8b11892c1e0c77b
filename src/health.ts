import type { CustomRoute } from '@slack/bolt';
import type { SlackConnection, SlackState } from './slack-connection.js';

/**
 * `GET /healthz`: 200 while the database answers, 503 with the reason when it does not. Slack's state is reported
 * but does not fail the check: taking the app out of a load balancer or restarting it does not bring Slack back,
 * and catalog answers keep working meanwhile.
 */

/** A health check must answer before the orchestrator's own timeout (the Dockerfile's is 3 s), whatever the database does. */
export const HEALTH_DATABASE_DEADLINE_MS = 1000;

export type DatabaseHealth = 'up' | 'down' | 'timeout';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  database: DatabaseHealth;
  slack: SlackState;
}

export async function checkHealth(options: { ping(): Promise<boolean>; slack: Pick<SlackConnection, 'state'>; deadlineMs?: number }): Promise<HealthReport> {
  const database = await pingWithin(options.ping, options.deadlineMs ?? HEALTH_DATABASE_DEADLINE_MS);
  const slack = options.slack.state();
  const status = database !== 'up' ? 'unavailable' : slack === 'ok' ? 'ok' : 'degraded';
  return { status, database, slack };
}

export function healthRoute(options: Parameters<typeof checkHealth>[0]): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void checkHealth(options).then((report) => {
        const body = JSON.stringify(report);
        res.writeHead(report.status === 'unavailable' ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(body);
      });
    },
  };
}

async function pingWithin(ping: () => Promise<boolean>, deadlineMs: number): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  try {
    return await Promise.race([ping().then((ok): DatabaseHealth => (ok ? 'up' : 'down'), (): DatabaseHealth => 'down'), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
