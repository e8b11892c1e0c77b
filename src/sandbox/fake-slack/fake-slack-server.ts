/**
 * A local, stateful fake of the Slack Web API and of response_url endpoints, built on Node `http`.
 *
 * Why: Bolt 5 / `@slack/web-api` 8 talk to Slack with `fetch`, so old nock-based mocks cannot intercept them;
 * a real HTTP server that `clientOptions.slackApiUrl` points at is the simplest faithful fake
 * (docs/slack-limits.md#the-fake-slack). What it must mirror:
 *
 * - `POST /api/<method>`: form-urlencoded (with `blocks`, `view`, `attachments`, `metadata` JSON-decoded) or JSON
 *   bodies; token from `Authorization: Bearer` or the `token` param; unknown params such as `team_id` ignored.
 * - Always HTTP 200 + `{ok:true|false}`; 429 + integer `Retry-After` only for (injected) rate limits; 5xx only
 *   when a test injects one, because the client retries them (docs/slack-limits.md#the-web-api-client).
 * - Payloads are checked with the Block Kit validator and rejected with Slack's real shapes.
 * - `POST /response_url/<id>`: 5 uses within 30 minutes, HTTP 400 `invalid_blocks` for bad blocks.
 *
 * Usage: `const fake = await startFakeSlack({ users: [...] })`, then
 * `new App({ ..., clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } })`.
 * To serve it inside another HTTP server, construct `new FakeSlack({ baseUrl })` and call `handleRequest`.
 */
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  BLOCK_KIT_LIMITS,
  type BlockKitProblem,
  blockTextLength,
  formatProblem,
  validateBlocks,
  validateFallbackText,
  validateView,
} from './block-kit-validator.js';

// -----------------------------------------------------------------------------------------------------------------
// Public types
// -----------------------------------------------------------------------------------------------------------------

export interface FakeSlackUser {
  id: string;
  teamId: string;
  name: string;
  realName?: string;
  /** IANA zone, e.g. `Europe/Madrid`. */
  tz: string;
  /** Defaults to the zone's long name from `Intl` (e.g. "Central European Standard Time"). */
  tzLabel?: string;
  /** Seconds east of UTC; defaults to the zone's offset at the fake's current time. */
  tzOffset?: number;
  /** IETF tag such as `es-ES`; only returned by users.info with `include_locale=true`. */
  locale: string;
  isBot?: boolean;
  deleted?: boolean;
}

export interface FakeSlackOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  host?: string;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** When set, calls without this bearer token fail with `not_authed` / `invalid_auth`. */
  botToken?: string;
  users?: FakeSlackUser[];
  /** Clock in ms, for trigger_id (3 s) and response_url (30 min) expiry and message timestamps. */
  now?: () => number;
  /**
   * Base URL when the fake is mounted inside another server instead of listening itself (e.g.
   * `http://localhost:3000/fake-slack`); its path is stripped from incoming request paths.
   */
  baseUrl?: string;
  /**
   * Reject messages that have blocks but no `text` fallback (default true). Real Slack only logs a warning
   * (docs/slack-limits.md#message-text), but such messages are silent in notifications and screen readers, so tests should catch them.
   */
  requireFallbackText?: boolean;
}

/**
 * A fault injected with `failNext`; `delayMs` may be combined with any of them. `afterProcessing` carries out the
 * call (a post is posted) and then answers with `status` (default 200) and `body` sent verbatim (default a JSON
 * `ok:false`): Slack's edge can fail after the work is done, so a 5xx or an unreadable answer may hide a post.
 */
export type FakeSlackFault =
  | { status: 429; retryAfter: number; delayMs?: number }
  | { afterProcessing: true; status?: number; body?: string; delayMs?: number }
  | { status: number; body?: string; delayMs?: number }
  | { error: string; delayMs?: number }
  | { delayMs: number }
  | { dropConnection: true; delayMs?: number };

export interface FakeSlackCall {
  method: string;
  /** Parsed arguments, without `token`. */
  args: Record<string, unknown>;
  /** The JSON body sent back; for a dropped connection or an `afterProcessing` fault, the body that would have been sent. */
  response: unknown;
  status: number;
  /** Fake-clock time the request arrived, in ms. */
  at: number;
  token?: string;
  fault?: FakeSlackFault;
  /** True when the call was processed but its socket destroyed (ambiguous outcome). */
  dropped?: boolean;
}

export interface FakeMessage {
  type: 'message';
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  edited?: { user: string; ts: string };
  /** How the message arrived: `chat.postMessage` or `response_url`. */
  via: 'chat.postMessage' | 'response_url';
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  via: 'chat.postEphemeral' | 'response_url';
}

export interface FakeView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title: unknown;
  submit: unknown;
  close: unknown;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, unknown> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  /** Not part of Slack's view object: the user the view was opened for (from the trigger) or published to. */
  user_id?: string;
}

export interface ResponseUrlContext {
  /** Channel of the interaction: where `in_channel` replies go. */
  channel?: string;
  /** User who interacted: recipient of ephemeral replies. */
  userId?: string;
  /** ts of the message the interaction came from: the target of `replace_original` / `delete_original`. */
  messageTs?: string;
}

export interface FakeResponseUrlPost {
  id: string;
  body: unknown;
  status: number;
  outcome: 'replaced' | 'deleted' | 'in_channel' | 'ephemeral' | 'rejected';
  /** Error body for rejected posts (`invalid_blocks`, `used_url`, `expired_url`, ...). */
  error?: string;
  /** ts of the message posted, replaced or deleted. */
  messageTs?: string;
  context: ResponseUrlContext;
  at: number;
}

export interface TriggerContext {
  userId?: string;
  /** The modal the interaction came from: `views.push` stacks onto it. */
  viewId?: string;
}

// -----------------------------------------------------------------------------------------------------------------
// Limits and small helpers
// -----------------------------------------------------------------------------------------------------------------

