import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { sandboxHost, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { shippedCatalog } from '../helpers/catalog.js';
import { ADA, assessmentEdits, dmId, GENERAL, messagesIn, ROSA, startSandboxFixture, text, type SandboxFixture } from './sandbox-fixture.js';

/**
 * The sandbox driven through its JSON API, as the page drives it: every action reaches the real Bolt app as a
 * signed request, and what the app does shows up in the state. One story, in order: the steps build on each other
 * (the sandbox clock only moves forward).
 */
describe('local sandbox (JSON API)', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('serves the page, says it is a sandbox, and guards its API', async () => {
    const page = await fetch(f.sandbox.url.replace('localhost', '127.0.0.1'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('It is not Slack');
    expect((await f.state()).notice).toMatch(/not Slack/);
    const base = `http://127.0.0.1:${f.sandbox.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/%2e%2e/package.json`)).status).toBe(404);
    // A form post from another site cannot drive the sandbox: JSON only (no CORS preflight is ever granted).
    const form = await fetch(`${base}/sandbox/api/compose`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    // Bound to the loopback interface, it answers only requests addressed to localhost (no DNS rebinding).
    const rebound = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: f.sandbox.port, path: '/sandbox/api/state', headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(421);
    const invalid = await f.post('compose', { user: ADA, channel: GENERAL });
    expect(invalid).toMatchObject({ ok: false, error: 'bad_request' });
    // Unknown or missing person: the state is the first person's, so a stale bookmark still works.
    expect((await f.state('U0NOBODY')).user).toBe(ADA);
  });

  it('runs /skill nats senior: the card appears, visible only to the person who asked', async () => {
    expect(await f.post('compose', { user: ADA, channel: GENERAL, text: '/skill nats senior' })).toEqual({ ok: true });
    const card = await f.waitFor(ADA, (s) => messagesIn(s, 'channel').find((m) => m.text.includes('Senior')), 'the level card');
    expect(card.ephemeral).toBe(true);
    expect(text(card.blocks)).toContain('open_level:next');
    expect(messagesIn(await f.state(ROSA), 'channel')).toEqual([]);
  });

  it('clicking the next-level button replaces the card in place', async () => {
    const card = messagesIn(await f.state(), 'channel')[0]!;
    expect(await f.post('message-action', { user: ADA, channel: GENERAL, ts: card.ts, actionId: 'open_level:next' })).toEqual({ ok: true });
    const replaced = await f.waitFor(ADA, (s) => messagesIn(s, 'channel').find((m) => m.ts === card.ts && m.text.includes('Lead')), 'the Lead card');
    expect(messagesIn(await f.state(), 'channel')).toHaveLength(1);
    expect(replaced.ephemeral).toBe(true);
    // A choice the element does not offer is refused before it reaches the app, as Slack's client could not send it.
    const forged = await f.post('message-action', { user: ADA, channel: GENERAL, ts: card.ts, actionId: 'filter_role', choice: { selectedOption: 'nope' } });
    expect(forged).toMatchObject({ ok: false, error: 'element_not_found' });
  });

  it('answers an unknown command as Slack does, and keeps ordinary messages', async () => {
    await f.post('compose', { user: ADA, channel: GENERAL, text: '/deploy now' });
    await f.post('compose', { user: ADA, channel: GENERAL, text: 'hello <b>team</b>' });
    const state = await f.state();
    const messages = messagesIn(state, 'channel');
    expect(messages.find((m) => m.author === 'slackbot')).toMatchObject({ ephemeral: true, text: expect.stringContaining('/deploy is not a valid command') });
    expect(messages.find((m) => m.author === ADA)).toMatchObject({ ephemeral: false, text: 'hello <b>team</b>' });
    expect(messagesIn(await f.state(ROSA), 'channel').map((m) => m.author)).toEqual([ADA]);
  });

  it('opens the self-assessment modal, shows field errors from the app, then saves: confirmation DM and App Home', async () => {
    const card = messagesIn(await f.state(), 'channel')[0]!;
    await f.post('message-action', { user: ADA, channel: GENERAL, ts: card.ts, actionId: 'assess_open' });
    const modal = await f.waitFor(ADA, (s) => (s.modal?.callback_id === 'assessment_modal' ? s.modal : undefined), 'the assessment modal');

    const wrong = await f.post('view-submit', { user: ADA, viewId: modal.id, edits: assessmentEdits({ current: 'lead', target: 'junior' }) });
    expect(wrong).toEqual({ ok: true, closed: false, errors: { assess_target: 'Your target cannot be below your current level.' } });
    expect((await f.state()).modal?.id).toBe(modal.id);

    const saved = await f.post('view-submit', { user: ADA, viewId: modal.id, edits: assessmentEdits({ goals: 'Run design reviews' }) });
    expect(saved).toEqual({ ok: true, closed: true });
    const dm = await f.waitFor(ADA, (s) => messagesIn(s, 'im').find((m) => m.text.startsWith('Saved your NATS')), 'the confirmation DM');
    expect(dm.ephemeral).toBe(false);
    const state = await f.state();
    expect(state.modal).toBeNull();
    expect(state.nextCheckin).not.toBeNull();

    await f.post('app-tab', { user: ADA, tab: 'home' });
    const home = await f.waitFor(ADA, (s) => s.home, 'App Home');
    expect(text(home.blocks)).toContain('Senior → *Lead*');
  });

  it('redraws the modal when the role changes, keeping what was typed', async () => {
    await f.post('compose', { user: ADA, channel: dmId(await f.state()), text: '/skill assess nats' });
    const modal = await f.waitFor(ADA, (s) => (s.modal?.callback_id === 'assessment_modal' ? s.modal : undefined), 'the modal');
    const edits = { assess_goals: { value: { value: 'Mentor two people' } } };
    // The last assessment was for Elixir (the first role); switch to Go.
    expect(text(modal.blocks)).not.toContain('architectures in Go services');
    const result = await f.post('view-action', { user: ADA, viewId: modal.id, actionId: 'assessment_role', choice: { selectedOption: 'go' }, edits });
    expect(result).toEqual({ ok: true });
    const redrawn = await f.waitFor(ADA, (s) => (s.modal && s.modal.hash !== modal.hash ? s.modal : undefined), 'the redrawn modal');
    expect(text(redrawn.blocks)).toContain('architectures in Go services');
    expect(text(redrawn.blocks)).toContain('Mentor two people');
    expect(await f.post('view-close', { user: ADA, viewId: modal.id })).toEqual({ ok: true });
    expect((await f.state()).modal).toBeNull();
  });

  it('speaks Spanish to the Spanish user', async () => {
    await f.post('compose', { user: ROSA, channel: GENERAL, text: '/skill nats senior' });
    const card = await f.waitFor(ROSA, (s) => messagesIn(s, 'channel').find((m) => m.author !== 'slackbot' && m.ephemeral), 'the Spanish card');
    expect(card.text).toMatch(/Senior/);
    expect(text(card.blocks)).toContain('Autoevaluarme');
  });

  it('fast-forwards to the next check-in: the real scheduler sends the DM at the pretend time', async () => {
    const before = await f.state();
    const due = new Date(before.nextCheckin!);
    const result = await f.post('fast-forward', { user: ADA, to: 'next-checkin' });
    expect(result).toMatchObject({ ok: true, passes: 1, sent: 1, errors: 0 });
    const after = await f.state();
    expect(new Date(after.clock.now).getTime()).toBeGreaterThanOrEqual(due.getTime());
    const checkin = messagesIn(after, 'im').find((m) => m.text.includes('check-in') || m.text.includes('Check-in'));
    expect(checkin, text(messagesIn(after, 'im').map((m) => m.text))).toBeDefined();
    expect(new Date(after.nextCheckin!).getTime()).toBeGreaterThan(due.getTime());

    // A week later, the weekly check-in comes again (one pass at the occurrence, not a skipped "missed" one).
    const week = await f.post('fast-forward', { user: ADA, by: '1w' });
    expect(week).toMatchObject({ ok: true, sent: 1 });
    expect(await f.post('fast-forward', { user: ROSA, to: 'next-checkin' })).toMatchObject({ ok: false, error: 'no_checkin' });
  });

  it('refuses to run the scheduler over a real workspace\'s schedules in the same database', async () => {
    const row = await f.database.db
      .insertInto('checkin_schedules')
      .values({ team_id: 'T0REALTEAM', user_id: 'U0REAL', cadence: 'weekly', weekday: 1, local_time: '10:00', tz: 'UTC', anchor_date: null, next_run_at: new Date(), dm_channel: null, stopped_reason: null, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const refused = await f.post('fast-forward', { user: ADA, by: '1h' });
      expect(refused).toMatchObject({ ok: false, error: 'refused', message: expect.stringContaining('real workspace') });
      const untouched = await f.database.db.selectFrom('checkin_schedules').select(['next_run_at', 'stopped_reason']).where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(untouched.stopped_reason).toBeNull();
    } finally {
      await f.database.db.deleteFrom('checkin_schedules').where('id', '=', row.id).execute();
    }
  });

  it('snoozes a check-in from the DM: the message is redrawn and the next check-in moves', async () => {
    const state = await f.state();
    const checkin = messagesIn(state, 'im').filter((m) => text(m.blocks).includes('checkin_snooze')).at(-1)!;
    const result = await f.post('message-action', { user: ADA, channel: dmId(state), ts: checkin.ts, actionId: 'checkin_snooze:1d' });
    expect(result).toEqual({ ok: true });
    const redrawn = await f.waitFor(ADA, (s) => messagesIn(s, 'im').find((m) => m.ts === checkin.ts && m.edited), 'the snoozed check-in');
    expect(text(redrawn.blocks)).toMatch(/Snoozed until/);
    const next = new Date((await f.state()).nextCheckin!).getTime();
    const now = new Date((await f.state()).clock.now).getTime();
    expect(Math.round((next - now) / 3_600_000)).toBe(24);
  });
});

describe('sandbox start-up rules', () => {
  it('will not build the app when Slack credentials are configured', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-real', SLACK_SIGNING_SECRET: 'a-real-signing-secret' });
    const database = { db: undefined as never, ping: async () => true };
    await expect(startSandbox({ config, database, catalog: await shippedCatalog(), logger: createLogger('error', { write: () => undefined }) })).rejects.toThrow(
      /only when no Slack credentials/,
    );
  });

  it('keeps the Host allow-list when listening on every interface (HOST=0.0.0.0)', async () => {
    // Before: the allow-list applied only on the loopback interface, so HOST=0.0.0.0 opened it to DNS rebinding.
    const config = loadConfig({ HOST: '0.0.0.0' });
    const database = { db: undefined as never, ping: async () => true };
    const sandbox = await startSandbox({ config, database, catalog: await shippedCatalog(), logger: createLogger('error', { write: () => undefined }), port: 0, tickMs: 0 });
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: sandbox.port, path: '/healthz', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    try {
      expect(await statusFor('evil.example')).toBe(421);
      expect(await statusFor(`evil.example:${sandbox.port}`)).toBe(421);
      expect(await statusFor(`localhost:${sandbox.port}`)).toBe(200);
      expect(await statusFor(`127.0.0.1:${sandbox.port}`)).toBe(200);
      expect(await statusFor(`192.168.1.20:${sandbox.port}`)).toBe(200);
      expect(await statusFor(`[::1]:${sandbox.port}`)).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('stays on the loopback interface unless HOST was set on purpose', () => {
    expect(sandboxHost(loadConfig({}).http)).toBe('127.0.0.1');
    expect(sandboxHost(loadConfig({ HOST: '0.0.0.0' }).http)).toBe('0.0.0.0');
    expect(sandboxHost(loadConfig({ HOST: '192.168.1.20' }).http)).toBe('192.168.1.20');
  });
});
