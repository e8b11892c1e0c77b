import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { findInstallation } from '../../src/db/repositories/installations.js';
import { createTokenCipher } from '../../src/db/token-cipher.js';
import { createSenderClients } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import type { FakeSlackCall, FakeSlackUser, FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { BOT_SCOPES } from '../../src/slack-installations.js';
import { completeInstall, openInstallPage } from '../helpers/oauth-install.js';
import { OTHER_TEAM, startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { databaseTargets, type TestDatabase } from '../helpers/test-database.js';
import { OAUTH } from '../helpers/test-deps.js';
import { fillAssessment } from '../helpers/view-state.js';

/**
 * OAuth (distributable) mode end to end (docs/installations.md): the real Bolt app over signed HTTP, installed from
 * its own install page against the fake Slack's oauth.v2.access, each workspace then served with its own token.
 */

const text = (value: unknown) => JSON.stringify(value);
/** A person in the second workspace (same time zone as Ada, so both check-ins fall due together). */
const OTHER: FakeSlackUser = { id: 'U0OTHERWS', teamId: OTHER_TEAM, name: 'grace', realName: 'Grace Hopper', tz: 'Europe/London', locale: 'en-GB' };
const ENTERPRISE = 'E0GRID001';

describe.each(databaseTargets())('OAuth: installing and serving several workspaces, on $name', ({ create }) => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  const cipher = createTokenCipher({ current: Buffer.from(OAUTH.encryptionKey, 'base64') });
  /** The workspace (or organisation) whose token a call carried. */
  const whose = (call: FakeSlackCall) => {
    const info = call.token ? slack.fake.oauth.tokenInfo(call.token) : undefined;
    return info?.teamId ?? info?.enterpriseId;
  };
  const storedBot = (teamId: string) => findInstallation(database.db, cipher, { teamId, enterpriseId: undefined, isEnterpriseInstall: false }).then((i) => i.bot);

  beforeAll(async () => {
    database = await create();
    slack = await startSlackAppHarness({ database, oauth: true });
    slack.fake.addUser(OTHER);
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await database.truncate();
    slack.fake.reset();
  });

  async function openModal(user: FakeSlackUser, options: { enterprise?: { id: string; orgWide: boolean } } = {}): Promise<FakeView> {
    const request = await slack.commandOnly('assess nats', { user, team: user.teamId, ...options });
    expect(request.status).toBe(200);
    return slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === user.id), `the assessment modal for ${user.id}`);
  }

  async function assess(user: FakeSlackUser, enterprise?: { id: string; orgWide: boolean }): Promise<void> {
    const view = await openModal(user, enterprise ? { enterprise } : {});
    const answer = await slack.submit(view, fillAssessment(slack.deps.catalog.byId.get('nats')!, { current: 'senior', target: 'lead' }), { user, ...(enterprise ? { enterprise } : {}) });
    expect(answer).toEqual({ status: 200, body: '' });
    slack.fake.closeView(view.id);
    // The confirmation DM follows the ack.
    await slack.fake.waitForCall('chat.postMessage', { predicate: (call) => call.args.channel === user.id || call.args.channel === slack.fake.dmChannelFor(user.id) });
  }

  it('the install page offers Add to Slack (English and Spanish) with the manifest scopes and a state also set as a cookie', async () => {
    const page = await openInstallPage(slack);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Add to Slack');
    expect(page.html).toContain('Añadir a Slack');
    expect(`${page.authorizeUrl.origin}${page.authorizeUrl.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(page.authorizeUrl.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(page.authorizeUrl.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    const state = page.authorizeUrl.searchParams.get('state');
    expect(state).toBeTruthy();
    expect(page.cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it('install → oauth.v2.access → stored encrypted → a /skill command from that workspace answered with its token', async () => {
    const done = await completeInstall(slack, { teamId: TEAM, teamName: 'Skills Inc' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Skill Ladder is installed');
    expect(done.html).toContain('Skill Ladder está instalado');
    const exchange = slack.fake.callsTo('oauth.v2.access');
    expect(exchange).toHaveLength(1);
    expect(exchange[0]!.args).toMatchObject({ client_id: OAUTH.clientId, client_secret: OAUTH.clientSecret });
    const [token] = slack.fake.oauth.tokensOf(TEAM);

    // Stored, sealed: the row holds no token, and the store gives it back.
    const raw = await sql<Record<string, unknown>>`select * from slack_installations`.execute(database.db);
    expect(raw.rows).toHaveLength(1);
    expect(text(raw.rows)).not.toContain(token);
    expect(raw.rows[0]).toMatchObject({ installation_key: `T:${TEAM}`, team_id: TEAM, is_enterprise_install: false });
    expect(await storedBot(TEAM)).toMatchObject({ token, scopes: ['commands', 'chat:write'] });
    expect((await storedBot(TEAM))?.refreshToken).toBeUndefined(); // no rotation asked for

    const { reply } = await slack.command('nats senior');
    expect(text(reply.body)).toContain('NATS / NATS JetStream · Senior');
    const view = await openModal(USERS.en);
    expect(view.callback_id).toBe('assessment_modal');
    const calls = slack.fake.calls.filter((c) => c.method !== 'oauth.v2.access');
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) expect(call.token, call.method).toBe(token);
    expect(slack.fake.callsTo('oauth.v2.access')).toHaveLength(1); // nothing refreshed
  });

  it('token rotation: an expired token is refreshed with its refresh token before the call, and the new one is stored sealed', async () => {
    await completeInstall(slack, { teamId: TEAM, expiresIn: 43_200 });
    const [first] = slack.fake.oauth.tokensOf(TEAM);
    const installed = await storedBot(TEAM);
    expect(installed?.refreshToken).toMatch(/^xoxe-1-/);
    expect(installed!.expiresAt! - Date.now() / 1000).toBeGreaterThan(43_000);

    // Twelve hours later: Slack no longer accepts the token, and the stored expiry says so.
    slack.fake.oauth.expire(first!);
    await sql`update slack_installations set details = jsonb_set(details, '{bot,expiresAt}', to_jsonb(${Math.floor(Date.now() / 1000) - 60}::int))`.execute(database.db);
    const before = slack.fake.calls.length;
    await openModal(USERS.en);
    const refresh = slack.fake.calls.slice(before).filter((c) => c.method === 'oauth.v2.access');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.args).toMatchObject({ grant_type: 'refresh_token', refresh_token: installed!.refreshToken });
    const second = slack.fake.oauth.tokensOf(TEAM)[1]!;
    const opened = slack.fake.callsTo('views.open').at(-1)!;
    expect(opened.token).toBe(second);
    expect(slack.fake.calls.slice(before).some((c) => c.token === first)).toBe(false);
    const stored = await storedBot(TEAM);
    expect(stored).toMatchObject({ token: second });
    expect(stored!.refreshToken).not.toBe(installed!.refreshToken);
    const raw = await sql<Record<string, unknown>>`select * from slack_installations`.execute(database.db);
    expect(text(raw.rows)).not.toContain(second);
    // Nor does the log ever hold a token or a refresh token.
    for (const secret of [first!, second, installed!.refreshToken!, stored!.refreshToken!]) expect(slack.logs.join('')).not.toContain(secret);
  });

  it('an org-wide Enterprise Grid install is stored by enterprise id and serves the workspaces of the organisation', async () => {
    const done = await completeInstall(slack, { enterpriseId: ENTERPRISE, isEnterpriseInstall: true });
    expect(done.status).toBe(200);
    const row = await database.db.selectFrom('slack_installations').select(['installation_key', 'team_id', 'enterprise_id', 'is_enterprise_install']).executeTakeFirstOrThrow();
    expect(row).toEqual({ installation_key: `E:${ENTERPRISE}`, team_id: null, enterprise_id: ENTERPRISE, is_enterprise_install: true });
    const [token] = slack.fake.oauth.tokensOf(ENTERPRISE);
    const grid = { id: ENTERPRISE, orgWide: true };
    await assess(USERS.en, grid);
    expect(slack.fake.callsTo('views.open').at(-1)!.token).toBe(token);
    expect(slack.fake.callsTo('chat.postMessage').at(-1)!.token).toBe(token); // the confirmation DM

    // The scheduler knows Ada's team only; the workspace was seen under the org-wide install, so it finds that one.
    const seen = () => database.db.selectFrom('slack_org_workspaces').select(['team_id', 'enterprise_id']).execute();
    for (let tries = 0; (await seen()).length === 0 && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await seen()).toEqual([{ team_id: TEAM, enterprise_id: ENTERPRISE }]);
    const ada = await findSchedule(database.db, TEAM, USERS.en.id);
    const before = slack.fake.calls.length;
    const result = await runSchedulerPass(slack.deps, createSenderClients(slack.deps, { timeoutMs: 2000 }), { workerId: 'oauth-org', now: ada!.next_run_at! });
    expect(result.sent).toBe(1);
    const post = slack.fake.calls.slice(before).find((c) => c.method === 'chat.postMessage')!;
    expect(post.token).toBe(token);

    // Uninstalled from the organisation: its installation, the workspaces seen under it and their data go.
    expect((await slack.event({ type: 'app_uninstalled' }, { team: TEAM, enterprise: grid })).status).toBe(200);
    await slack.waitFor(() => slack.logs.some((line) => line.includes('workspace data deleted') && line.includes(ENTERPRISE)), 'the purge');
    expect(await database.db.selectFrom('slack_installations').select('installation_key').execute()).toEqual([]);
    expect(await database.db.selectFrom('slack_org_workspaces').select('team_id').execute()).toEqual([]);
    expect(await database.db.selectFrom('assessments').select('id').execute()).toEqual([]);
  });

  it('two workspaces side by side: each sees only its own data, and each check-in goes out with its own token', async () => {
    await completeInstall(slack, { teamId: TEAM });
    await completeInstall(slack, { teamId: OTHER_TEAM });
    await assess(USERS.en);
    await assess(OTHER);
    for (const call of slack.fake.calls.filter((c) => c.method !== 'oauth.v2.access' && c.method !== 'auth.test')) {
      const person = String(call.args.user ?? call.args.channel ?? call.args.user_id ?? '');
      if (person === OTHER.id) expect(whose(call), call.method).toBe(OTHER_TEAM);
      if (person === USERS.en.id) expect(whose(call), call.method).toBe(TEAM);
    }
    const mine = await slack.command('me', { user: USERS.en, team: TEAM });
    expect(text(mine.reply.body)).toContain('NATS');
    // Ada's id in the other workspace: nothing of hers there.
    const elsewhere = await slack.command('me', { user: USERS.en, team: OTHER_TEAM });
    expect(text(elsewhere.reply.body)).toContain("You haven't assessed a skill yet");

    const [ada, grace] = await Promise.all([findSchedule(database.db, TEAM, USERS.en.id), findSchedule(database.db, OTHER_TEAM, OTHER.id)]);
    expect(ada!.next_run_at!.getTime()).toBe(grace!.next_run_at!.getTime());
    const before = slack.fake.calls.length;
    const result = await runSchedulerPass(slack.deps, createSenderClients(slack.deps, { timeoutMs: 2000 }), { workerId: 'oauth-e2e', now: ada!.next_run_at! });
    expect(result.sent).toBe(2);
    const posts = slack.fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    const byTeam = new Map(posts.map((p) => [whose(p), p.args.channel]));
    expect(byTeam.get(TEAM)).toBe(slack.fake.dmChannelFor(USERS.en.id));
    expect(byTeam.get(OTHER_TEAM)).toBe(slack.fake.dmChannelFor(OTHER.id));
  });

  it("a workspace whose token Slack refuses waits; the other workspaces' check-ins still go out in the same pass", async () => {
    await completeInstall(slack, { teamId: TEAM });
    await completeInstall(slack, { teamId: OTHER_TEAM });
    await assess(USERS.en);
    await assess(OTHER);
    slack.fake.oauth.revoke(OTHER_TEAM); // revoked in Slack, before its tokens_revoked event arrives
    const ada = await findSchedule(database.db, TEAM, USERS.en.id);
    const result = await runSchedulerPass(slack.deps, createSenderClients(slack.deps, { timeoutMs: 2000 }), { workerId: 'oauth-revoked', now: ada!.next_run_at! });
    expect(result).toMatchObject({ sent: 1, retried: 1 });
    expect(slack.fake.dmsTo(USERS.en.id).length).toBeGreaterThan(0);
    expect(slack.logs.join('')).toContain("Slack does not accept this workspace's token; its check-ins wait");
    expect(slack.logs.join('')).not.toContain('check-in pass halted');
  });

  it('a workspace whose installation is gone without an uninstall event waits like a refused token, with one clear line', async () => {
    await completeInstall(slack, { teamId: TEAM });
    await completeInstall(slack, { teamId: OTHER_TEAM });
    await assess(USERS.en);
    await assess(OTHER);
    await database.db.deleteFrom('slack_installations').where('team_id', '=', OTHER_TEAM).execute(); // e.g. a missed app_uninstalled
    const ada = await findSchedule(database.db, TEAM, USERS.en.id);
    const result = await runSchedulerPass(slack.deps, createSenderClients(slack.deps, { timeoutMs: 2000 }), { workerId: 'oauth-gone', now: ada!.next_run_at! });
    expect(result).toMatchObject({ sent: 1, retried: 1, errors: 0, dead: 0 });
    const row = await database.db.selectFrom('checkin_deliveries').select(['status', 'last_error']).where('team_id', '=', OTHER_TEAM).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', last_error: 'no_installation' });
    expect(slack.logs.join('')).toContain('no installation for this workspace; its check-ins wait');
    expect(slack.logs.join('')).not.toContain('check-in delivery failed unexpectedly');
  });

  it('uninstalling one workspace deletes its installation and data, leaves the other intact; a reinstall starts clean', async () => {
    await completeInstall(slack, { teamId: TEAM });
    await completeInstall(slack, { teamId: OTHER_TEAM });
    await assess(USERS.en);
    await assess(OTHER);
    slack.fake.oauth.revoke(OTHER_TEAM);
    expect((await slack.event({ type: 'app_uninstalled' }, { team: OTHER_TEAM })).status).toBe(200);
    // Bolt acknowledges the event first; the purge follows.
    await slack.waitFor(() => slack.logs.some((line) => line.includes('workspace data deleted') && line.includes(OTHER_TEAM)), 'the purge');
    const keys = await database.db.selectFrom('slack_installations').select('installation_key').execute();
    expect(keys.map((k) => k.installation_key)).toEqual([`T:${TEAM}`]);
    expect(await database.db.selectFrom('assessments').select(['team_id', 'user_id']).execute()).toEqual([{ team_id: TEAM, user_id: USERS.en.id }]);
    expect(await findSchedule(database.db, OTHER_TEAM, OTHER.id)).toBeUndefined();

    // The other workspace goes on as before.
    expect(text((await slack.command('me', { user: USERS.en, team: TEAM })).reply.body)).toContain('NATS');

    // Requests and events from the uninstalled workspace are acknowledged and logged, never handled.
    const before = slack.fake.calls.length;
    expect(await slack.commandOnly('me', { user: OTHER, team: OTHER_TEAM })).toEqual({ status: 200, body: '' });
    expect((await slack.event({ type: 'app_home_opened', user: OTHER.id, channel: 'D0HOME', tab: 'home' }, { team: OTHER_TEAM })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.fake.calls.slice(before)).toEqual([]);
    expect(slack.logs.join('')).toContain(`request from a workspace with no installation: acknowledged, not handled`);
    expect(slack.logs.join('')).toContain(`T:${OTHER_TEAM}`);

    // Reinstalled: a new token, and nothing from before.
    await completeInstall(slack, { teamId: OTHER_TEAM });
    const again = await slack.command('me', { user: OTHER, team: OTHER_TEAM });
    expect(text(again.reply.body)).toContain("You haven't assessed a skill yet");
  });

  it('a missing or forged state, a missing cookie or a cancelled consent gets the failure page and installs nothing', async () => {
    const forged = await completeInstall(slack, { teamId: TEAM }, { state: 'forged-state' });
    const missing = await completeInstall(slack, { teamId: TEAM }, { state: null });
    const noCookie = await completeInstall(slack, { teamId: TEAM }, { cookie: null });
    for (const result of [forged, missing, noCookie]) {
      expect(result.status).toBe(400);
      expect(result.html).toContain('This installation link has expired or was opened in another browser. Nothing was installed.');
      expect(result.html).toContain('Este enlace de instalación ha caducado o se abrió en otro navegador.');
      expect(result.html).toContain('href="/slack/install"');
    }
    const cancelled = await completeInstall(slack, { teamId: TEAM }, { error: 'access_denied' });
    expect(cancelled.status).toBe(400);
    expect(cancelled.html).toContain('The installation was cancelled in Slack.');
    expect(slack.fake.callsTo('oauth.v2.access')).toEqual([]);
    expect(await database.db.selectFrom('slack_installations').select('installation_key').execute()).toEqual([]);

    // Slack refusing the code exchange (a code used twice, say): the other failure page, still nothing installed.
    slack.fake.failNext('oauth.v2.access', { error: 'invalid_code' });
    const refused = await completeInstall(slack, { teamId: TEAM });
    expect(refused.status).toBe(500);
    expect(refused.html).toContain('Slack did not complete the installation. Nothing was installed.');
    expect(refused.html).toContain('Slack no completó la instalación.');
    expect(await database.db.selectFrom('slack_installations').select('installation_key').execute()).toEqual([]);
    expect(slack.logs.join('')).toContain('installation failed');
    expect(slack.logs.join('')).not.toMatch(/code-\d+/);
  });
});
