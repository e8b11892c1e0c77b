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
 * - Socket Mode: `apps.connections.open` (app-level token) and a WebSocket on the same port (`socketMode`).
 *
 * Usage: `const fake = await startFakeSlack({ users: [...] })`, then
 * `new App({ ..., clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } })`.
 * To serve it inside another HTTP server, construct `new FakeSlack({ baseUrl })` and call `handleRequest`.
 *
 * This class is the fake's public face and composes its parts, each in its own file: `workspace` (identity,
 * users, clock, ids), `conversation-store` and `view-store` (Slack's state), `trigger-ids`, `response-urls`,
 * the Web API (`web-api` runs one call; `web-api-methods/` holds the methods by family), `faults` and
 * `channel-rate-limit` (injected failures), `call-log` (what was called, and waiting for a call),
 * `socket-mode-server` (Slack's side of Socket Mode) and `http-endpoint` (listening and routing).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallLog } from './call-log.js';
import { ChannelRateLimit } from './channel-rate-limit.js';
import { ConversationStore, type ChannelRecord } from './conversation-store.js';
import { FaultQueue } from './faults.js';
import { HttpEndpoint } from './http-endpoint.js';
import { FakeOAuth } from './oauth.js';
import { ResponseUrls } from './response-urls.js';
import { SocketModeServer } from './socket-mode-server.js';
import { TriggerIds } from './trigger-ids.js';
import type {
  FakeEphemeral,
  FakeMessage,
  FakeResponseUrlPost,
  FakeSlackCall,
  FakeSlackFault,
  FakeSlackOptions,
  FakeSlackUser,
  FakeView,
  ResponseUrlContext,
  TriggerContext,
} from './types.js';
import { ViewStore } from './view-store.js';
import { WebApi } from './web-api.js';
import { appsMethods } from './web-api-methods/apps.js';
import { chatMethods } from './web-api-methods/chat.js';
import { conversationsMethods } from './web-api-methods/conversations.js';
import { usersMethods } from './web-api-methods/users.js';
import { viewsMethods } from './web-api-methods/views.js';
import { filesMethods } from './web-api-methods/files.js';
import { type FakeFile, FileStore, receiveUpload } from './file-store.js';
import { Workspace } from './workspace.js';

export type * from './types.js';
export type { FakeInstallGrant, FakeIssuedToken } from './oauth.js';
export type { SocketModeAck, SocketModeDelivery, SocketModeEnvelopeType, SocketModeServer } from './socket-mode-server.js';
export { checkMessageContent } from './message-content.js';
export type { ChannelRecord } from './conversation-store.js';

/** The part of the fake's state that outlives a restart (see `exportWorkspace`). */
export interface FakeWorkspaceSnapshot {
  counters: { ids: number; lastTsMicros: number };
  channels: ChannelRecord[];
}
export { tzOffsetSeconds } from './time-zones.js';

export class FakeSlack {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly botToken: string | undefined;

  /** Every Web API call, in arrival order. */
  readonly calls: FakeSlackCall[];
  /** Every POST to a response_url, in arrival order. */
  readonly responses: FakeResponseUrlPost[];
  /** Ephemeral messages (chat.postEphemeral and ephemeral response_url replies). */
  readonly ephemerals: FakeEphemeral[];
  /** Messages removed by chat.delete or `delete_original`. */
  readonly deletedMessages: FakeMessage[];
  /** Slack's side of Socket Mode: send envelopes, read acks, ask the app to reconnect (socket-mode-server.ts). */
  readonly socketMode: SocketModeServer;
  /** Slack's side of OAuth: codes, oauth.v2.access, the tokens it issued (oauth.ts). */
  readonly oauth: FakeOAuth;

  private readonly workspace: Workspace;
  private readonly conversations: ConversationStore;
  private readonly views: ViewStore;
  private readonly triggers: TriggerIds;
  private readonly faults = new FaultQueue();
  private readonly rateLimit: ChannelRateLimit;
  private readonly callLog = new CallLog();
  private readonly responseUrls: ResponseUrls;
  private readonly http: HttpEndpoint;
  private readonly fileStore: FileStore;

  constructor(options: FakeSlackOptions = {}) {
    const workspace = new Workspace(options);
    const requireFallbackText = options.requireFallbackText ?? true;
    this.workspace = workspace;
    this.conversations = new ConversationStore(workspace);
    this.views = new ViewStore(workspace);
    this.triggers = new TriggerIds(workspace);
    this.rateLimit = new ChannelRateLimit({ workspace, conversations: this.conversations });
    this.responseUrls = new ResponseUrls({ workspace, conversations: this.conversations, faults: this.faults, requireFallbackText });
    this.socketMode = new SocketModeServer(() => this.url, workspace.appId);
    this.fileStore = new FileStore(workspace);
    this.oauth = new FakeOAuth(workspace, { id: options.clientId, secret: options.clientSecret });
    const webApi = new WebApi({
      oauth: this.oauth,
      now: workspace.now,
      botToken: options.botToken,
      appToken: options.appToken,
      faults: this.faults,
      rateLimit: this.rateLimit,
      callLog: this.callLog,
      methods: {
        ...usersMethods({ workspace, oauth: this.oauth }),
        ...this.oauth.methods(),
        ...conversationsMethods({ workspace, conversations: this.conversations }),
        ...chatMethods({ workspace, conversations: this.conversations, requireFallbackText }),
        ...viewsMethods({ workspace, triggers: this.triggers, views: this.views }),
        ...appsMethods({ socketMode: this.socketMode }),
        ...filesMethods({
          files: this.fileStore,
          conversations: this.conversations,
          uploadUrl: (id) => `${this.url}/upload/${id}`,
          downloadUrl: (id, name) => `${this.url}/files/${id}/${encodeURIComponent(name)}`,
        }),
      },
    });
    this.http = new HttpEndpoint(
      {
        api: (method, req, res, url, raw) => webApi.handle(method, req, res, url, raw),
        responseUrl: (id, req, res, raw) => this.responseUrls.handle(id, req, res, raw),
        upgrade: (req, socket, head) => this.socketMode.handleUpgrade(req, socket, head),
        upload: (id, contentType, raw) => receiveUpload(this.fileStore, id, contentType, raw),
        download: (id) => this.fileStore.get(id),
      },
      options.baseUrl,
    );

    this.teamId = workspace.teamId;
    this.teamName = workspace.teamName;
    this.teamDomain = workspace.teamDomain;
    this.botUserId = workspace.botUserId;
    this.botId = workspace.botId;
    this.appId = workspace.appId;
    this.botToken = options.botToken;
    this.calls = this.callLog.calls;
    this.responses = this.responseUrls.responses;
    this.ephemerals = this.conversations.ephemerals;
    this.deletedMessages = this.conversations.deletedMessages;
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  /** `http://127.0.0.1:<port>` (or the configured `baseUrl`, without a trailing slash). */
  get url(): string {
    return this.http.url;
  }

  /** Value for `slackApiUrl` / `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Starts a standalone HTTP server; `startFakeSlack` calls this. */
  listen(port = 0, host = '127.0.0.1'): Promise<void> {
    return this.http.listen(port, host);
  }

  /** Stops the server, its Socket Mode connections and keep-alive connections (fetch keeps them open). */
  async close(): Promise<void> {
    await this.socketMode.close();
    await this.http.close();
  }

  /**
   * Serves one request. Returns false without touching `res` when the path is not the fake's (so a host server
   * can fall through to its own routes); otherwise answers and returns true.
   */
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    return this.http.handleRequest(req, res);
  }

  // ---- test controls -----------------------------------------------------------------------------------------

  /** Calls to one method, in order. */
  callsTo(method: string): FakeSlackCall[] {
    return this.callLog.callsTo(method);
  }

  /**
   * Resolves with the first call to `method` at index ≥ `after` in `calls` that matches `predicate`, waiting
   * up to `timeoutMs` for it (for listeners that post asynchronously after ack).
   */
  waitForCall(
    method: string,
    options: { predicate?: (call: FakeSlackCall) => boolean; timeoutMs?: number; after?: number } = {},
  ): Promise<FakeSlackCall> {
    return this.callLog.waitForCall(method, options);
  }

  /**
   * Makes the next `times` calls to `method` fail with `fault` (use `'response_url'` as the method for
   * response_url posts). `{ delayMs }` alone delays and then succeeds; `{ dropConnection: true }` processes the
   * call (state changes happen) and then destroys the socket, the "did it post?" ambiguity
   * (docs/check-in-delivery.md#reconciliation); `{ afterProcessing: true, status, body }` processes it and then
   * answers with that status and raw body.
   */
  failNext(method: string, fault: FakeSlackFault, times = 1): void {
    this.faults.add(method, fault, times);
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
    this.rateLimit.set(perSecond);
  }

  /** A fresh trigger_id, valid once within 3 s. Put it in simulated interaction payloads. */
  issueTriggerId(context: TriggerContext = {}): string {
    return this.triggers.issue(context);
  }

  /** A response_url `${url}/response_url/<id>`, usable 5 times within 30 minutes. */
  createResponseUrl(context: ResponseUrlContext = {}): string {
    const id = this.responseUrls.create(context);
    return `${this.url}/response_url/${id}`;
  }

  addUser(user: FakeSlackUser): void {
    this.workspace.addUser(user);
  }

  setUser(id: string, patch: Partial<Omit<FakeSlackUser, 'id'>>): void {
    this.workspace.setUser(id, patch);
  }

  getUser(id: string): FakeSlackUser | undefined {
    return this.workspace.getUser(id);
  }

  /** Messages in a channel (a user id means that user's IM), oldest first, including thread replies. */
  /** Files shared in channels (files.completeUploadExternal), with what was uploaded. */
  sharedFiles(): FakeFile[] {
    return this.fileStore.shared();
  }

  messagesIn(channel: string): FakeMessage[] {
    return this.conversations.messagesIn(channel);
  }

  /** The IM channel id for a user, created on first use like conversations.open does. */
  dmChannelFor(userId: string): string {
    return this.conversations.openIm(userId);
  }

  /** Messages the bot posted in a user's IM. */
  dmsTo(userId: string): FakeMessage[] {
    return this.conversations.dmsTo(userId);
  }

  /** Ephemeral messages shown to a user. */
  ephemeralsTo(userId: string): FakeEphemeral[] {
    return this.conversations.ephemeralsTo(userId);
  }

  /**
   * What Slack keeps for a workspace (channels, DMs and their messages, and the counters behind ids and timestamps),
   * to be saved and given back to `restoreWorkspace` later. Ephemeral messages, views, triggers and response_urls
   * are not in it: Slack does not keep them across a reconnect either.
   */
  exportWorkspace(): FakeWorkspaceSnapshot {
    return { counters: this.workspace.counters(), channels: this.conversations.exportChannels() };
  }

  restoreWorkspace(snapshot: FakeWorkspaceSnapshot): void {
    this.workspace.restoreCounters(snapshot.counters);
    this.conversations.restoreChannels(snapshot.channels);
  }

  /** Forgets the ephemeral messages shown to a user, as their Slack client does when it restarts. */
  dropEphemeralsTo(userId: string): void {
    this.conversations.dropEphemeralsTo(userId);
  }

  /** The Home tab view last published for a user. */
  homeViewFor(userId: string): FakeView | undefined {
    return this.views.homeViewFor(userId);
  }

  /** Every modal currently open, root first within each stack. */
  openViews(): FakeView[] {
    return this.views.openViews();
  }

  /** A view (modal or home) by id. */
  viewById(viewId: string): FakeView | undefined {
    return this.views.viewById(viewId);
  }

  /** Simulates the user closing a modal: removes it and any views pushed on top of it. */
  closeView(viewId: string): void {
    this.views.closeView(viewId);
  }

  /** Clears recorded calls and conversation/view state; keeps users and configuration. */
  reset(): void {
    this.callLog.clear();
    this.responseUrls.reset();
    this.conversations.reset();
    this.triggers.reset();
    this.views.reset();
    this.fileStore.clear();
    this.faults.clear();
    this.rateLimit.reset();
    this.oauth.reset();
  }
}

/** Starts a fake Slack on 127.0.0.1 (ephemeral port by default). Remember to `await fake.close()`. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlack(options);
  await fake.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return fake;
}
