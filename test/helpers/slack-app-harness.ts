import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Server } from 'node:http';
import type { App } from '@slack/bolt';
import { createApp } from '../../src/app.js';
import type { Catalog } from '../../src/catalog/query.js';
import type { Deps } from '../../src/deps.js';
import { startFakeSlack, type FakeMessage, type FakeResponseUrlPost, type FakeSlack, type FakeSlackUser, type FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { createLogContext } from '../../src/log-context.js';
import { connectToSlack, perWorkspaceTokens } from '../../src/slack-connection.js';
import { createSlackFetch, SLACK_CALL_DEADLINE_MS } from '../../src/slack-http.js';
import {
  buildCommandBody,
  buildEventBody,
  buildInteractionBody,
  buildMessageActionPayload,
  buildViewActionPayload,
  buildViewSubmissionPayload,
  FORM_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  signSlackRequest,
  type ActionEntry,
} from '../../src/sandbox/slack-payloads.js';
import { shippedCatalog } from './catalog.js';
import { fillAssessment, type Fill as AssessmentFill } from './view-state.js';
import { VIEW } from '../../src/ids.js';
import type { TestDatabase } from './test-database.js';
import { BOT_TOKEN, captureLogger, OAUTH, SIGNING_SECRET, testDeps } from './test-deps.js';

/**
 * The real Bolt app over HTTP, talked to as Slack does: signed requests in, a local fake Slack Web API out.
 * Nothing of ours is stubbed.
 */

export const TEAM = 'T0SKILL1';
export const OTHER_TEAM = 'T0OTHER2';
export const USERS = {
  en: { id: 'U0ENGLISH', teamId: TEAM, name: 'ada', realName: 'Ada Lovelace', tz: 'Europe/London', locale: 'en-GB' },
  es: { id: 'U0SPANISH', teamId: TEAM, name: 'rosa', realName: 'Rosa Martínez', tz: 'Europe/Madrid', locale: 'es-ES' },
  fr: { id: 'U0FRENCH', teamId: TEAM, name: 'jean', realName: 'Jean Dupont', tz: 'Europe/Paris', locale: 'fr-FR' },
} satisfies Record<string, FakeSlackUser>;

const GENERAL = { id: 'C0GENERAL', name: 'general' };

export interface SentRequest {
  status: number;
  body: string;
}

export interface SlackAppHarness {
  fake: FakeSlack;
  deps: Deps;
  app: App;
  baseUrl: string;
  logs: string[];
  /** POSTs a raw body to /slack/events, signed unless told otherwise. */
  post(body: string, contentType: string, options?: { timestamp?: number; secret?: string; headers?: Record<string, string> }): Promise<SentRequest>;
  /** `/skill <text>`; resolves with the reply, whether it came in the ack body or on the response_url. */
  command(text: string, options?: CommandOptions): Promise<{ request: SentRequest; reply: FakeResponseUrlPost }>;
  /** Like `command`, but for verbs that answer with a modal instead of a reply. */
  commandOnly(text: string, options?: CommandOptions): Promise<SentRequest>;
  /** Clicks a button or picks an option in a message the app sent; resolves with the reply to its response_url. */
  click(
    message: { blocks?: unknown[]; ts?: string; text?: string },
    actionId: string | RegExp,
    /** `posted`: the message is a real one in a channel or DM (not ephemeral), so Slack sends it along with the click. */
    options?: { user?: FakeSlackUser; team?: string; value?: string; optionValue?: string; expectReply?: boolean; channel?: { id: string; name: string }; posted?: boolean },
  ): Promise<{ request: SentRequest; reply?: FakeResponseUrlPost }>;
  /** Clicks a button in a published view (App Home) or picks an option in a modal. */
  interactWithView(view: FakeView, actionId: string | RegExp, options?: { user?: FakeSlackUser; value?: string; optionValue?: string; values?: unknown }): Promise<SentRequest>;
  /** Submits a modal with the given `state.values`; resolves with Bolt's HTTP answer (the ack body). */
  submit(view: FakeView, values: unknown, options?: { user?: FakeSlackUser; enterprise?: CommandOptions['enterprise'] }): Promise<SentRequest>;
  event(event: Record<string, unknown>, options?: { team?: string; retryNum?: number; enterprise?: CommandOptions['enterprise'] }): Promise<SentRequest>;
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  /**
   * The way a person assesses a skill: `/skill assess <skill>`, the modal filled and saved (Bolt must answer 200 with
   * an empty body), closed; resolves with the confirmation DM.
   */
  assess(user: FakeSlackUser, fill: AssessmentFill, skillId?: string): Promise<FakeMessage>;
  /** `/skill share <skill> @viewer` and the modal saved with these terms; resolves with the viewer's DM. */
  share(owner: FakeSlackUser, viewer: FakeSlackUser, terms?: { skill?: string; duration?: string; note?: string | null }): Promise<FakeMessage>;
  close(): Promise<void>;
}

export interface CommandOptions {
  user?: FakeSlackUser;
  team?: string;
  /** Sent from a workspace of this Enterprise Grid organisation; `orgWide` when the app is installed org-wide. */
  enterprise?: { id: string; orgWide: boolean };
}

export interface HarnessOptions {
  /**
   * OAuth (distributable) mode: no bot token; the fake accepts only tokens it issued through oauth.v2.access (see
   * test/helpers/oauth-install.ts to install a workspace).
   */
  oauth?: boolean;
  database: TestDatabase;
  catalog?: Catalog;
  now?: () => Date;
  /** Set up the fake before the app starts (e.g. faults on the start-up auth.test). */
  beforeStart?(fake: FakeSlack): void;
  /** Timing of the start-up Slack check (short in tests of Slack outages). */
  slackCheck?: { timeoutMs?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** The deadline of a Slack call that brings none (response_url posts); short in tests of a hanging Slack. */
  slackCallDeadlineMs?: number;
}

/**
 * The harness of a describe block: the app and its database started once; before each test an empty database, a fresh
 * fake Slack and no cached profiles, as a new process would have. `use` receives both once started.
 */
export function useSlackHarness(
  create: () => Promise<TestDatabase>,
  options: Omit<HarnessOptions, 'database'>,
  use: (started: { database: TestDatabase; slack: SlackAppHarness }) => void,
): void {
  let database: TestDatabase | undefined;
  let slack: SlackAppHarness | undefined;
  beforeAll(async () => {
    database = await create();
    slack = await startSlackAppHarness({ ...options, database });
    use({ database, slack });
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await database!.truncate();
    slack!.fake.reset();
    for (const user of Object.values(USERS)) slack!.deps.profiles.delete(TEAM, user.id);
  });
}

export async function startSlackAppHarness(options: HarnessOptions): Promise<SlackAppHarness> {
  const fake = await startFakeSlack({
    teamId: TEAM,
    // In OAuth mode a token nobody has: only the tokens the fake issues at install are accepted.
    botToken: options.oauth ? 'xoxb-never-issued' : BOT_TOKEN,
    users: Object.values(USERS),
    ...(options.oauth ? { clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret } : {}),
  });
  options.beforeStart?.(fake);
  const logContext = createLogContext();
  const logger = captureLogger('info', logContext.current);
  const logs = logger.lines;
  const deps = testDeps(options.database.db, {
    mode: options.oauth ? 'oauth' : 'http',
    apiUrl: fake.apiUrl,
    logLevel: 'info',
    logger,
    catalog: options.catalog ?? (await shippedCatalog()),
    ...(options.now ? { now: options.now } : {}),
  });
  const slack = options.oauth ? perWorkspaceTokens() : connectToSlack(deps.config.slack, { logger, ...options.slackCheck });
  const slackHttp = createSlackFetch({ defaultTimeoutMs: options.slackCallDeadlineMs ?? SLACK_CALL_DEADLINE_MS });
  const app = createApp(deps, { ping: () => options.database.ping(), slack, logContext, fetch: slackHttp.fetch });
  // As in src/index.ts: the first auth.test answers (or fails) before requests come in.
  await slack.firstAttempt;
  const server = (await app.start(0)) as Server;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post: SlackAppHarness['post'] = async (body, contentType, opts = {}) => {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signSlackRequest(opts.secret ?? SIGNING_SECRET, body, timestamp), ...opts.headers },
      body,
    });
    return { status: response.status, body: await response.text() };
  };

  const interaction = (payload: unknown) => post(buildInteractionBody(payload), FORM_CONTENT_TYPE);
  const slackApp = { apiAppId: fake.appId };
  const teamRef = (id: string) => ({ id, domain: 'skills' });
  const userRef = (user: FakeSlackUser, team: string) => ({ id: user.id, name: user.name, teamId: team });

  const waitFor: SlackAppHarness['waitFor'] = async (check, what, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value as NonNullable<typeof value>;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nlogs:\n${logs.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  const replyTo = (url: string) => {
    const id = url.split('/').pop()!;
    return waitFor(() => fake.responses.find((r) => r.id === id), `a reply to ${url}`);
  };

  const commandBody = (text: string, user: FakeSlackUser, team: string, enterprise?: CommandOptions['enterprise']) => {
    const responseUrl = fake.createResponseUrl({ channel: GENERAL.id, userId: user.id });
    const body = buildCommandBody({
      app: slackApp,
      team: teamRef(team),
      user: userRef(user, team),
      channel: GENERAL,
      command: '/skill',
      text,
      responseUrl,
      triggerId: fake.issueTriggerId({ userId: user.id }),
      ...(enterprise ? { enterprise } : {}),
    });
    return { body, responseUrl };
  };

  const harness: SlackAppHarness = {
    fake,
    deps,
    app,
    baseUrl,
    logs,
    post,
    waitFor,
    async command(text, opts = {}) {
      const user = opts.user ?? USERS.en;
      const { body, responseUrl } = commandBody(text, user, opts.team ?? TEAM, opts.enterprise);
      const request = await post(body, FORM_CONTENT_TYPE);
      if (request.status !== 200) throw new Error(`/skill ${text} → HTTP ${request.status}`);
      // A reply in the ack body is shown by Slack like a response_url reply; post it there so the fake shows it
      // the same way (and later clicks can replace it).
      if (request.body !== '') await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.body });
      return { request, reply: await replyTo(responseUrl) };
    },
    async commandOnly(text, opts = {}) {
      const user = opts.user ?? USERS.en;
      return post(commandBody(text, user, opts.team ?? TEAM, opts.enterprise).body, FORM_CONTENT_TYPE);
    },
    async click(message, actionId, opts = {}) {
      const user = opts.user ?? USERS.en;
      const team = opts.team ?? TEAM;
      const { block, element } = findElement(message.blocks ?? [], actionId);
      const messageTs = message.ts ?? '1700000000.000100';
      const channel = opts.channel ?? GENERAL;
      const responseUrl = fake.createResponseUrl({ channel: channel.id, userId: user.id, messageTs });
      const request = await interaction(
        buildMessageActionPayload({
          app: slackApp,
          team: teamRef(team),
          user: userRef(user, team),
          channel,
          message: opts.posted ? { ts: messageTs, ephemeral: false, text: message.text, blocks: message.blocks } : { ts: messageTs, ephemeral: true },
          action: actionFor(element as Record<string, unknown>, block.block_id, opts),
          responseUrl,
          triggerId: fake.issueTriggerId({ userId: user.id }),
        }),
      );
      if (opts.expectReply === false) return { request };
      return { request, reply: await replyTo(responseUrl) };
    },
    async interactWithView(view, actionId, opts = {}) {
      const user = opts.user ?? USERS.en;
      const { block, element } = findElement(view.blocks, actionId);
      return interaction(
        buildViewActionPayload({
          app: slackApp,
          team: teamRef(view.team_id),
          user: userRef(user, view.team_id),
          view: { ...view },
          stateValues: (opts.values ?? view.state.values) as Record<string, unknown>,
          action: actionFor(element as Record<string, unknown>, block.block_id, opts),
          triggerId: fake.issueTriggerId({ userId: user.id, viewId: view.type === 'modal' ? view.id : undefined }),
        }),
      );
    },
    async submit(view, values, opts = {}) {
      const user = opts.user ?? USERS.en;
      return interaction(
        buildViewSubmissionPayload({
          app: slackApp,
          team: teamRef(view.team_id),
          user: userRef(user, view.team_id),
          view: { ...view },
          stateValues: values as Record<string, unknown>,
          triggerId: fake.issueTriggerId({ userId: user.id }),
          ...(opts.enterprise ? { enterprise: opts.enterprise } : {}),
        }),
      );
    },
    async event(event, opts = {}) {
      const team = opts.team ?? TEAM;
      const body = buildEventBody({ app: slackApp, teamId: team, botUserId: fake.botUserId, event, nowSec: Date.now() / 1000, ...(opts.enterprise ? { enterprise: opts.enterprise } : {}) });
      const headers: Record<string, string> = opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
      return post(body, JSON_CONTENT_TYPE, { headers });
    },
    async assess(user, fill, skillId = 'nats') {
      const before = fake.dmsTo(user.id).length;
      await harness.commandOnly(`assess ${skillId}`, { user });
      const view = await waitFor(() => fake.openViews().find((v) => v.callback_id === VIEW.assessment && v.user_id === user.id), 'the assessment modal');
      const answer = await harness.submit(view, fillAssessment(deps.catalog.byId.get(skillId)!, fill), { user });
      if (answer.status !== 200 || answer.body !== '') throw new Error(`the assessment modal answered ${answer.status} ${answer.body}`);
      fake.closeView(view.id);
      return waitFor(() => fake.dmsTo(user.id)[before], 'the confirmation DM');
    },
    async share(owner, viewer, terms = {}) {
      const before = fake.dmsTo(viewer.id).length;
      await harness.commandOnly(`share ${terms.skill ?? 'nats'} <@${viewer.id}|${viewer.name}>`, { user: owner });
      const view = await waitFor(() => fake.openViews().find((v) => v.callback_id === VIEW.share && v.user_id === owner.id), 'the share modal');
      const answer = await harness.submit(
        view,
        {
          share_person: { value: { type: 'users_select', selected_user: viewer.id } },
          share_skills: { value: { type: 'radio_buttons', selected_option: { value: terms.skill ?? 'nats' } } },
          share_duration: { value: { type: 'radio_buttons', selected_option: { value: terms.duration ?? '1m' } } },
          share_note: { value: { type: 'plain_text_input', value: terms.note ?? null } },
        },
        { user: owner },
      );
      if (answer.status !== 200) throw new Error(`the share modal answered ${answer.status} ${answer.body}`);
      fake.closeView(view.id);
      return waitFor(() => fake.dmsTo(viewer.id)[before], "the viewer's DM");
    },
    async close() {
      slack.stop();
      await app.stop();
      slackHttp.close();
      await fake.close();
    },
  };
  return harness;
}

