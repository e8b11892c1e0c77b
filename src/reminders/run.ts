import { ErrorCode, type WebClient } from '@slack/web-api';
import { buildCheckinMessage } from '../blocks/checkin-message.js';
import type { Deps } from '../deps.js';
import {
  bumpBlindResends,
  claimDeliveries,
  emitDueOccurrences,
  markDead,
  markSent,
  parkAmbiguous,
  releaseDeliveries,
  retryLater,
  saveDmChannel,
  stopSchedule,
  type ClaimedDelivery,
  type DeliveryKey,
} from '../db/repositories/checkin-deliveries.js';
import { CHECKIN_EVENT_TYPE } from '../ids.js';
import { loadCheckinView } from '../services/checkins.js';
import { SEND_TIMEOUT_MS } from './sender-client.js';
import { computeNextRun, GRACE_MS } from '../time/check-in-time.js';

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

export interface SchedulerPassOptions {
  /** Unique per process (and per restart): it fences every write after a claim. */
  workerId: string;
  /** Pretend "now" is this instant when deciding what is due (`tick --at`); omitted = the database clock. */
  now?: Date;
  /** Schedules per emit transaction. */
  emitBatch?: number;
  /** Deliveries per claim. */
  claimBatch?: number;
  /** Lease on a claimed delivery; must cover a few Slack calls (≥ 3 × sendTimeoutMs + margin, checked). */
  leaseSeconds?: number;
  /** The sender client's per-request timeout (see sender-client.ts). */
  sendTimeoutMs?: number;
  /** Hard bound on the pass (default 75 % of the lease); no new work starts when a row could overrun it. */
  passTimeoutMs?: number;
  /** Deliveries sent in parallel (different people; Slack's limit is per channel plus workspace-wide). */
  concurrency?: number;
  /** Attempts before a transiently failing delivery goes `dead`. */
  maxAttempts?: number;
  /** Attempts before a delivery Slack keeps rate-limiting goes `dead` (Retry-After delays are short). */
  maxRateLimitedAttempts?: number;
}

export interface SchedulerPassResult {
  emitted: number;
  /** Occurrences not sent because they were older than the grace window. */
  skipped: number;
  /** Schedules stopped because their rule could not be evaluated. */
  invalid: number;
  claimed: number;
  sent: number;
  /** Found already posted (by a worker that died before marking it) and marked sent without re-sending. */
  reconciled: number;
  /** Put back for a later attempt after a definite, transient failure. */
  retried: number;
  /** Put back after a 429, with Slack's Retry-After. */
  rateLimited: number;
  /** Permanently failed (including parked ambiguous ones). */
  dead: number;
  /** Schedules stopped after a permanent Slack error for the person. */
  stopped: number;
  /** Outcome unknown (timeout, dropped connection): left `sending` for the lease to expire and reconciliation. */
  ambiguous: number;
  /** Re-sent without proof the earlier attempt failed (at most once per delivery). */
  blindResends: number;
  /** Given back untouched because the pass or the lease was running out. */
  released: number;
  /** Unexpected errors (database down, bugs); logged, never thrown. */
  errors: number;
  timedOut: boolean;
}

const DEFAULTS = { emitBatch: 200, claimBatch: 20, leaseSeconds: 60, concurrency: 4, maxAttempts: 8, maxRateLimitedAttempts: 30 };
/** Per delivery we may make up to three Slack calls: history (reconcile), conversations.open, chat.postMessage. */
const SLACK_CALLS_PER_DELIVERY = 3;
const SAFETY_MARGIN_MS = 250;

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
  'invalid_auth',
  'not_authed',
  'user_disabled',
  'cannot_dm_bot',
]);
/** Of those, the ones about our token rather than the person: the pass stops and the delivery waits. */
const TOKEN_ERRORS: ReadonlySet<string> = new Set(['token_revoked', 'invalid_auth', 'not_authed', 'account_inactive']);
/** How long a delivery waits after a token error before it is tried again. */
const TOKEN_RETRY_SECONDS = 300;
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
/** `last_error` prefix marking a delivery whose previous attempt may have posted. */
const UNCERTAIN_PREFIX = 'uncertain:';
/** Our code for an answer the Web API client could not read (see classifySlackError). */
const UNREADABLE_RESPONSE = 'unreadable_response';
/** Slack's error codes are snake_case words; anything else in `error` is the raw body of an unreadable answer. */
const SLACK_ERROR_CODE = /^[a-z][a-z0-9_]*$/;

