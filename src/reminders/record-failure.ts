import { markDead, retryLater, stopSchedule, UNCERTAIN_PREFIX, type ClaimedDelivery, type DeliveryKey } from '../db/repositories/checkin-deliveries.js';
import type { PassContext } from './pass-context.js';
import { classifySlackError, errorText, NO_INSTALLATION, TOKEN_ERRORS, UNREADABLE_RESPONSE } from './slack-failures.js';

/** What happens to a delivery after a failed attempt: retried, parked, dead, or left for reconciliation. */

/** How long a delivery waits after a token error before it is tried again. */
const TOKEN_RETRY_SECONDS = 300;

/** Where the attempt stopped: which call failed, whether the post had succeeded, whether an earlier post is in doubt. */
export interface FailurePoint {
  stage: 'reconcile' | 'open' | 'post';
  posted: boolean;
  unresolved: boolean;
}

/** Classifies the error, records the outcome and counts it. Never throws: a failed write is logged and counted. */
export async function recordFailure(
  ctx: PassContext,
  row: ClaimedDelivery,
  key: DeliveryKey,
  log: Record<string, unknown>,
  error: unknown,
  where: FailurePoint,
): Promise<void> {
  const { deps, counts, settings } = ctx;
  try {
    const failure = where.posted ? undefined : classifySlackError(error);
    if (!failure) {
      counts.errors += 1;
      deps.logger.error('check-in delivery failed unexpectedly', { ...log, stage: where.stage, posted: where.posted }, error);
      // Before the post nothing reached Slack: put it back. After it, leave the row `sending`: the lease expires
      // and the next holder finds the message in the DM instead of posting it again.
      if (!where.posted && where.stage !== 'post') {
        const text = `${where.unresolved ? `${UNCERTAIN_PREFIX} ` : ''}internal: ${errorText(error)}`;
        if ((await retryLater(deps.db, { ...key, error: text, maxAttempts: settings.maxAttempts })) === 'dead') counts.dead += 1;
      }
      return;
    }
    if (failure.kind === 'ambiguous' && where.stage !== 'post') {
      // A timeout on conversations.open or history posted nothing: a plain retry is safe.
      return await retry(ctx, key, log, { code: failure.code, uncertain: where.unresolved });
    }
    switch (failure.kind) {
      case 'rate-limited': {
        ctx.rateLimitedTeams.add(row.team_id);
        const status = await retryLater(deps.db, {
          ...key,
          error: failure.code,
          ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
          maxAttempts: settings.maxRateLimitedAttempts,
        });
        if (status === 'dead') {
          counts.dead += 1;
          deps.logger.error('check-in dead: still rate-limited after many attempts', log);
        } else counts.rateLimited += 1;
        return;
      }
      case 'permanent': {
        if (TOKEN_ERRORS.has(failure.code)) {
          // Our token, not the person, is the problem: stopping their schedule would stop one person per pass
          // until everyone's check-ins were off. Put the delivery back, stop this pass, and say so loudly; once
          // the token is fixed, sending resumes by itself (rows queued meanwhile go out then: grace applies at emit).
          // In OAuth mode the token is that workspace's alone: only its rows are given back (as for a rate limit),
          // the other workspaces' check-ins go on (docs/installations.md#which-token-each-call-uses).
          if (ctx.clients.perWorkspace) ctx.rateLimitedTeams.add(row.team_id);
          else ctx.halted = true;
          const status = await retryLater(deps.db, { ...key, error: failure.code, retryAfterSeconds: TOKEN_RETRY_SECONDS, maxAttempts: settings.maxRateLimitedAttempts });
          if (status === 'dead') counts.dead += 1;
          else counts.retried += 1;
          if (failure.code === NO_INSTALLATION) deps.logger.error('check-in: no installation for this workspace; its check-ins wait (install the app there again)', log);
          else if (ctx.clients.perWorkspace) deps.logger.error("check-in: Slack does not accept this workspace's token; its check-ins wait (reinstall the app there)", { ...log, error: failure.code });
          else deps.logger.error('check-in pass halted: Slack does not accept the bot token; check SLACK_BOT_TOKEN or reinstall the app', { ...log, error: failure.code });
          return;
        }
        await markDead(deps.db, { ...key, error: failure.code });
        await stopSchedule(deps.db, row.team_id, row.user_id, failure.code);
        counts.dead += 1;
        counts.stopped += 1;
        deps.logger.error('check-in dead and schedule stopped: Slack refused permanently', { ...log, error: failure.code, stage: where.stage });
        return;
      }
      case 'rejected': {
        await markDead(deps.db, { ...key, error: failure.code });
        counts.dead += 1;
        deps.logger.error('check-in dead: Slack rejected the message payload (a bug in the builder)', { ...log, error: failure.code, detail: errorText(error) });
        return;
      }
      case 'transient':
        // Before the post nothing can have been delivered: an uncertain answer to conversations.open is retried
        // plainly. After it, the next attempt looks in the DM first.
        return await retry(ctx, key, log, { code: failure.code, uncertain: (failure.uncertain && where.stage === 'post') || where.unresolved });
      case 'ambiguous':
        // Slack may have posted it. Leave the row `sending`: when the lease expires, the next claim sees
        // `expired_lease`, looks in the DM, and re-sends at most once.
        counts.ambiguous += 1;
        deps.logger.warn('check-in outcome unknown; will reconcile after the lease expires', { ...log, error: failure.code });
        return;
    }
  } catch (recordError) {
    // Recording failed too (database down): the lease expires and the row is reconciled then.
    counts.errors += 1;
    deps.logger.error('check-in: could not record a delivery outcome', log, recordError);
  }
}

/** The previous attempt ended with an HTTP-level answer (5xx, unreadable body) rather than a lost lease or internal_error. */
export function afterHttpLevelAnswer(row: ClaimedDelivery): boolean {
  const error = row.last_error ?? '';
  return !row.expired_lease && (error.startsWith(`${UNCERTAIN_PREFIX} http_`) || error === `${UNCERTAIN_PREFIX} ${UNREADABLE_RESPONSE}`);
}

async function retry(ctx: PassContext, key: DeliveryKey, log: Record<string, unknown>, failure: { code: string; uncertain: boolean }): Promise<void> {
  const error = failure.uncertain ? `${UNCERTAIN_PREFIX} ${failure.code}` : failure.code;
  const status = await retryLater(ctx.deps.db, { ...key, error, maxAttempts: ctx.settings.maxAttempts });
  if (status === 'dead') {
    ctx.counts.dead += 1;
    ctx.deps.logger.error('check-in dead: transient failures exhausted its attempts', { ...log, error: failure.code });
  } else if (status) {
    ctx.counts.retried += 1;
    ctx.deps.logger.warn('check-in will be retried with backoff', { ...log, error: failure.code });
  }
}
