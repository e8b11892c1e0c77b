/** The fake Slack's public types: its options, what it records, and the Slack objects it keeps (messages, views). */

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
  /** OAuth: when set, oauth.v2.access refuses other client ids / secrets (oauth.ts). */
  clientId?: string;
  clientSecret?: string;
  /** The same for the app-level token `apps.connections.open` takes (Socket Mode); any `xapp-…` token when unset. */
  appToken?: string;
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

/** A file as it appears in a message's `files` (the fields the sandbox page and tests read). */
export interface FakeFileRef {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
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
  /** Files shared with the message (files.completeUploadExternal). */
  files?: FakeFileRef[];
  /** How the message arrived: `chat.postMessage`, `response_url` or a file upload. */
  via: 'chat.postMessage' | 'response_url' | 'files.completeUploadExternal';
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