/** Trigger ids expire 3 s after issue and work once (docs/slack-limits.md#trigger-ids). */
const TRIGGER_TTL_MS = 3000;
/** A response_url may be used 5 times within 30 minutes. */
const RESPONSE_URL_MAX_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
/** Root view + 2 pushes. */
const MODAL_STACK_MAX = 3;
/** Guard against runaway test payloads; Slack's own body limit is larger than any valid payload here. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Form fields `@slack/web-api` JSON-stringifies. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

type Args = Record<string, unknown>;
type Json = Record<string, unknown>;

interface ApiResult {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

const ok = (body: Json = {}): ApiResult => ({ status: 200, body: { ok: true, ...body } });
const fail = (error: string, extra: Json = {}): ApiResult => ({ status: 200, body: { ok: false, error, ...extra } });

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Form values arrive as strings (`'true'`), JSON bodies as real booleans. */
function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Slack ts `1700000000.000100` → integer microseconds (exact: < 2^53 for any realistic date). */
function tsMicros(ts: string): number {
  const [sec = '0', frac = ''] = ts.split('.');
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

function microsToTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** The zone's offset from UTC in seconds at `atMs`, computed with Intl (no tz database needed). */
export function tzOffsetSeconds(tz: string, atMs: number): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(atMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(atMs / 1000) * 1000) / 1000);
  } catch {
    return 0;
  }
}

function tzLabelFor(tz: string, atMs: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(new Date(atMs));
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
  } catch {
    return tz;
  }
}

/** Slack's `[ERROR] ... [json-pointer:...]` lines. */
function errorLines(problems: BlockKitProblem[]): string[] {
  return problems.map((p) => `[ERROR] ${formatProblem(p)}`);
}

function invalidBlocks(error: string, problems: BlockKitProblem[]): ApiResult {
  return fail(error, { errors: problems.map(formatProblem), response_metadata: { messages: errorLines(problems) } });
}

function invalidArguments(problems: BlockKitProblem[]): ApiResult {
  return fail('invalid_arguments', { response_metadata: { messages: errorLines(problems) } });
}

type MessageCheck =
  | { ok: true; text: string | undefined; blocks: unknown[] | undefined; truncated: boolean }
  | { ok: false; error: string; problems: BlockKitProblem[] };

/**
 * Checks message content the way chat.* and response_urls do: malformed blocks JSON →
 * `invalid_blocks_format`; schema or limit problems → `invalid_blocks`; too much block text →
 * `msg_blocks_too_long`; nothing to show → `no_text`; text over 40,000 → truncated but accepted.
 */
export function checkMessageContent(args: Args, requireFallbackText: boolean): MessageCheck {
  const { blocks, attachments } = args;
  if (typeof blocks === 'string') return { ok: false, error: 'invalid_blocks_format', problems: [{ pointer: '/blocks', message: 'must provide valid JSON' }] };
  if (blocks !== undefined) {
    const problems = validateBlocks(blocks, 'message');
    if (problems.length > 0) return { ok: false, error: 'invalid_blocks', problems };
    const total = blockTextLength(blocks);
    if (total > BLOCK_KIT_LIMITS.messageBlocksText) {
      return {
        ok: false,
        error: 'msg_blocks_too_long',
        problems: [{ pointer: '/blocks', message: `block text must be less than ${BLOCK_KIT_LIMITS.messageBlocksText + 1} characters in total (got ${total})` }],
      };
    }
  }
  const rawText = args.text;
  if (rawText !== undefined && typeof rawText !== 'string' && typeof rawText !== 'number') {
    return { ok: false, error: 'invalid_arguments', problems: [{ pointer: '/text', message: 'must provide a string' }] };
  }
  let text = str(rawText);
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!text && !hasBlocks && !hasAttachments) return { ok: false, error: 'no_text', problems: [{ pointer: '/text', message: 'missing required field: text' }] };
  if (requireFallbackText && hasBlocks) {
    const problems = validateFallbackText({ text, blocks });
    if (problems.length > 0) return { ok: false, error: 'invalid_blocks', problems };
  }
  let truncated = false;
  if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText) {
    text = text.slice(0, BLOCK_KIT_LIMITS.messageText);
    truncated = true;
  }
  return { ok: true, text, blocks: Array.isArray(blocks) ? blocks : undefined, truncated };
}

/** What Slack adds to an accepted message whose text was over 40,000 characters. */
const TRUNCATION_WARNING = {
  warnings: ['message_truncated'],
  messages: ['[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.'],
};

function checkMetadata(metadata: unknown): ApiResult | undefined {
  if (metadata === undefined) return undefined;
  if (typeof metadata === 'string') return fail('invalid_metadata_format');
  if (!isObject(metadata) || typeof metadata.event_type !== 'string' || !isObject(metadata.event_payload)) return fail('invalid_metadata_schema');
  return undefined;
}

function isRateLimitFault(fault: FakeSlackFault): fault is { status: number; retryAfter: number; delayMs?: number } {
  return 'status' in fault && fault.status === 429 && 'retryAfter' in fault;
}

// -----------------------------------------------------------------------------------------------------------------
// Internal state records
// -----------------------------------------------------------------------------------------------------------------

interface ChannelRecord {
  id: string;
  kind: 'im' | 'mpim' | 'channel';
  /** For IMs: the other member. */
  user?: string;
  members: string[];
  messages: FakeMessage[];
  created: number;
}

interface TriggerRecord {
  issuedAt: number;
  used: boolean;
  context: TriggerContext;
}

interface ResponseUrlRecord {
  id: string;
  createdAt: number;
  uses: number;
  context: ResponseUrlContext;
  /** Last ephemeral posted through this URL: what `replace_original` replaces when there is no original message. */
  lastEphemeralTs?: string;
}

interface Waiter {
  method: string;
  after: number;
  predicate: (call: FakeSlackCall) => boolean;
  resolve: (call: FakeSlackCall) => void;
}

type Handler = (args: Args) => ApiResult;

// -----------------------------------------------------------------------------------------------------------------
// The fake
// -----------------------------------------------------------------------------------------------------------------

export class FakeSlack {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly botToken: string | undefined;

  /** Every Web API call, in arrival order. */
  readonly calls: FakeSlackCall[] = [];
  /** Every POST to a response_url, in arrival order. */
  readonly responses: FakeResponseUrlPost[] = [];
  /** Ephemeral messages (chat.postEphemeral and ephemeral response_url replies). */
  readonly ephemerals: FakeEphemeral[] = [];
  /** Messages removed by chat.delete or `delete_original`. */
  readonly deletedMessages: FakeMessage[] = [];

