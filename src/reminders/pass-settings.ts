import { SEND_TIMEOUT_MS } from './sender-client.js';

/** What a scheduler pass can be told (options and their defaults) and what it reports back (its counters). */

export interface SchedulerPassOptions {
  /** Unique per process (and per restart): it fences every write after a claim. */
  workerId: string;
  /** Pretend "now" is this instant when deciding what is due (`tick --at`); omitted = the database clock. */
  now?: Date;
  /** Schedules per emit transaction. */
  emitBatch?: number;
  /**
   * Deliveries per claim. Each batch costs a claim, one read for its messages and a few mark statements, plus a
   * moment with the lanes idle between batches: 100 measured 534 → 1,018 deliveries/s against 20 (bench/).
   */
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
  /** Aborted at shutdown: no new delivery starts; unstarted ones are given back, in-flight ones finish. */
  signal?: AbortSignal;
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
  /** Not sent because nobody should get it any more (a lead's share ended, a follow-up's notes were forgotten). */
  cancelled: number;
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

const DEFAULTS = { emitBatch: 200, claimBatch: 100, leaseSeconds: 60, concurrency: 4, maxAttempts: 8, maxRateLimitedAttempts: 30 };
/** Per delivery we may make up to three Slack calls: history (reconcile), conversations.open, chat.postMessage. */
const SLACK_CALLS_PER_DELIVERY = 3;
const SAFETY_MARGIN_MS = 250;

export type PassSettings = Required<Omit<SchedulerPassOptions, 'now' | 'workerId' | 'signal'>>;

/** The worst case of one delivery: every Slack call it may make running into its timeout, plus a margin. */
export function rowBudgetMs(sendTimeoutMs: number): number {
  return SLACK_CALLS_PER_DELIVERY * sendTimeoutMs + SAFETY_MARGIN_MS;
}

/** The options with their defaults filled in; throws a RangeError for a lease or pass bound that cannot work. */
export function resolveSettings(options: SchedulerPassOptions): PassSettings {
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
  // A lease shorter than one delivery's worst case makes every slow send a re-send: over a thousand posts for 40
  // reminders in one experiment (docs/check-in-delivery.md#time-budgets).
  if (leaseSeconds * 1000 < rowBudgetMs(sendTimeoutMs)) {
    throw new RangeError(`leaseSeconds (${leaseSeconds}) must cover ${SLACK_CALLS_PER_DELIVERY} Slack calls of sendTimeoutMs (${sendTimeoutMs} ms) plus a margin`);
  }
  if (settings.passTimeoutMs >= leaseSeconds * 1000) throw new RangeError('passTimeoutMs must be shorter than the lease');
  return settings;
}

export function emptyResult(): SchedulerPassResult {
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
    cancelled: 0,
    stopped: 0,
    ambiguous: 0,
    blindResends: 0,
    released: 0,
    errors: 0,
    timedOut: false,
  };
}
