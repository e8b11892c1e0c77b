import type { App, ReceiverEvent } from '@slack/bolt';
import { requestSurface, type Metrics, type RequestOutcome } from './metrics.js';

/**
 * Counts every Slack request by surface and outcome and times its ack (metrics.ts). Both receivers (HTTP and Socket
 * Mode) hand each request to `app.processEvent` with an `ack` of their own, so wrapping that one method sees every
 * request however it arrived. A listener's failure never leaves `processEvent` (Bolt gives it to `app.error`), so a
 * first global middleware notes it on the way out, keyed by the request body Bolt passes along.
 */
export function instrumentRequests(app: App, metrics: Metrics): void {
  const failed = new WeakSet<object>();
  app.use(async ({ body, next }) => {
    try {
      await next();
    } catch (error) {
      if (body && typeof body === 'object') failed.add(body);
      throw error;
    }
  });
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const surface = requestSurface(event.body);
    const started = performance.now();
    let acked = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      if (!acked) metrics.ackSeconds.observe({ surface }, (performance.now() - started) / 1000);
      acked = true;
      return event.ack(response);
    };
    let outcome: RequestOutcome = 'ok';
    try {
      await processEvent({ ...event, ack });
      if (failed.has(event.body)) outcome = 'error';
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      metrics.requests.inc({ surface, outcome: outcome === 'ok' && !acked ? 'unacked' : outcome });
    }
  };
}
