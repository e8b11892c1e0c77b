import type { WebClient } from '@slack/web-api';
import cron from 'node-cron';
import { releaseHeldDeliveries, UNCERTAIN_PREFIX } from '../db/repositories/checkin-deliveries.js';
import type { Deps } from '../deps.js';
import type { SlackClients } from '../services/slack-clients.js';
import { runSchedulerPass, type SchedulerPassOptions } from './run.js';

/**
 * The only node-cron user, and only an alarm clock (docs/check-in-delivery.md#waking-up): every replica ticks, each tick
 * runs one scheduler pass, and Postgres decides what is due and who sends it. Missed ticks cost one tick of
 * latency, never a check-in, because the pass catches up from the database.
 *
 *  - `timezone: 'Etc/UTC'`: DST never touches the tick; people's local times are computed in src/time/check-in-time.ts.
 *  - `noOverlap: true`: a slow pass skips the next slots instead of stacking passes (measured: up to 3 at once
 *    without it). Each pass has its own time limit (run.ts) so a hung call cannot block ticks forever.
 *  - `name`: shows up in node-cron's logs and events.
 */

export interface ReminderCronOptions extends Omit<SchedulerPassOptions, 'workerId' | 'now'> {
  /** REMINDER_CRON, e.g. `*\/15 * * * * *` (every 15 s; the seconds field is optional). */
  expression: string;
  /** Unique per process, e.g. `${hostname}-${pid}-${random}`. */
  workerId: string;
}

export interface ReminderCron {
  /**
   * Shutdown (docs/check-in-delivery.md#shutting-down): stops ticking, tells a running pass to start nothing new (it
   * gives back what it had not started), waits up to `timeoutMs` for the deliveries in flight, then gives back
   * whatever this worker still holds. No lease is left to expire.
   */
  stop(timeoutMs?: number): Promise<void>;
}

/** Validates the expression, then starts ticking. Throws a clear error naming REMINDER_CRON when it is invalid. */
export function startReminderCron(deps: Deps, client: WebClient | SlackClients, options: ReminderCronOptions): ReminderCron {
  const { expression, workerId, ...passOptions } = options;
  if (!cron.validate(expression)) {
    const details = cron.validateDetailed(expression).errors.map((e) => `${e.field}: ${e.message}`);
    throw new Error(`REMINDER_CRON "${expression}" is not a valid cron expression${details.length > 0 ? ` (${details.join('; ')})` : ''}. Example: */15 * * * * * (every 15 seconds).`);
  }
  // Our own record of the running pass: stop() waits for it (node-cron's isBusy() is reset by stop()).
  let running: Promise<void> | undefined;
  const shutdown = new AbortController();
  const pass = async () => {
    if (shutdown.signal.aborted) return;
    const result = await runSchedulerPass(deps, client, { ...passOptions, workerId, signal: shutdown.signal });
    const busy = result.emitted + result.claimed + result.skipped + result.errors > 0;
    if (busy) deps.logger.info('check-in pass', { workerId, ...result });
  };
  const tick = () => {
    const current = pass().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  // node-cron's own messages go to debug: the events below already log failures and misses once, with context.
  const cronLogger = {
    info: (message: string) => deps.logger.debug(`node-cron: ${message}`),
    warn: (message: string) => deps.logger.debug(`node-cron: ${message}`),
    error: (message: string | Error) => deps.logger.debug('node-cron:', message),
    debug: (message: string | Error) => deps.logger.debug('node-cron:', message),
  };
  const task = cron.schedule(expression, tick, { name: 'checkin-tick', noOverlap: true, timezone: 'Etc/UTC', logger: cronLogger });
  task.on('execution:failed', (context) => {
    deps.logger.error('check-in tick failed', { workerId, at: context.date.toISOString() }, context.execution?.error ?? context.error);
  });
  task.on('execution:missed', (context) => {
    // The event loop was blocked past the tolerance; the next tick catches up from the database.
    deps.logger.warn('check-in tick missed (event loop was busy); the next tick catches up', { workerId, at: context.date.toISOString() });
  });
  task.on('execution:overlap', () => {
    deps.logger.debug('check-in tick skipped: the previous pass is still running', { workerId });
  });
  return {
    async stop(timeoutMs = 10_000) {
      await task.stop();
      shutdown.abort();
      if (running) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        });
        // A failed pass was already logged through execution:failed; here we only wait for it to end.
        await Promise.race([running.catch(() => undefined), timeout]);
        clearTimeout(timer);
      }
      await task.destroy();
      try {
        const released = await releaseHeldDeliveries(deps.db, { workerId, error: `${UNCERTAIN_PREFIX} shutdown while sending` });
        if (released > 0) deps.logger.warn('check-in: gave back deliveries still being sent at shutdown; the next holder looks in the DM first', { workerId, released });
      } catch (error) {
        deps.logger.error('check-in: could not give back leases at shutdown (they expire by themselves)', { workerId }, error);
      }
    },
  };
}