  private readonly now: () => number;
  private readonly requireFallbackText: boolean;
  private readonly users = new Map<string, FakeSlackUser>();
  private readonly channels = new Map<string, ChannelRecord>();
  private readonly dmByUser = new Map<string, string>();
  private readonly mpimByMembers = new Map<string, string>();
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly views = new Map<string, FakeView>();
  /** Modal stacks, root first. */
  private readonly stacks: string[][] = [];
  private readonly homeViewIdByUser = new Map<string, string>();
  private readonly responseUrls = new Map<string, ResponseUrlRecord>();
  private readonly faults = new Map<string, FakeSlackFault[]>();
  private readonly postTimes = new Map<string, number[]>();
  private readonly waiters: Waiter[] = [];
  private readonly handlers: Readonly<Record<string, Handler>>;
  private channelRateLimit: number | null = null;
  private lastTsMicros = 0;
  private idCounter = 0;
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private basePath = '';

  constructor(options: FakeSlackOptions = {}) {
    this.teamId = options.teamId ?? 'T0FAKE0001';
    this.teamName = options.teamName ?? 'Fake Team';
    this.teamDomain = options.teamDomain ?? 'fake-team';
    this.botUserId = options.botUserId ?? 'U0FAKEBOT1';
    this.botId = options.botId ?? 'B0FAKEBOT1';
    this.appId = options.appId ?? 'A0FAKEAPP1';
    this.botToken = options.botToken;
    this.now = options.now ?? Date.now;
    this.requireFallbackText = options.requireFallbackText ?? true;
    if (options.baseUrl !== undefined) this.setBaseUrl(options.baseUrl);
    this.users.set(this.botUserId, { id: this.botUserId, teamId: this.teamId, name: 'skill-ladder', tz: 'UTC', locale: 'en-US', isBot: true });
    for (const user of options.users ?? []) this.addUser(user);
    this.handlers = {
      'auth.test': () => this.authTest(),
      'users.info': (a) => this.usersInfo(a),
      'conversations.open': (a) => this.conversationsOpen(a),
      'conversations.history': (a) => this.conversationsHistory(a),
      'conversations.replies': (a) => this.conversationsReplies(a),
      'chat.postMessage': (a) => this.chatPostMessage(a),
      'chat.update': (a) => this.chatUpdate(a),
      'chat.postEphemeral': (a) => this.chatPostEphemeral(a),
      'chat.delete': (a) => this.chatDelete(a),
      'chat.getPermalink': (a) => this.chatGetPermalink(a),
      'views.open': (a) => this.viewsOpen(a),
      'views.push': (a) => this.viewsPush(a),
      'views.update': (a) => this.viewsUpdate(a),
      'views.publish': (a) => this.viewsPublish(a),
    };
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  /** `http://127.0.0.1:<port>` (or the configured `baseUrl`, without a trailing slash). */
  get url(): string {
    if (this.baseUrl === undefined) throw new Error('FakeSlack is not listening and has no baseUrl');
    return this.baseUrl;
  }

  /** Value for `slackApiUrl` / `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Starts a standalone HTTP server; `startFakeSlack` calls this. */
  async listen(port = 0, host = '127.0.0.1'): Promise<void> {
    if (this.server) throw new Error('FakeSlack is already listening');
    const server = http.createServer((req, res) => {
      void this.handleRequest(req, res).then((handled) => {
        if (!handled) this.sendText(res, 404, 'not_found');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const printable = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.setBaseUrl(`http://${printable}:${address.port}`);
  }

  /** Stops the server and drops keep-alive connections (fetch keeps them open). */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /**
   * Serves one request. Returns false without touching `res` when the path is not the fake's (so a host server
   * can fall through to its own routes); otherwise answers and returns true.
   */
  async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    let path = url.pathname;
    if (this.basePath) {
      if (path !== this.basePath && !path.startsWith(`${this.basePath}/`)) return false;
      path = path.slice(this.basePath.length) || '/';
    }
    const api = /^\/api\/([A-Za-z0-9._-]+)$/.exec(path);
    const hook = /^\/response_url\/([A-Za-z0-9_-]+)$/.exec(path);
    if (!api && !hook && path !== '/') return false;
    try {
      if (path === '/') {
        this.sendText(res, 200, 'fake slack');
        return true;
      }
      if (req.method !== 'POST' && !(api && req.method === 'GET')) {
        this.sendText(res, 405, 'method_not_allowed');
        return true;
      }
      const raw = await readBody(req);
      if (raw === undefined) {
        this.sendText(res, 413, 'request_too_large');
        return true;
      }
      if (api?.[1]) await this.handleApi(api[1], req, res, url, raw);
      else if (hook?.[1]) await this.handleResponseUrl(hook[1], req, res, raw);
    } catch (error) {
      if (!res.headersSent) this.sendText(res, 500, `fake_slack_error: ${(error as Error).message}`);
      else res.destroy();
    }
    return true;
  }

  // ---- test controls -----------------------------------------------------------------------------------------

  /** Calls to one method, in order. */
  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * Resolves with the first call to `method` at index ≥ `after` in `calls` that matches `predicate`, waiting
   * up to `timeoutMs` for it (for listeners that post asynchronously after ack).
   */
  waitForCall(
    method: string,
    options: { predicate?: (call: FakeSlackCall) => boolean; timeoutMs?: number; after?: number } = {},
  ): Promise<FakeSlackCall> {
    const { predicate = () => true, timeoutMs = 2000, after = 0 } = options;
    const existing = this.calls.slice(after).find((call) => call.method === method && predicate(call));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        after,
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a call to ${method}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /**
   * Makes the next `times` calls to `method` fail with `fault` (use `'response_url'` as the method for
   * response_url posts). `{ delayMs }` alone delays and then succeeds; `{ dropConnection: true }` processes the
   * call (state changes happen) and then destroys the socket, the "did it post?" ambiguity
   * (docs/check-in-delivery.md#reconciliation); `{ afterProcessing: true, status, body }` processes it and then
   * answers with that status and raw body.
   */
  failNext(method: string, fault: FakeSlackFault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.faults.set(method, queue);
  }

  /** Drops any faults queued with `failNext`. */
  clearFaults(): void {
    this.faults.clear();
  }

  /**
   * Limits chat.postMessage to `perSecond` posts per channel in any 1 s window (Slack's "one message per second per
   * channel"); excess calls get HTTP 429 with `Retry-After`. `null` turns the limit off (the default).
   */
  rateLimitPerChannel(perSecond: number | null): void {
    this.channelRateLimit = perSecond;
    this.postTimes.clear();
  }

  /** A fresh trigger_id, valid once within 3 s. Put it in simulated interaction payloads. */
  issueTriggerId(context: TriggerContext = {}): string {
    // Same shape as Slack's (`398738663015.47445629121.803a0bc8...`), unguessable across fakes.
    const n = this.nextId();
    const id = `${100_000_000_000 + n}.${10_000_000_000 + n}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false, context: { ...context } });
    return id;
  }

  /** A response_url `${url}/response_url/<id>`, usable 5 times within 30 minutes. */
  createResponseUrl(context: ResponseUrlContext = {}): string {
    const id = `${this.nextId()}${randomBytes(12).toString('hex')}`;
    this.responseUrls.set(id, { id, createdAt: this.now(), uses: 0, context: { ...context } });
    return `${this.url}/response_url/${id}`;
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, { ...user });
  }

  setUser(id: string, patch: Partial<Omit<FakeSlackUser, 'id'>>): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`unknown fake user ${id}`);
    this.users.set(id, { ...user, ...patch, id });
  }

  getUser(id: string): FakeSlackUser | undefined {
    const user = this.users.get(id);
    return user ? { ...user } : undefined;
  }

  /** Messages in a channel (a user id means that user's IM), oldest first, including thread replies. */
  messagesIn(channel: string): FakeMessage[] {
    const id = this.users.has(channel) ? this.dmByUser.get(channel) : channel;
    return clone(id ? (this.channels.get(id)?.messages ?? []) : []);
  }

  /** The IM channel id for a user, created on first use like conversations.open does. */
  dmChannelFor(userId: string): string {
    return this.openIm(userId);
  }

  /** Messages the bot posted in a user's IM. */
  dmsTo(userId: string): FakeMessage[] {
    const id = this.dmByUser.get(userId);
    return id ? this.messagesIn(id) : [];
  }

  /** Ephemeral messages shown to a user. */
  ephemeralsTo(userId: string): FakeEphemeral[] {
    return clone(this.ephemerals.filter((e) => e.user === userId));
  }

  /** The Home tab view last published for a user. */
  homeViewFor(userId: string): FakeView | undefined {
    const id = this.homeViewIdByUser.get(userId);
    const view = id ? this.views.get(id) : undefined;
    return view ? clone(view) : undefined;
  }

  /** Every modal currently open, root first within each stack. */
  openViews(): FakeView[] {
    return this.stacks.flat().flatMap((id) => {
      const view = this.views.get(id);
      return view ? [clone(view)] : [];
    });
  }

  /** A view (modal or home) by id. */
  viewById(viewId: string): FakeView | undefined {
    const view = this.views.get(viewId);
    return view ? clone(view) : undefined;
  }

  /** Simulates the user closing a modal: removes it and any views pushed on top of it. */
  closeView(viewId: string): void {
    const stackIndex = this.stacks.findIndex((stack) => stack.includes(viewId));
    const stack = this.stacks[stackIndex];
    if (!stack) return;
    const removed = stack.splice(stack.indexOf(viewId));
    for (const id of removed) this.views.delete(id);
    if (stack.length === 0) this.stacks.splice(stackIndex, 1);
  }

  /** Clears recorded calls and conversation/view state; keeps users and configuration. */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.ephemerals.length = 0;
    this.deletedMessages.length = 0;
    for (const map of [this.channels, this.dmByUser, this.mpimByMembers, this.triggers, this.views, this.homeViewIdByUser, this.responseUrls, this.faults, this.postTimes]) {
      map.clear();
    }
    this.stacks.length = 0;
    this.channelRateLimit = null;
  }

  // ---- request plumbing --------------------------------------------------------------------------------------

  private setBaseUrl(baseUrl: string): void {
    const trimmed = baseUrl.replace(/\/+$/, '');
    this.baseUrl = trimmed;
    this.basePath = new URL(trimmed).pathname.replace(/\/+$/, '');
  }

  private nextId(): number {
    this.idCounter += 1;
    return this.idCounter;
  }

  private makeId(prefix: string): string {
    return `${prefix}${this.nextId().toString(36).toUpperCase().padStart(9, '0')}`;
  }

  /** Unique, increasing message timestamps derived from the fake clock. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(this.lastTsMicros + 1, Math.floor(this.now()) * 1000);
    return microsToTs(this.lastTsMicros);
  }

  private takeFault(method: string): FakeSlackFault | undefined {
    const queue = this.faults.get(method);
    const fault = queue?.shift();
    if (queue && queue.length === 0) this.faults.delete(method);
    return fault;
  }

  private async handleApi(method: string, req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const at = this.now();
    const parsed = parseArgs(req.headers['content-type'], raw, url.searchParams);
    const { token: bodyToken, ...args } = parsed.args;
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : str(bodyToken);
    const record = (result: ApiResult | undefined, extra: Partial<FakeSlackCall> = {}): void => {
      const call: FakeSlackCall = { method, args, response: result?.body, status: result?.status ?? 0, at, ...extra };
      if (token !== undefined) call.token = token;
      this.recordCall(call);
    };

    const fault = this.takeFault(method);
    if (fault?.delayMs) await sleep(fault.delayMs);
    const faultResult = fault ? faultToResult(fault) : undefined;
    if (fault && faultResult) {
      record(faultResult, { fault });
      this.sendJson(res, faultResult);
      return;
    }

    const result = parsed.error ?? this.checkAuth(token) ?? this.checkChannelRateLimit(method, args) ?? this.dispatch(method, args);
    if (fault && 'dropConnection' in fault) {
      record(result, { fault, dropped: true });
      req.socket.destroy();
      return;
    }
    if (fault && 'afterProcessing' in fault) {
      const status = fault.status ?? 200;
      record(result, { fault });
      this.sendText(res, status, fault.body ?? JSON.stringify({ ok: false, error: `http_${status}` }));
      return;
    }
    record(result, fault ? { fault } : {});
    this.sendJson(res, result);
  }

  private recordCall(call: FakeSlackCall): void {
    this.calls.push(call);
    const index = this.calls.length - 1;
    for (const waiter of [...this.waiters]) {
      if (waiter.method === call.method && index >= waiter.after && waiter.predicate(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  private dispatch(method: string, args: Args): ApiResult {
    const handler = this.handlers[method];
    return handler ? handler(args) : fail('unknown_method');
  }

  private checkAuth(token: string | undefined): ApiResult | undefined {
    if (this.botToken === undefined) return undefined;
    if (!token) return fail('not_authed');
    if (token !== this.botToken) return fail('invalid_auth');
    return undefined;
  }

  private checkChannelRateLimit(method: string, args: Args): ApiResult | undefined {
    if (this.channelRateLimit === null || method !== 'chat.postMessage') return undefined;
    // Key by the resolved IM so a user id and its D… id share one budget.
    const arg = str(args.channel) ?? '';
    const channel = this.users.has(arg) ? this.openIm(arg) : arg;
    const now = this.now();
    const recent = (this.postTimes.get(channel) ?? []).filter((t) => t > now - 1000);
    if (recent.length >= this.channelRateLimit) {
      const oldest = recent[0] ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
      this.postTimes.set(channel, recent);
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'Retry-After': String(retryAfter) } };
    }
    recent.push(now);
    this.postTimes.set(channel, recent);
    return undefined;
  }

  private sendJson(res: ServerResponse, result: ApiResult): void {
    const body = JSON.stringify(result.body);
    res.writeHead(result.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...result.headers });
    res.end(body);
  }

  private sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  // ---- channels ----------------------------------------------------------------------------------------------

  private openIm(userId: string): string {
    const existing = this.dmByUser.get(userId);
    if (existing) return existing;
    const id = this.makeId('D');
    this.channels.set(id, { id, kind: 'im', user: userId, members: [userId, this.botUserId], messages: [], created: Math.floor(this.now() / 1000) });
    this.dmByUser.set(userId, id);
    return id;
  }

  /** A channel id, or a user id standing for that user's IM (without creating it). */
  private peekChannel(arg: string): string {
    return this.users.has(arg) ? (this.dmByUser.get(arg) ?? '') : arg;
  }

  /**
   * Resolves a `channel` argument: a user id means the user's IM (chat.postMessage does this in Slack), a `D…`
   * id must be a known IM, other ids (`C…`, `G…`) are created on first use as ordinary channels.
   */
  private resolveChannel(arg: unknown, allowUserId: boolean): ChannelRecord | undefined {
    const id = str(arg);
    if (!id) return undefined;
    if (this.users.has(id)) return allowUserId ? this.channels.get(this.openIm(id)) : undefined;
    const known = this.channels.get(id);
    if (known) return known;
    if (!/^[CG][A-Z0-9]+$/.test(id)) return undefined;
    const created: ChannelRecord = { id, kind: 'channel', members: [], messages: [], created: Math.floor(this.now() / 1000) };
    this.channels.set(id, created);
    return created;
  }

  private findMessage(channel: ChannelRecord, ts: unknown): FakeMessage | undefined {
    return channel.messages.find((m) => m.ts === ts);
  }

  private newMessage(channel: string, content: { text?: string | undefined; blocks?: unknown[] | undefined }, args: Args, via: FakeMessage['via']): FakeMessage {
    const message: FakeMessage = { type: 'message', channel, ts: this.nextTs(), user: this.botUserId, bot_id: this.botId, app_id: this.appId, team: this.teamId, via };
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = clone(content.blocks);
    if (Array.isArray(args.attachments)) message.attachments = clone(args.attachments);
    if (isObject(args.metadata)) message.metadata = clone(args.metadata) as FakeMessage['metadata'];
    const threadTs = str(args.thread_ts);
    if (threadTs) message.thread_ts = threadTs;
    return message;
  }

  /** The message as Slack returns it in API responses (no fake-only fields). */
  private publicMessage(message: FakeMessage, withMetadata = true): Json {
    const { channel: _channel, via: _via, metadata, ...rest } = clone(message);
    return withMetadata && metadata ? { ...rest, metadata } : rest;
  }

  // ---- Web API methods ---------------------------------------------------------------------------------------

  private authTest(): ApiResult {
    return ok({
      url: `https://${this.teamDomain}.slack.com/`,
      team: this.teamName,
      user: this.users.get(this.botUserId)?.name ?? 'bot',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    });
  }

  private usersInfo(args: Args): ApiResult {
    const user = this.users.get(str(args.user) ?? '');
    if (!user) return fail('user_not_found');
    const now = this.now();
    const body: Json = {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      deleted: user.deleted ?? false,
      real_name: user.realName ?? user.name,
      tz: user.tz,
      tz_label: user.tzLabel ?? tzLabelFor(user.tz, now),
      tz_offset: user.tzOffset ?? tzOffsetSeconds(user.tz, now),
      is_bot: user.isBot ?? false,
      is_app_user: false,
      updated: Math.floor(now / 1000),
      profile: { real_name: user.realName ?? user.name, display_name: user.name, team: user.teamId },
    };
    // Locale is opt-in; without include_locale=true it is absent.
    if (flag(args.include_locale)) body.locale = user.locale;
    return ok({ user: body });
  }

  private conversationsOpen(args: Args): ApiResult {
    const existing = str(args.channel);
    if (existing) {
      const channel = this.channels.get(existing);
      return channel ? ok({ channel: { id: channel.id }, already_open: true }) : fail('channel_not_found');
    }
    const raw = args.users;
    const users = (Array.isArray(raw) ? raw.map(String) : (str(raw) ?? '').split(',')).map((u) => u.trim()).filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 8) return fail('too_many_users');
    const unknown = users.find((u) => !this.users.has(u));
    if (unknown) return fail('user_not_found');
    if (users.length === 1) {
      const user = users[0] as string;
      const already = this.dmByUser.has(user);
      const id = this.openIm(user);
      return ok({ no_op: already, already_open: already, channel: { id, is_im: true, user, created: this.channels.get(id)?.created } });
    }
    const key = [...users].sort().join(',');
    let id = this.mpimByMembers.get(key);
    const already = id !== undefined;
    if (!id) {
      id = this.makeId('G');
      this.channels.set(id, { id, kind: 'mpim', members: [...users, this.botUserId], messages: [], created: Math.floor(this.now() / 1000) });
      this.mpimByMembers.set(key, id);
    }
    return ok({ no_op: already, already_open: already, channel: { id, is_mpim: true } });
  }

  private conversationsHistory(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel, false);
    if (!channel) return fail('channel_not_found');
    const inclusive = flag(args.inclusive);
    const oldest = tsMicros(str(args.oldest) ?? '0');
    const latest = args.latest === undefined ? Number.MAX_SAFE_INTEGER : tsMicros(str(args.latest) ?? '0');
    const limit = Math.min(Math.max(Number(str(args.limit) ?? 100) || 100, 1), 999);
    const offset = decodeCursor(args.cursor);
    // History lists top-level messages only; thread replies live in conversations.replies.
    const matching = channel.messages
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
      .filter((m) => {
        const t = tsMicros(m.ts);
        return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
      })
      .reverse();
    const page = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    const withMetadata = flag(args.include_all_metadata);
    return ok({
      messages: page.map((m) => this.publicMessage(m, withMetadata)),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: { next_cursor: hasMore ? encodeCursor(offset + limit) : '' },
    });
  }

  private conversationsReplies(args: Args): ApiResult {
    const channel = this.channels.get(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const ts = str(args.ts);
    const parent = this.findMessage(channel, ts);
    if (!parent) return fail('thread_not_found');
    const withMetadata = flag(args.include_all_metadata);
    const thread = channel.messages.filter((m) => m === parent || m.thread_ts === ts);
    return ok({ messages: thread.map((m) => this.publicMessage(m, withMetadata)), has_more: false });
  }

  private chatPostMessage(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel, true);
    if (!channel) return fail('channel_not_found');
    const content = checkMessageContent(args, this.requireFallbackText);
    if (!content.ok) return invalidBlocks(content.error, content.problems);
    const metadataError = checkMetadata(args.metadata);
    if (metadataError) return metadataError;
    const message = this.newMessage(channel.id, content, args, 'chat.postMessage');
    channel.messages.push(message);
    const body: Json = { channel: channel.id, ts: message.ts, message: this.publicMessage(message) };
    if (content.truncated) body.response_metadata = TRUNCATION_WARNING;
    return ok(body);
  }

  private chatUpdate(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel, false);
    if (!channel) return fail('channel_not_found');
    const message = this.findMessage(channel, str(args.ts));
    if (!message) return fail('message_not_found');
    const content = checkMessageContent(args, this.requireFallbackText);
    if (!content.ok) return invalidBlocks(content.error, content.problems);
    const metadataError = checkMetadata(args.metadata);
    if (metadataError) return metadataError;
    // chat.update replaces the fields it is given; blocks: [] clears them.
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = clone(content.blocks);
    if (Array.isArray(args.attachments)) message.attachments = clone(args.attachments);
    if (isObject(args.metadata)) message.metadata = clone(args.metadata) as FakeMessage['metadata'];
    message.edited = { user: this.botUserId, ts: this.nextTs() };
    const body: Json = { channel: channel.id, ts: message.ts, text: message.text ?? '', message: this.publicMessage(message) };
    if (content.truncated) body.response_metadata = TRUNCATION_WARNING;
    return ok(body);
  }