export type SlackFailure =
  | { kind: 'rate-limited'; code: string; retryAfterSeconds: number | undefined }
  | { kind: 'permanent'; code: string }
  | { kind: 'rejected'; code: string }
  | { kind: 'transient'; code: string; uncertain: boolean }
  | { kind: 'ambiguous'; code: string };

/**
 * What a Web API error means for a delivery. `undefined` for errors that did not come from the Slack client.
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

interface PassContext {
  deps: Deps;
  client: WebClient;
  workerId: string;
  settings: Required<Omit<SchedulerPassOptions, 'now' | 'workerId'>>;
  asOf: Date | undefined;
  messageNow: Date;
  /** performance.now() after which no new delivery is started. */
  startDeadline: number;
  /** Set when the pass must wind down (hard timeout, or our token is dead). */
  halted: boolean;
  /**
   * Workspaces Slack rate-limited in this pass. Check-ins go one per person to different DMs, so a 429 on a post is
   * almost always the workspace-wide limit: the rest of that workspace's batch is given back untouched instead of
   * each row rediscovering the limit (bench/ measured ~3,700 429s for 1,000 deliveries without this).
   */
  rateLimitedTeams: Set<string>;
  counts: SchedulerPassResult;
}

/** Runs one pass. Never throws for operational problems (they are logged and counted); throws for bad options. */
export async function runSchedulerPass(deps: Deps, client: WebClient, options: SchedulerPassOptions): Promise<SchedulerPassResult> {
  const settings = resolveSettings(options);
  const started = performance.now();
  const rowBudgetMs = SLACK_CALLS_PER_DELIVERY * settings.sendTimeoutMs + SAFETY_MARGIN_MS;
  const ctx: PassContext = {
    deps,
    client,
    workerId: options.workerId,
    settings,
    asOf: options.now,
    messageNow: options.now ?? deps.now(),
    startDeadline: started + settings.passTimeoutMs - rowBudgetMs,
    halted: false,
    rateLimitedTeams: new Set(),
    counts: emptyResult(),
  };
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
  return { ...ctx.counts };
}

function resolveSettings(options: SchedulerPassOptions): PassContext['settings'] {
  const leaseSeconds = options.leaseSeconds ?? DEFAULTS.leaseSeconds;
  const sendTimeoutMs = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const settings = {
    emitBatch: options.emitBatch ?? DEFAULTS.emitBatch,
    claimBatch: options.claimBatch ?? DEFAULTS.claimBatch,
    leaseSeconds,
    sendTimeoutMs,
    passTimeoutMs: options.passTimeoutMs ?? Math.floor(leaseSeconds * 1000 * 0.75),
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    maxRateLimitedAttempts: options.maxRateLimitedAttempts ?? DEFAULTS.maxRateLimitedAttempts,
  };
  const rowBudgetMs = SLACK_CALLS_PER_DELIVERY * sendTimeoutMs + SAFETY_MARGIN_MS;
  // A lease shorter than one delivery's worst case makes every slow send a re-send: over a thousand posts for 40
  // reminders in one experiment (docs/check-in-delivery.md#time-budgets).
  if (leaseSeconds * 1000 < rowBudgetMs) {
    throw new RangeError(`leaseSeconds (${leaseSeconds}) must cover ${SLACK_CALLS_PER_DELIVERY} Slack calls of sendTimeoutMs (${sendTimeoutMs} ms) plus a margin`);
  }
  if (settings.passTimeoutMs >= leaseSeconds * 1000) throw new RangeError('passTimeoutMs must be shorter than the lease');
  return settings;
}

function emptyResult(): SchedulerPassResult {
  return {
    emitted: 0,
    skipped: 0,
    invalid: 0,
    claimed: 0,
    sent: 0,
    reconciled: 0,
    retried: 0,
    rateLimited: 0,
    dead: 0,
    stopped: 0,
    ambiguous: 0,
    blindResends: 0,
    released: 0,
    errors: 0,
    timedOut: false,
  };
}

