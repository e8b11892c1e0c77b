import type { WebClient } from '@slack/web-api';
import { asSlackClients, type SlackClients } from '../services/slack-clients.js';
import type { Deps } from '../deps.js';
import { claimDeliveries, emitDueOccurrences, releaseDeliveries, type ClaimedDelivery } from '../db/repositories/checkin-deliveries.js';
import { queueLadderChangeNotices } from '../services/ladder-change-notices.js';
import { retireEndedShareDms } from '../services/share-notices.js';
import { computeNextRun, GRACE_MS } from '../time/check-in-time.js';
import { decideOccurrence } from './occurrence-decision.js';
import { deliver, type DeliveryBatch } from './deliver.js';
import { loadBatchMessageData } from './delivery-message.js';
import type { PassContext } from './pass-context.js';
import { recordPassMetrics } from './pass-metrics.js';
import { createSentMarks, MARK_MAX_DELAY_MS } from './sent-marks.js';
import { emptyResult, resolveSettings, rowBudgetMs, type SchedulerPassOptions, type SchedulerPassResult } from './pass-settings.js';

/**
 * One scheduler pass: emit due occurrences, then claim → send → mark deliveries (docs/check-in-delivery.md). Safe to run
 * on every replica at once and as often as you like; correctness comes from the SQL (unique occurrence, SKIP
 * LOCKED claims, leases, fenced writes), not from who runs it when.
 *
 * Guarantee: no silent loss (every delivery ends `sent`, or `dead` with a logged reason), and at most ONE duplicate
 * per check-in, only after an ambiguous outcome (a crash, a timeout, a dropped connection, a 5xx or an unreadable
 * answer after Slack may have accepted the post) that the DM history could not resolve. With a working
 * `conversations.history`, zero.
 *
 * The `client` MUST be configured as `createSenderClient` does (retries 0, a timeout ≪ the lease,
 * rejectRateLimitedCalls): with the SDK defaults a timeout is retried silently (duplicate) and a 429 blocks the
 * whole queue. Pass its timeout as `sendTimeoutMs` if it is not the default.
 */

// The scheduler's public names, importable from here as before the pass was split into its parts.
export type { SchedulerPassOptions, SchedulerPassResult } from './pass-settings.js';
export { classifySlackError, PERMANENT_ERRORS, type SlackFailure } from './slack-failures.js';