/** The element with `actionId` in a message's or view's blocks, and its block. */
export const findElement = (blocks: unknown[], actionId: string | RegExp) => {
  for (const block of blocks as { block_id?: string; elements?: unknown[]; accessory?: unknown; element?: unknown }[]) {
    const candidates = [...(block.elements ?? []), block.accessory, block.element].filter(Boolean) as { action_id?: string }[];
    for (const element of candidates) {
      const id = element.action_id ?? '';
      if (typeof actionId === 'string' ? id === actionId : actionId.test(id)) return { block, element };
    }
  }
  throw new Error(`no element ${String(actionId)} in ${JSON.stringify(blocks).slice(0, 500)}`);
};

/** The `actions[]` entry Slack sends for a click on `element` (or a pick, for a select). */
export const actionFor = (element: Record<string, unknown>, blockId: string | undefined, opts: { value?: string; optionValue?: string }): ActionEntry => {
  const base = { action_id: String(element.action_id), block_id: blockId ?? 'b', type: String(element.type), action_ts: `${Date.now() / 1000}` };
  if (element.type === 'button') return { ...base, text: element.text, value: opts.value ?? element.value };
  const options = (element.options ?? []) as { value: string }[];
  const selected = options.find((o) => o.value === opts.optionValue) ?? (opts.optionValue ? { value: opts.optionValue, text: { type: 'plain_text', text: opts.optionValue } } : options[0]);
  return { ...base, selected_option: selected };
};