async function runPass(ctx: PassContext): Promise<void> {
  const { deps, counts, settings } = ctx;
  // 1. Emit. A failure here (database down) must not stop us sending what is already queued.
  try {
    for (;;) {
      const emitted = await emitDueOccurrences(deps.db, {
        batch: settings.emitBatch,
        graceMs: GRACE_MS,
        computeNext: computeNextRun,
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
  const rowBudgetMs = SLACK_CALLS_PER_DELIVERY * ctx.settings.sendTimeoutMs + SAFETY_MARGIN_MS;
  const dmCache = new Map<string, string>();
  const lane = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const now = performance.now();
      // Never start a delivery that could still be running when our lease ends: someone else would re-send it.
      if (ctx.halted || ctx.rateLimitedTeams.has(row.team_id) || now > ctx.startDeadline || now + rowBudgetMs > leaseEnd) {
        unstarted.push(row.id);
        continue;
      }
      await deliver(ctx, row, dmCache);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.settings.concurrency, rows.length) }, lane));
  if (unstarted.length > 0) {
    try {
      ctx.counts.released += await releaseDeliveries(ctx.deps.db, { ids: unstarted, workerId: ctx.workerId });
    } catch (error) {
      ctx.counts.errors += 1;
      ctx.deps.logger.error('check-in: releasing unstarted deliveries failed (their leases will expire)', { workerId: ctx.workerId }, error);
    }
  }
}

/** Sends one delivery and records the outcome. Errors are classified, logged and counted here, never thrown. */
async function deliver(ctx: PassContext, row: ClaimedDelivery, dmCache: Map<string, string>): Promise<void> {
  const { deps, client, counts } = ctx;
  const key: DeliveryKey = { id: row.id, teamId: row.team_id, workerId: ctx.workerId };
  const log = { teamId: row.team_id, userId: row.user_id, deliveryId: row.id, scheduleId: row.schedule_id, attempt: row.attempts };
  let stage: 'reconcile' | 'open' | 'post' = 'reconcile';
  let posted = false;
  // True while an earlier attempt may have posted and we have neither found its message nor spent the blind
  // re-send: a retry recorded in that state must keep the "look first" mark.
  let unresolved = false;
  try {
    let channel = row.dm_channel ?? dmCache.get(`${row.team_id}:${row.user_id}`);
    // 1. The previous attempt may have posted (its lease expired, Slack said internal_error, or answered a post
    //    with a 5xx or an unreadable body): look first.
    //    Without a DM channel it cannot have: we always store the channel before posting.
    const mayHavePosted = row.expired_lease || (row.last_error?.startsWith(UNCERTAIN_PREFIX) ?? false);
    if (mayHavePosted && row.dm_channel) {
      unresolved = true;
      const lookup = await findPostedCheckin(ctx, row.dm_channel, row);
      if (lookup.kind === 'found') {
        if (await markSent(deps.db, { ...key, slackTs: lookup.ts, channel: row.dm_channel })) counts.reconciled += 1;
        return;
      }
      if (lookup.kind === 'rate-limited') {
        // Keep the "may have posted" mark so the next attempt looks again instead of sending blind.
        await retryLater(deps.db, { ...key, error: `${UNCERTAIN_PREFIX} history rate-limited`, retryAfterSeconds: lookup.retryAfterSeconds, maxAttempts: ctx.settings.maxRateLimitedAttempts });
        counts.rateLimited += 1;
        return;
      }
      if (lookup.kind === 'not-found' && afterHttpLevelAnswer(row)) {
        // The last attempt got a 5xx or unreadable answer, the signature of a Slack outage, and the DM shows it
        // posted nothing: sending again is not blind. Counting it would park the check-in after two such
        // answers in a row; the attempt limit still bounds the retries.
        unresolved = false;
        deps.logger.info('check-in not found in the DM after an unclear answer; sending again', { ...log, lastError: row.last_error });
      } else if (row.blind_resends >= 1) {
        await parkAmbiguous(deps.db, { ...key, error: 'outcome unknown after the one allowed re-send; not found in the DM' });
        counts.dead += 1;
        deps.logger.error('check-in parked: outcome unknown twice, not re-sending (at most one duplicate allowed)', log);
        return;
      } else {
        if (!(await bumpBlindResends(deps.db, key))) return; // we lost the lease meanwhile: the new holder decides
        unresolved = false;
        counts.blindResends += 1;
        deps.logger.warn('check-in re-sent without proof the first attempt failed (the one allowed re-send)', { ...log, lookup: lookup.kind });
      }
    }
    // 2. The DM channel: conversations.open once per person, stored on the schedule.
    if (!channel) {
      stage = 'open';
      const opened = await client.conversations.open({ users: row.user_id });
      channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel id');
      await saveDmChannel(deps.db, { ...key, userId: row.user_id, channel });
      dmCache.set(`${row.team_id}:${row.user_id}`, channel);
    }
    // 3. Build and post. The metadata is how a later attempt recognises this message in the DM.
    const loaded = await loadCheckinView(deps, { teamId: row.team_id, userId: row.user_id, now: ctx.messageNow, withSchedule: false });
    const message = buildCheckinMessage(loaded.view);
    stage = 'post';
    const response = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      metadata: { event_type: CHECKIN_EVENT_TYPE, event_payload: { delivery_id: String(row.id), occurrence_at: row.occurrence_at.toISOString() } },
    });
    posted = true;
    const marked = await markSent(deps.db, { ...key, slackTs: response.ts ?? '', channel: response.channel ?? channel });
    if (marked) counts.sent += 1;
    else deps.logger.warn('check-in posted but our lease was taken over; the new holder will find it in the DM', log);
  } catch (error) {
    await recordFailure(ctx, row, key, log, error, { stage, posted, unresolved });
  }
}