/** Runs one pass. Never throws for operational problems (they are logged and counted); throws for bad options. */
export async function runSchedulerPass(deps: Deps, client: WebClient | SlackClients, options: SchedulerPassOptions): Promise<SchedulerPassResult> {
  const settings = resolveSettings(options);
  const started = performance.now();
  const clients = asSlackClients(client);
  const ctx: PassContext = {
    deps,
    clients,
    clientFor: (teamId) => clients.clientFor(teamId),
    workerId: options.workerId,
    settings,
    asOf: options.now,
    messageNow: options.now ?? deps.now(),
    // A row started now must have posted and been marked sent (sent-marks.ts) before the pass limit.
    startDeadline: started + settings.passTimeoutMs - rowBudgetMs(settings.sendTimeoutMs) - MARK_MAX_DELAY_MS,
    halted: false,
    rateLimitedTeams: new Set(),
    counts: emptyResult(),
  };
  // Shutdown (docs/check-in-delivery.md#shutting-down): wind down as after a token error, giving back what has not started.
  if (options.signal?.aborted) ctx.halted = true;
  options.signal?.addEventListener('abort', () => {
    ctx.halted = true;
  }, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const work = runPass(ctx).catch((error: unknown) => {
    ctx.counts.errors += 1;
    deps.logger.error('check-in pass failed', { workerId: ctx.workerId }, error);
  });
  // The hard bound: node-cron's noOverlap skips ticks while a pass runs, so a hung call must not hang the pass.
  const timedOut = await Promise.race([
    work.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), settings.passTimeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    ctx.halted = true;
    ctx.counts.timedOut = true;
    deps.logger.warn('check-in pass hit its time limit; unfinished deliveries stay leased and will be retried', { workerId: ctx.workerId, passTimeoutMs: settings.passTimeoutMs });
  }
  recordPassMetrics(deps.metrics, ctx.counts, (performance.now() - started) / 1000);
  return { ...ctx.counts };
}

async function runPass(ctx: PassContext): Promise<void> {
  const { deps, counts, settings } = ctx;
  // 0. Shares that expired: their viewer DMs stop offering Open (docs/sharing.md#when-a-share-ends). Never in the way
  // of check-ins: a failure is logged and the pass goes on.
  try {
    const retired = await retireEndedShareDms(deps, ctx.clients, ctx.asOf ?? deps.now());
    if (retired > 0) deps.logger.info('share: viewer DMs of ended shares updated', { workerId: ctx.workerId, retired });
  } catch (error) {
    deps.logger.error('share: retiring the DMs of ended shares failed', { workerId: ctx.workerId }, error);
  }
  // 0b. The ladder changed under someone's assessment: one notice each, a small batch per pass, queued in the outbox
  // and sent below with the check-ins (docs/ladder-changes.md#exactly-once). Never in the way of check-ins either.
  if (!ctx.halted) {
    try {
      const notices = await queueLadderChangeNotices(deps, ctx.messageNow);
      if (notices.queued + notices.nothing > 0) deps.logger.info('ladder change: notices this pass', { workerId: ctx.workerId, ...notices });
    } catch (error) {
      deps.logger.error('ladder change: finding or queueing notices failed', { workerId: ctx.workerId }, error);
    }
  }
  // 1. Emit. A failure here (database down) must not stop us sending what is already queued.
  try {
    for (;;) {
      const emitted = await emitDueOccurrences(deps.db, {
        batch: settings.emitBatch,
        graceMs: GRACE_MS,
        computeNext: computeNextRun,
        decide: decideOccurrence,
        ...(ctx.asOf ? { asOf: ctx.asOf } : {}),
      });
      counts.emitted += emitted.emitted;
      counts.skipped += emitted.skipped;
      counts.invalid += emitted.invalid;
      if (emitted.invalid > 0) deps.logger.warn('check-in: stopped schedules whose rule no longer evaluates', { count: emitted.invalid });
      if (emitted.selected < settings.emitBatch || ctx.halted || performance.now() > ctx.startDeadline) break;
    }
  } catch (error) {
    counts.errors += 1;
    deps.logger.error('check-in: emitting due occurrences failed', { workerId: ctx.workerId }, error);
  }
  // 2. Claim and send, batch after batch, until the queue is empty or the time is up.
  while (!ctx.halted && performance.now() < ctx.startDeadline) {
    const claimedAt = performance.now();
    let rows: ClaimedDelivery[];
    try {
      rows = await claimDeliveries(deps.db, { workerId: ctx.workerId, batch: settings.claimBatch, leaseSeconds: settings.leaseSeconds });
    } catch (error) {
      counts.errors += 1;
      deps.logger.error('check-in: claiming deliveries failed', { workerId: ctx.workerId }, error);
      return;
    }
    if (rows.length === 0) return;
    counts.claimed += rows.length;
    await sendBatch(ctx, rows, claimedAt);
    // What a rate-limited workspace left was given back; claiming it again now would only meet the limit again.
    // The next tick (REMINDER_CRON) picks it up; the rate-limited rows themselves wait their Retry-After.
    if (ctx.rateLimitedTeams.size > 0) return;
  }
}

async function sendBatch(ctx: PassContext, rows: ClaimedDelivery[], claimedAt: number): Promise<void> {
  const queue = [...rows];
  const unstarted: number[] = [];
  const leaseEnd = claimedAt + ctx.settings.leaseSeconds * 1000;
  // A post may wait MARK_MAX_DELAY_MS for its set to be marked: that wait must end within the lease too.
  const budgetMs = rowBudgetMs(ctx.settings.sendTimeoutMs) + MARK_MAX_DELAY_MS;
  // One query for the whole batch's messages, started now; a row that needs it and finds it failed records the
  // failure as it would any other error before the post (deliver.ts).
  const messages = loadBatchMessageData(ctx, rows);
  messages.catch(() => undefined);
  const batch: DeliveryBatch = { dmCache: new Map(), messages, marks: createSentMarks(ctx) };
  const lane = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const now = performance.now();
      // Never start a delivery that could still be running when our lease ends: someone else would re-send it.
      if (ctx.halted || ctx.rateLimitedTeams.has(row.team_id) || now > ctx.startDeadline || now + budgetMs > leaseEnd) {
        unstarted.push(row.id);
        continue;
      }
      await deliver(ctx, row, batch);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(ctx.settings.concurrency, rows.length) }, lane));
  } finally {
    await batch.marks.flush();
  }
  if (unstarted.length > 0) {
    try {
      ctx.counts.released += await releaseDeliveries(ctx.deps.db, { ids: unstarted, workerId: ctx.workerId });
    } catch (error) {
      ctx.counts.errors += 1;
      ctx.deps.logger.error('check-in: releasing unstarted deliveries failed (their leases will expire)', { workerId: ctx.workerId }, error);
    }
  }
}