  private chatPostEphemeral(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel, true);
    if (!channel) return fail('channel_not_found');
    const user = str(args.user);
    if (!user || !this.users.has(user)) return fail('user_not_found');
    const content = checkMessageContent(args, this.requireFallbackText);
    if (!content.ok) return invalidBlocks(content.error, content.problems);
    const ephemeral: FakeEphemeral = { channel: channel.id, user, message_ts: this.nextTs(), via: 'chat.postEphemeral' };
    if (content.text !== undefined) ephemeral.text = content.text;
    if (content.blocks !== undefined) ephemeral.blocks = clone(content.blocks);
    const threadTs = str(args.thread_ts);
    if (threadTs) ephemeral.thread_ts = threadTs;
    this.ephemerals.push(ephemeral);
    const body: Json = { message_ts: ephemeral.message_ts };
    if (content.truncated) body.response_metadata = TRUNCATION_WARNING;
    return ok(body);
  }

  private chatDelete(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel, false);
    if (!channel) return fail('channel_not_found');
    const message = this.findMessage(channel, str(args.ts));
    if (!message) return fail('message_not_found');
    channel.messages.splice(channel.messages.indexOf(message), 1);
    this.deletedMessages.push(message);
    return ok({ channel: channel.id, ts: message.ts });
  }

  private chatGetPermalink(args: Args): ApiResult {
    const channel = this.channels.get(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const message = this.findMessage(channel, str(args.message_ts));
    if (!message) return fail('message_not_found');
    return ok({ channel: channel.id, permalink: `https://${this.teamDomain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}` });
  }

  // ---- views -------------------------------------------------------------------------------------------------

  /** Unknown → invalid_trigger_id, reused → exchanged_trigger_id, older than 3 s → expired_trigger_id. */
  private checkTrigger(triggerId: unknown): { error: ApiResult } | { trigger: TriggerRecord } {
    const id = str(triggerId);
    if (!id) return { error: invalidArguments([{ pointer: '/trigger_id', message: 'missing required field: trigger_id' }]) };
    const trigger = this.triggers.get(id);
    if (!trigger) return { error: fail('invalid_trigger_id') };
    if (trigger.used) return { error: fail('exchanged_trigger_id') };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: fail('expired_trigger_id') };
    return { trigger };
  }

  /** Parses and validates a `view` argument of the expected type(s); returns the error reply or the view. */
  private checkViewArg(raw: unknown, allowed: readonly ('modal' | 'home')[]): { error: ApiResult } | { view: Json } {
    if (raw === undefined) return { error: invalidArguments([{ pointer: '/view', message: 'missing required field: view' }]) };
    if (!isObject(raw)) return { error: invalidArguments([{ pointer: '/view', message: 'must provide an object' }]) };
    const problems = validateView(raw);
    // An oversized view has its own error code.
    if (problems.some((p) => p.pointer === '/view' && p.message.startsWith('view_too_large'))) return { error: fail('view_too_large') };
    if (problems.length > 0) return { error: invalidArguments(problems) };
    if (!allowed.includes(raw.type as 'modal' | 'home')) {
      return { error: invalidArguments([{ pointer: '/view/type', message: `must be a valid enum value (one of: ${allowed.join(', ')})` }]) };
    }
    return { view: raw };
  }

  private externalIdTaken(externalId: unknown, exceptViewId?: string): boolean {
    if (typeof externalId !== 'string' || externalId === '') return false;
    return [...this.views.values()].some((v) => v.external_id === externalId && v.id !== exceptViewId);
  }

  private buildView(input: Json, id: string, previous: FakeView | undefined, extra: Partial<FakeView>): FakeView {
    const view: FakeView = {
      id,
      team_id: this.teamId,
      type: input.type as 'modal' | 'home',
      title: clone(input.title ?? null),
      submit: clone(input.submit ?? null),
      close: clone(input.close ?? null),
      blocks: clone(input.blocks as unknown[]),
      private_metadata: str(input.private_metadata) ?? '',
      callback_id: str(input.callback_id) ?? '',
      external_id: str(input.external_id) ?? previous?.external_id ?? '',
      state: { values: {} },
      hash: `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      previous_view_id: previous?.previous_view_id ?? null,
      root_view_id: previous?.root_view_id ?? null,
      app_id: this.appId,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
      ...extra,
    };
    if (previous?.user_id !== undefined && view.user_id === undefined) view.user_id = previous.user_id;
    return view;
  }

  private publicView(view: FakeView): Json {
    const { user_id: _user, ...rest } = clone(view);
    return rest;
  }

  private viewsOpen(args: Args): ApiResult {
    const trigger = this.checkTrigger(args.trigger_id);
    if ('error' in trigger) return trigger.error;
    const checked = this.checkViewArg(args.view, ['modal']);
    if ('error' in checked) return checked.error;
    if (this.externalIdTaken(checked.view.external_id)) return fail('duplicate_external_id');
    trigger.trigger.used = true;
    const id = this.makeId('V');
    const extra: Partial<FakeView> = { root_view_id: id, previous_view_id: null };
    if (trigger.trigger.context.userId) extra.user_id = trigger.trigger.context.userId;
    const view = this.buildView(checked.view, id, undefined, extra);
    this.views.set(id, view);
    this.stacks.push([id]);
    return ok({ view: this.publicView(view) });
  }

  private viewsPush(args: Args): ApiResult {
    const trigger = this.checkTrigger(args.trigger_id);
    if ('error' in trigger) return trigger.error;
    const checked = this.checkViewArg(args.view, ['modal']);
    if ('error' in checked) return checked.error;
    const stack = this.stackForTrigger(trigger.trigger.context);
    // Pushing needs an open modal to push onto; the trigger must come from an interaction inside it.
    if (!stack) return fail('not_found');
    if (stack.length >= MODAL_STACK_MAX) return fail('push_limit_reached');
    if (this.externalIdTaken(checked.view.external_id)) return fail('duplicate_external_id');
    trigger.trigger.used = true;
    const id = this.makeId('V');
    const top = this.views.get(stack[stack.length - 1] as string);
    const extra: Partial<FakeView> = { root_view_id: stack[0] ?? id, previous_view_id: top?.id ?? null };
    const userId = trigger.trigger.context.userId ?? top?.user_id;
    if (userId) extra.user_id = userId;
    const view = this.buildView(checked.view, id, undefined, extra);
    this.views.set(id, view);
    stack.push(id);
    return ok({ view: this.publicView(view) });
  }

  /** The stack holding the trigger's view, else the user's latest stack, else the only open stack. */
  private stackForTrigger(context: TriggerContext): string[] | undefined {
    if (context.viewId) return this.stacks.find((stack) => stack.includes(context.viewId as string));
    const userId = context.userId;
    if (userId) {
      const own = this.stacks.filter((stack) => this.views.get(stack[0] as string)?.user_id === userId);
      if (own.length > 0) return own[own.length - 1];
    }
    return this.stacks.length === 1 ? this.stacks[0] : undefined;
  }

  private viewsUpdate(args: Args): ApiResult {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (!viewId && !externalId) return invalidArguments([{ pointer: '/view_id', message: 'must provide view_id or external_id' }]);
    const current = viewId ? this.views.get(viewId) : [...this.views.values()].find((v) => v.external_id === externalId);
    if (!current) return fail('not_found');
    // A stale hash means someone else updated the view first.
    const hash = str(args.hash);
    if (hash !== undefined && hash !== current.hash) return fail('hash_conflict');
    const checked = this.checkViewArg(args.view, [current.type]);
    if ('error' in checked) return checked.error;
    if (this.externalIdTaken(checked.view.external_id, current.id)) return fail('duplicate_external_id');
    const view = this.buildView(checked.view, current.id, current, {});
    this.views.set(view.id, view);
    return ok({ view: this.publicView(view) });
  }

  private viewsPublish(args: Args): ApiResult {
    const userId = str(args.user_id);
    if (!userId || !this.users.has(userId)) return fail('user_not_found');
    const checked = this.checkViewArg(args.view, ['home']);
    if ('error' in checked) return checked.error;
    const currentId = this.homeViewIdByUser.get(userId);
    const current = currentId ? this.views.get(currentId) : undefined;
    const hash = str(args.hash);
    if (hash !== undefined && current && hash !== current.hash) return fail('hash_conflict');
    if (this.externalIdTaken(checked.view.external_id, current?.id)) return fail('duplicate_external_id');
    const id = current?.id ?? this.makeId('V');
    const view = this.buildView(checked.view, id, current, { user_id: userId });
    this.views.set(id, view);
    this.homeViewIdByUser.set(userId, id);
    return ok({ view: this.publicView(view) });
  }

  // ---- response_url ------------------------------------------------------------------------------------------

  private async handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const at = this.now();
    const record = this.responseUrls.get(id);
    const context = record?.context ?? {};
    const body = parseResponseBody(req.headers['content-type'], raw);
    const log = (status: number, outcome: FakeResponseUrlPost['outcome'], extra: { error?: string; messageTs?: string } = {}): void => {
      this.responses.push({ id, body, status, outcome, at, context: { ...context }, ...extra });
    };
    const reject = (status: number, error: string): void => {
      log(status, 'rejected', { error });
      this.sendText(res, status, error);
    };

    const fault = this.takeFault('response_url');
    if (fault?.delayMs) await sleep(fault.delayMs);
    const faultResult = fault ? faultToResult(fault) : undefined;
    if (faultResult) {
      log(faultResult.status, 'rejected', { error: String(faultResult.body.error ?? faultResult.status) });
      this.sendJson(res, faultResult);
      return;
    }

    if (!record) return reject(404, 'invalid_url');
    // 5 uses within 30 minutes; after that Slack answers with a non-2xx status.
    if (at - record.createdAt > RESPONSE_URL_TTL_MS) return reject(404, 'expired_url');
    if (record.uses >= RESPONSE_URL_MAX_USES) return reject(404, 'used_url');
    if (!isObject(body)) return reject(400, 'invalid_payload');

    const outcome = this.applyResponse(record, body);
    if ('error' in outcome) return reject(400, outcome.error);
    record.uses += 1;
    const extra: { messageTs?: string } = {};
    if (outcome.messageTs !== undefined) extra.messageTs = outcome.messageTs;
    log(200, outcome.outcome, extra);
    if (fault && 'dropConnection' in fault) {
      req.socket.destroy();
      return;
    }
    if (fault && 'afterProcessing' in fault) {
      this.sendText(res, fault.status ?? 200, fault.body ?? 'error');
      return;
    }
    this.sendJson(res, ok());
  }

  /** Applies a response_url body (replace_original, delete_original, response_type). */
  private applyResponse(
    record: ResponseUrlRecord,
    body: Json,
  ): { error: string } | { outcome: Exclude<FakeResponseUrlPost['outcome'], 'rejected'>; messageTs?: string } {
    const { context } = record;
    if (flag(body.delete_original)) {
      const ts = context.messageTs ?? record.lastEphemeralTs;
      if (ts !== undefined) this.removeMessage(context.channel, ts);
      return ts === undefined ? { outcome: 'deleted' } : { outcome: 'deleted', messageTs: ts };
    }
    // Response URLs answer 400 with a bare `invalid_blocks` (no details).
    const content = checkMessageContent(body, this.requireFallbackText);
    if (!content.ok) return { error: content.error === 'invalid_blocks_format' ? 'invalid_blocks' : content.error };

    if (flag(body.replace_original)) {
      const ts = context.messageTs ?? record.lastEphemeralTs;
      const replaced = ts !== undefined && this.replaceMessage(context.channel, ts, content);
      if (replaced) return { outcome: 'replaced', messageTs: ts };
    }
    if (body.response_type === 'in_channel') {
      const channel = context.channel ? this.resolveChannel(context.channel, true) : undefined;
      if (!channel) return { error: 'channel_not_found' };
      const message = this.newMessage(channel.id, content, body, 'response_url');
      channel.messages.push(message);
      return { outcome: 'in_channel', messageTs: message.ts };
    }
    const ephemeral: FakeEphemeral = { channel: context.channel ?? '', user: context.userId ?? '', message_ts: this.nextTs(), via: 'response_url' };
    if (content.text !== undefined) ephemeral.text = content.text;
    if (content.blocks !== undefined) ephemeral.blocks = clone(content.blocks);
    this.ephemerals.push(ephemeral);
    record.lastEphemeralTs = ephemeral.message_ts;
    return { outcome: 'ephemeral', messageTs: ephemeral.message_ts };
  }

  private replaceMessage(channelId: string | undefined, ts: string, content: { text: string | undefined; blocks: unknown[] | undefined }): boolean {
    const channel = channelId ? this.channels.get(this.peekChannel(channelId)) : undefined;
    const message = channel ? this.findMessage(channel, ts) : undefined;
    if (message) {
      // Replacing swaps the whole message: fields not given are cleared.
      if (content.text !== undefined) message.text = content.text;
      else delete message.text;
      if (content.blocks !== undefined) message.blocks = clone(content.blocks);
      else delete message.blocks;
      message.edited = { user: this.botUserId, ts: this.nextTs() };
      return true;
    }
    const ephemeral = this.ephemerals.find((e) => e.message_ts === ts);
    if (!ephemeral) return false;
    if (content.text !== undefined) ephemeral.text = content.text;
    else delete ephemeral.text;
    if (content.blocks !== undefined) ephemeral.blocks = clone(content.blocks);
    else delete ephemeral.blocks;
    return true;
  }

  private removeMessage(channelId: string | undefined, ts: string): void {
    const channel = channelId ? this.channels.get(this.peekChannel(channelId)) : undefined;
    const message = channel ? this.findMessage(channel, ts) : undefined;
    if (channel && message) {
      channel.messages.splice(channel.messages.indexOf(message), 1);
      this.deletedMessages.push(message);
      return;
    }
    const index = this.ephemerals.findIndex((e) => e.message_ts === ts);
    if (index >= 0) this.ephemerals.splice(index, 1);
  }
}

// -----------------------------------------------------------------------------------------------------------------
// Parsing
// -----------------------------------------------------------------------------------------------------------------

/** Reads the whole body; `undefined` when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Web API arguments from query string plus a form-urlencoded (JSON fields decoded; left as a string when the
 * JSON is malformed so handlers can answer `invalid_blocks_format` / `invalid_arguments`) or JSON body.
 */
function parseArgs(contentType: string | undefined, raw: string, query: URLSearchParams): { args: Args; error?: ApiResult } {
  const args: Args = Object.fromEntries(query.entries());
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) return { args };
  if (type === 'application/json') {
    try {
      const body: unknown = JSON.parse(raw);
      if (!isObject(body)) return { args, error: fail('invalid_json') };
      return { args: { ...args, ...body } };
    } catch {
      return { args, error: fail('invalid_json') };
    }
  }
  if (type === 'multipart/form-data') return { args, error: fail('invalid_form_data') };
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.includes(key) ? decodeJsonField(value) : value;
  }
  return { args };
}

function decodeJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Bolt's respond() sends JSON; incoming-webhook style `payload=<json>` forms are accepted too. */
function parseResponseBody(contentType: string | undefined, raw: string): unknown {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  try {
    if (type === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(raw).get('payload');
      return payload === null ? undefined : JSON.parse(payload);
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function faultToResult(fault: FakeSlackFault): ApiResult | undefined {
  if ('afterProcessing' in fault) return undefined;
  if (isRateLimitFault(fault)) {
    return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'Retry-After': String(fault.retryAfter) } };
  }
  if ('status' in fault) return { status: fault.status, body: { ok: false, error: 'body' in fault && fault.body ? fault.body : `http_${fault.status}` } };
  if ('error' in fault) return fail(fault.error);
  return undefined;
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: unknown): number {
  const text = str(cursor);
  if (!text) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(text, 'base64').toString('utf8'));
  return match ? Number(match[1]) : 0;
}

/** Starts a fake Slack on 127.0.0.1 (ephemeral port by default). Remember to `await fake.close()`. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlack(options);
  await fake.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return fake;
}