async function recordFailure(
  ctx: PassContext,
  row: ClaimedDelivery,
  key: DeliveryKey,
  log: Record<string, unknown>,
  error: unknown,
  where: { stage: 'reconcile' | 'open' | 'post'; posted: boolean; unresolved: boolean },
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
          ctx.halted = true;
          const status = await retryLater(deps.db, { ...key, error: failure.code, retryAfterSeconds: TOKEN_RETRY_SECONDS, maxAttempts: settings.maxRateLimitedAttempts });
          if (status === 'dead') counts.dead += 1;
          else counts.retried += 1;
          deps.logger.error('check-in pass halted: Slack does not accept the bot token; check SLACK_BOT_TOKEN or reinstall the app', { ...log, error: failure.code });
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
function afterHttpLevelAnswer(row: ClaimedDelivery): boolean {
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

type Lookup = { kind: 'found'; ts: string } | { kind: 'not-found' } | { kind: 'unverifiable' } | { kind: 'rate-limited'; retryAfterSeconds?: number };

/** Pages of history to read, newest first. The bot's DM holds only our check-ins and confirmations. */
const HISTORY_PAGES = 3;
const HISTORY_PAGE_SIZE = 100;
/** Look a little before the delivery existed, in case of clock differences between us, the DB and Slack. */
const HISTORY_SLACK_MS = 5 * 60 * 1000;

/**
 * Looks for this delivery's message in the DM by its metadata (`include_all_metadata`). A failed lookup is
 * "unverifiable", which the caller treats like "not found" (it spends the one blind re-send), except a 429,
 * which is retried later rather than guessed at. For non-Marketplace distributed apps conversations.history is
 * limited to ~1 request a minute (docs/slack-limits.md#message-metadata-and-history): only rows in doubt get here.
 */
async function findPostedCheckin(ctx: PassContext, channel: string, row: ClaimedDelivery): Promise<Lookup> {
  const oldestMs = Math.min(row.occurrence_at.getTime(), row.created_at.getTime()) - HISTORY_SLACK_MS;
  let cursor: string | undefined;
  try {
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const response = await ctx.client.conversations.history({
        channel,
        oldest: (oldestMs / 1000).toFixed(6),
        include_all_metadata: true,
        limit: HISTORY_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of response.messages ?? []) {
        const metadata = message.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
        if (metadata?.event_type !== CHECKIN_EVENT_TYPE || !message.ts) continue;
        const payload = metadata.event_payload ?? {};
        const sameDelivery = String(payload.delivery_id) === String(row.id);
        // Ids could repeat across databases posting to the same workspace (staging restored from prod): the
        // occurrence must match too when the message carries it.
        const sameOccurrence = payload.occurrence_at === undefined || payload.occurrence_at === row.occurrence_at.toISOString();
        if (sameDelivery && sameOccurrence) return { kind: 'found', ts: message.ts };
      }
      cursor = response.response_metadata?.next_cursor;
      if (!response.has_more || !cursor) return { kind: 'not-found' };
    }
    return { kind: 'not-found' };
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure?.kind === 'rate-limited') return { kind: 'rate-limited', ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}) };
    ctx.deps.logger.warn('check-in: could not read the DM history to reconcile', { teamId: row.team_id, userId: row.user_id, deliveryId: row.id, error: failure?.code ?? errorText(error) });
    return { kind: 'unverifiable' };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
