import { createHmac, randomBytes } from 'node:crypto';

/**
 * Requests exactly as Slack sends them to an app's Request URL (docs/slack-limits.md#requests-slack-sends-us):
 * slash commands as a form body with top-level fields, interactivity as a form body with one `payload=<JSON>`
 * field, events as a JSON envelope, each signed with v0 HMAC-SHA256 over `v0:<timestamp>:<raw body>`. Pure: ids,
 * URLs and times come in.
 */

/** Bolt compares the form content type exactly: a `; charset=…` suffix would make it parse the body as JSON. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

export interface SignedRequest {
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

/** The two headers Slack adds; `timestampSec` must be the REAL current time (Bolt rejects anything 5 min old). */
export function signSlackRequest(signingSecret: string, body: string, timestampSec: number): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': `v0=${signature}` };
}

export interface SlackTeamRef {
  id: string;
  domain: string;
}

export interface SlackUserRef {
  id: string;
  name: string;
  teamId: string;
}

/** The fields Slack puts on every request, identifying the app. */
export interface AppRef {
  apiAppId: string;
}

/** Slack still sends the deprecated verification token; Bolt ignores it. */
const LEGACY_TOKEN = 'sandbox-verification-token';

export function buildCommandBody(args: {
  app: AppRef;
  team: SlackTeamRef;
  user: SlackUserRef;
  channel: { id: string; name: string };
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
  /** From a workspace of an Enterprise Grid organisation; `orgWide`: the app is installed for the whole organisation. */
  enterprise?: { id: string; orgWide: boolean };
}): string {
  return new URLSearchParams({
    ...(args.enterprise ? { enterprise_id: args.enterprise.id } : {}),
    token: LEGACY_TOKEN,
    team_id: args.team.id,
    team_domain: args.team.domain,
    channel_id: args.channel.id,
    channel_name: args.channel.name,
    user_id: args.user.id,
    user_name: args.user.name,
    command: args.command,
    text: args.text,
    api_app_id: args.app.apiAppId,
    is_enterprise_install: args.enterprise?.orgWide ? 'true' : 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId,
  }).toString();
}

/** Interactivity: a form with a single `payload` field holding the JSON. */
export function buildInteractionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function userPart(user: SlackUserRef): Record<string, string> {
  return { id: user.id, username: user.name, name: user.name, team_id: user.teamId };
}

/** One entry of `actions[]` in a block_actions payload. */
export interface ActionEntry {
  action_id: string;
  block_id: string;
  type: string;
  action_ts: string;
  [key: string]: unknown;
}

/** A click in a message: it has a response_url; ephemeral messages come without `message` (Slack keeps no copy). */
export function buildMessageActionPayload(args: {
  app: AppRef;
  team: SlackTeamRef;
  user: SlackUserRef;
  channel: { id: string; name: string };
  message: { ts: string; ephemeral: boolean; text?: string | undefined; blocks?: unknown[] | undefined; botId?: string; userId?: string };
  action: ActionEntry;
  responseUrl: string;
  triggerId: string;
}): Record<string, unknown> {
  const { message } = args;
  return {
    type: 'block_actions',
    user: userPart(args.user),
    api_app_id: args.app.apiAppId,
    token: LEGACY_TOKEN,
    container: { type: 'message', message_ts: message.ts, channel_id: args.channel.id, is_ephemeral: message.ephemeral },
    trigger_id: args.triggerId,
    team: { id: args.team.id, domain: args.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: args.channel.id, name: args.channel.name },
    ...(message.ephemeral
      ? {}
      : { message: { type: 'message', ts: message.ts, text: message.text ?? '', blocks: message.blocks ?? [], bot_id: message.botId, user: message.userId } }),
    state: { values: {} },
    response_url: args.responseUrl,
    actions: [args.action],
  };
}

/** A click in a modal or App Home: no response_url; the view (with the current input state) comes along. */
export function buildViewActionPayload(args: {
  app: AppRef;
  team: SlackTeamRef;
  user: SlackUserRef;
  view: Record<string, unknown> & { id: string };
  stateValues: Record<string, unknown>;
  action: ActionEntry;
  triggerId: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: userPart(args.user),
    api_app_id: args.app.apiAppId,
    token: LEGACY_TOKEN,
    container: { type: 'view', view_id: args.view.id },
    trigger_id: args.triggerId,
    team: { id: args.team.id, domain: args.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    view: { ...args.view, state: { values: args.stateValues } },
    actions: [args.action],
  };
}

export function buildViewSubmissionPayload(args: {
  app: AppRef;
  team: SlackTeamRef;
  user: SlackUserRef;
  view: Record<string, unknown> & { id: string };
  stateValues: Record<string, unknown>;
  triggerId: string;
  /** See buildCommandBody. */
  enterprise?: { id: string; orgWide: boolean };
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: args.team.id, domain: args.team.domain },
    user: userPart(args.user),
    api_app_id: args.app.apiAppId,
    token: LEGACY_TOKEN,
    trigger_id: args.triggerId,
    view: { ...args.view, state: { values: args.stateValues } },
    response_urls: [],
    is_enterprise_install: args.enterprise?.orgWide ?? false,
    enterprise: args.enterprise ? { id: args.enterprise.id, name: 'Grid' } : null,
  };
}

/** Sent only for views opened with `notify_on_close: true`. */
export function buildViewClosedPayload(args: { app: AppRef; team: SlackTeamRef; user: SlackUserRef; view: Record<string, unknown> }): Record<string, unknown> {
  return {
    type: 'view_closed',
    team: { id: args.team.id, domain: args.team.domain },
    user: userPart(args.user),
    api_app_id: args.app.apiAppId,
    token: LEGACY_TOKEN,
    view: args.view,
    is_cleared: false,
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API envelope (JSON body). `nowSec` is the event time in seconds. */
export function buildEventBody(args: { app: AppRef; teamId: string; botUserId: string; event: Record<string, unknown>; nowSec: number; enterprise?: { id: string; orgWide: boolean } }): string {
  return JSON.stringify({
    token: LEGACY_TOKEN,
    ...(args.enterprise ? { enterprise_id: args.enterprise.id } : {}),
    team_id: args.teamId,
    api_app_id: args.app.apiAppId,
    event: { event_ts: args.nowSec.toFixed(6), ...args.event },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(args.nowSec),
    authorizations: [{ enterprise_id: args.enterprise?.id ?? null, team_id: args.teamId, user_id: args.botUserId, is_bot: true, is_enterprise_install: args.enterprise?.orgWide ?? false }],
  });
}
