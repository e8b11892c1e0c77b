import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeMessage, FakeSlackUser, FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { OTHER_TEAM, startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';

const text = (value: unknown) => JSON.stringify(value);
const DAY = 24 * 3600_000;
const ADA = USERS.en;
const ROSA = USERS.es;
const JEAN = USERS.fr;
const BOT_USER: FakeSlackUser = { id: 'U0SOMEBOT', teamId: TEAM, name: 'deploybot', tz: 'UTC', locale: 'en-US', isBot: true };
const GONE: FakeSlackUser = { id: 'U0GONE', teamId: TEAM, name: 'gone', tz: 'UTC', locale: 'en-US', deleted: true };
const OUTSIDER: FakeSlackUser = { id: 'U0OUTSIDE', teamId: OTHER_TEAM, name: 'outsider', tz: 'UTC', locale: 'en-US' };

describeEachDatabase('sharing a growth picture end to end', (database) => {
  let slack: SlackAppHarness;
  /** The app's clock runs this far ahead of the real one: expiry is tested by passing time in, never by sleeping. */
  let clockAheadMs = 0;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database, now: () => new Date(Date.now() + clockAheadMs) });
    for (const user of [BOT_USER, GONE, OUTSIDER]) slack.fake.addUser(user);
  });
  afterAll(async () => {
    await slack?.close();
  });
  beforeEach(() => {
    slack.fake.reset();
    clockAheadMs = 0;
  });

  /** The view as the app last sent it (the fake stores Slack's output shape, with ids and state). */
  const sentView = (view: FakeView) =>
    [...slack.fake.callsTo('views.open'), ...slack.fake.callsTo('views.update'), ...slack.fake.callsTo('views.publish')]
      .filter((call) => (call.response as { view?: { id?: string } }).view?.id === view.id)
      .sort((a, b) => a.at - b.at)
      .at(-1)!.args.view as never;
  const shares = () => database.db.selectFrom('growth_shares').selectAll().execute();
  const views = () => database.db.selectFrom('growth_share_views').selectAll().execute();

  const assess = (user: FakeSlackUser, goals: string) => slack.assess(user, { current: 'middle', target: 'lead', goals });

  /** The share modal as the app filled it in (it opens as "loading" first). */
  async function shareModal(user: FakeSlackUser = ADA): Promise<FakeView> {
    const view = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'share_modal' && v.user_id === user.id), 'the share modal');
    assertValidView(sentView(view));
    return view;
  }

  const fill = (viewerId: string | null, skills = 'nats', duration = '1m', note: string | null = null) => ({
    share_person: { value: { type: 'users_select', selected_user: viewerId } },
    share_skills: { value: { type: 'radio_buttons', selected_option: { value: skills } } },
    share_duration: { value: { type: 'radio_buttons', selected_option: { value: duration } } },
    share_note: { value: { type: 'plain_text_input', value: note } },
  });

  async function submitShare(view: FakeView, values: ReturnType<typeof fill>, user: FakeSlackUser = ADA) {
    const answer = await slack.submit(view, values, { user });
    expect(answer.status).toBe(200);
    return JSON.parse(answer.body || '{}') as { response_action?: string; errors?: Record<string, string>; view?: { blocks: KnownBlock[] } };
  }

  /** Ada shares NATS with Rosa from `/skill share nats @rosa`; resolves with Rosa's DM. */
  async function shareWithRosa(duration = '1m', note: string | null = 'For our 1:1 on Thursday'): Promise<FakeMessage> {
    const before = slack.fake.dmsTo(ROSA.id).length;
    await slack.commandOnly(`share nats <@${ROSA.id}|rosa>`);
    const view = await shareModal();
    const answer = await submitShare(view, fill(ROSA.id, 'nats', duration, note));
    expect(answer.response_action).toBe('update');
    slack.fake.closeView(view.id);
    return slack.waitFor(() => slack.fake.dmsTo(ROSA.id)[before], "Rosa's DM");
  }

  /** Rosa opens App Home (in `team`); resolves with what it shows once published after the event. */
  async function homeOf(user: FakeSlackUser, team = TEAM): Promise<string> {
    const before = slack.fake.callsTo('views.publish').length;
    expect((await slack.event({ type: 'app_home_opened', user: user.id, channel: 'D0HOME', tab: 'home' }, { team })).status).toBe(200);
    await slack.waitFor(() => slack.fake.callsTo('views.publish').length > before || undefined, 'App Home published');
    const published = slack.fake.callsTo('views.publish').at(-1)!;
    assertValidView(published.args.view as never);
    return text(published.args.view);
  }

  /** Rosa presses Open on a message; resolves with the modal she sees. */
  async function open(message: { blocks?: unknown[]; ts?: string }, user: FakeSlackUser = ROSA, team = TEAM): Promise<FakeView> {
    await slack.click(message, 'shared_open', { user, team, expectReply: false });
    const view = await slack.waitFor(
      () => slack.fake.openViews().find((v) => v.user_id === user.id && v.callback_id.startsWith('shared_picture') && !v.callback_id.endsWith('_loading')),
      'the shared picture',
    );
    assertValidView(sentView(view));
    slack.fake.closeView(view.id);
    return view;
  }

  it('/skill share nats @rosa: the modal names her; on Share she gets a DM with no assessment content; Open shows the read-only picture and logs it', async () => {
    await assess(ADA, 'Run the events guild');
    await slack.commandOnly(`share nats <@${ROSA.id}|rosa>`);
    const view = await shareModal();
    expect(text(view.blocks)).toContain(`"initial_user":"${ROSA.id}"`);
    expect(text(view.blocks)).toContain('Only NATS / NATS JetStream');
    const answer = await submitShare(view, fill(ROSA.id, 'nats', '1m', 'For our 1:1 on Thursday'));
    expect(answer.response_action).toBe('update');
    assertValidView(answer.view as never);
    expect(text(answer.view)).toContain(`<@${ROSA.id}> can now see your NATS / NATS JetStream until`);
    slack.fake.closeView(view.id);

    const dm = await slack.waitFor(() => slack.fake.dmsTo(ROSA.id)[0], "Rosa's DM");
    assertValidMessage(dm);
    expect(dm.text).toBe(`<@${ADA.id}> ha compartido su progreso contigo`);
    expect(text(dm.blocks)).toContain('NATS / NATS JetStream, hasta el');
    expect(text(dm.blocks)).toContain('For our 1:1 on Thursday');
    expect(text(dm.blocks)).not.toContain('Run the events guild');
    expect(text(dm.blocks)).not.toContain('Lead');
    expect(await shares()).toHaveLength(1);

    const picture = await open(dm);
    expect(picture.callback_id).toBe('shared_picture');
    const shown = text(picture.blocks);
    expect(shown).toContain('Run the events guild');
    expect(shown).toContain('Middle → *Lead*');
    expect(shown).toContain('Autovaloración por nivel');
    expect(shown).toContain('Backend Developer (Go)');
    expect(picture.submit).toBeFalsy();
    // Read-only: the one button opens a 1:1 brief for the viewer (docs/one-on-one-brief.md), nothing acts on Ada's data.
    expect([...shown.matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1])).toEqual(['brief_prepare']);
    expect(await views()).toEqual([expect.objectContaining({ viewer_id: ROSA.id, owner_id: ADA.id, team_id: TEAM })]);

    const { reply } = await slack.command('sharing');
    assertValidMessage(reply.body as never);
    expect(text(reply.body)).toContain(`*<@${ROSA.id}>* · NATS / NATS JetStream · until`);
    expect(text(reply.body)).toContain('Opened once, last');
  });

  it('every entry point opens the modal: the confirmation DM, App Home, /skill me, /skill share @person (all skills), and a name Slack could not resolve', async () => {
    const confirmation = await assess(ADA, 'Goals');
    await slack.click(confirmation, 'share_with', { expectReply: false });
    let view = await shareModal();
    expect(text(view.blocks)).toContain('Only NATS / NATS JetStream');
    slack.fake.closeView(view.id);

    const home = await slack.waitFor(() => slack.fake.homeViewFor(ADA.id), 'App Home');
    assertValidView(sentView(home));
    await slack.interactWithView(home, 'share_with');
    view = await shareModal();
    expect(text(view.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Only NATS / NATS JetStream"');
    slack.fake.closeView(view.id);

    const { reply } = await slack.command('me');
    assertValidMessage(reply.body as never);
    await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks }, 'share_with', { expectReply: false });
    view = await shareModal();
    slack.fake.closeView(view.id);

    await slack.commandOnly(`share <@${ROSA.id}|rosa>`);
    view = await shareModal();
    expect(text(view.blocks)).toContain(`"initial_user":"${ROSA.id}"`);
    expect(text(view.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"All my skills, now and later"');
    const answer = await submitShare(view, fill(ROSA.id, '*', 'revoke'));
    expect(answer.response_action).toBe('update');
    expect(text(answer.view)).toContain('all your skills until you revoke it');
    slack.fake.closeView(view.id);
    expect((await shares())[0]).toMatchObject({ skill_ids: null, expires_at: null });

    await slack.commandOnly('share nats @nobody_here');
    view = await shareModal();
    expect(text(view.blocks)).toContain('I could not find “nobody_');
    expect(text(view.blocks)).not.toContain('initial_user');
    slack.fake.closeView(view.id);

    await slack.commandOnly(`compartir nats <@${ADA.id}|ada>`, { user: ROSA });
    view = await shareModal(ROSA);
    expect(text(view.title)).toContain('Compartir mi progreso');
  });

  it('refuses, under the person field and keeping the form: myself, a bot, a deactivated account, someone from another workspace, nobody', async () => {
    await slack.commandOnly('share nats');
    const view = await shareModal();
    const cases: [string | null, string][] = [
      [ADA.id, 'That is you: choose someone else.'],
      [BOT_USER.id, 'That is an app, not a person: choose a person.'],
      [GONE.id, 'That account is deactivated: choose someone who can still sign in.'],
      [OUTSIDER.id, 'That person is outside this workspace: you can only share with people here.'],
      [null, 'Choose a person.'],
    ];
    for (const [viewerId, error] of cases) {
      const answer = await submitShare(view, fill(viewerId, 'nats', '2w', 'kept'));
      expect(answer).toEqual({ response_action: 'errors', errors: { share_person: error } });
    }
    expect(await shares()).toEqual([]);
    expect(slack.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('sharing again with the same person changes the one share, and the earlier DM says it was replaced', async () => {
    await assess(ADA, 'Goals');
    const first = await shareWithRosa('2w');
    await shareWithRosa('3m', null);
    const rows = await shares();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.note).toBe('');
    const updated = slack.fake.dmsTo(ROSA.id).find((m) => m.ts === first.ts)!;
    expect(text(updated.blocks)).toContain('ha cambiado lo que comparte contigo');
    expect(text(updated.blocks)).not.toContain('shared_open');
  });

  it('revoke from /skill sharing: immediate, the DM says so, and Open on the old message is refused', async () => {
    await assess(ADA, 'Run the events guild');
    const dm = await shareWithRosa();
    const { reply } = await slack.command('sharing');
    const revoked = await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'share_revoke');
    const body = revoked.reply!.body as { blocks: KnownBlock[]; text: string };
    assertValidMessage(body);
    expect(body.text).toBe(`Revoked: <@${ROSA.id}> can no longer open your growth picture.`);
    expect(text(body.blocks)).toContain('Ended');
    expect((await shares())[0]!.revoked_at).not.toBeNull();

    const updated = slack.fake.dmsTo(ROSA.id).find((m) => m.ts === dm.ts)!;
    assertValidMessage(updated);
    expect(text(updated.blocks)).toContain(`<@${ADA.id}> ha dejado de compartir su progreso contigo.`);
    expect(text(updated.blocks)).not.toContain('shared_open');

    const refused = await open(dm);
    expect(refused.callback_id).toBe('shared_picture_refused');
    expect(text(refused.blocks)).toContain('Este acceso ha terminado');
    expect(text(refused.blocks)).not.toContain('Run the events guild');
    expect(await views()).toEqual([]);
  });

  it('revoke from App Home, with its confirm dialog; Rosa\'s Home lists it under "Shared with me" until then', async () => {
    await assess(ADA, 'Goals');
    await assess(ROSA, 'Objetivos');
    await shareWithRosa();
    const rosaHome = await slack.waitFor(() => slack.fake.homeViewFor(ROSA.id), "Rosa's Home");
    await slack.waitFor(() => text(slack.fake.homeViewFor(ROSA.id)!.blocks).includes('Compartido conmigo') || undefined, 'Shared with me');
    expect(text(slack.fake.homeViewFor(ROSA.id)!.blocks)).toContain('NATS / NATS JetStream: Middle → *Lead*');
    expect(rosaHome).toBeDefined();
    const adaHome = await slack.waitFor(() => (text(slack.fake.homeViewFor(ADA.id)?.blocks).includes('Who can see my growth') ? slack.fake.homeViewFor(ADA.id) : undefined), "Ada's Home");
    assertValidView(sentView(adaHome));
    expect(text(adaHome.blocks)).toContain('"confirm":{"title":{"type":"plain_text","text":"Revoke this share?"}');
    await slack.interactWithView(adaHome, 'share_revoke');
    await slack.waitFor(() => !text(slack.fake.homeViewFor(ROSA.id)!.blocks).includes('Compartido conmigo') || undefined, 'the share gone from Rosa\'s Home');
    expect((await shares())[0]!.revoked_at).not.toBeNull();
  });

  it('expiry, with time passed in: Open is refused after the end, the DM says when it ended; the scheduler pass updates DMs nobody clicked', async () => {
    await assess(ADA, 'Run the events guild');
    const dm = await shareWithRosa('2w');
    clockAheadMs = 13 * DAY;
    expect((await open(dm)).callback_id).toBe('shared_picture');
    expect(await homeOf(ROSA)).toContain('Compartido conmigo');
    clockAheadMs = 15 * DAY;
    expect(await homeOf(ROSA)).not.toContain('Compartido conmigo');
    const refused = await open(dm);
    expect(refused.callback_id).toBe('shared_picture_refused');
    const updated = await slack.waitFor(() => slack.fake.dmsTo(ROSA.id).find((m) => m.ts === dm.ts && text(m.blocks).includes('terminó el')), 'the DM updated');
    assertValidMessage(updated);
    expect((await views()).length).toBe(1);

    // Jean's share expires with nobody clicking: the scheduler's pass notices it.
    clockAheadMs = 0;
    await slack.commandOnly(`share nats <@${JEAN.id}|jean>`);
    const view = await shareModal();
    await submitShare(view, fill(JEAN.id, 'nats', '2w'));
    slack.fake.closeView(view.id);
    const jeanDm = await slack.waitFor(() => slack.fake.dmsTo(JEAN.id)[0], "Jean's DM");
    await slack.waitFor(() => slack.fake.callsTo('chat.postMessage').length >= 2 || undefined, 'posted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const client = createSenderClient(slack.deps.config, { timeoutMs: 2000 });
    await runSchedulerPass(slack.deps, client, { workerId: 'test-shares', now: new Date(Date.now() + 14 * DAY + 60_000) });
    const jeanUpdated = slack.fake.dmsTo(JEAN.id).find((m) => m.ts === jeanDm.ts)!;
    expect(text(jeanUpdated.blocks)).toContain("'s share of their growth picture ended on");
    const jeanRow = (await shares()).find((s) => s.viewer_id === JEAN.id)!;
    expect(jeanRow.dm_ended_at).not.toBeNull();
  });

  it('another workspace cannot see it: the same share id opened from another team is refused and not logged', async () => {
    await assess(ADA, 'Run the events guild');
    const dm = await shareWithRosa();
    const refused = await open(dm, ROSA, OTHER_TEAM);
    expect(refused.callback_id).toBe('shared_picture_refused');
    expect(text(refused.blocks)).not.toContain('Run the events guild');
    const stranger = await open(dm, JEAN);
    expect(stranger.callback_id).toBe('shared_picture_refused');
    expect(await views()).toEqual([]);
    expect(await homeOf(ROSA)).toContain('Compartido conmigo');
    const otherHome = await homeOf(ROSA, OTHER_TEAM);
    expect(otherHome).not.toContain('Compartido conmigo');
    expect(otherHome).not.toContain('shared_open');
  });

  it("the owner's /skill forget deletes the shares and the log, and the viewer's DM says it ended", async () => {
    await assess(ADA, 'Run the events guild');
    const dm = await shareWithRosa();
    await open(dm);
    const { reply } = await slack.command('forget');
    await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'forget_confirm');
    expect(await shares()).toEqual([]);
    expect(await views()).toEqual([]);
    const updated = slack.fake.dmsTo(ROSA.id).find((m) => m.ts === dm.ts)!;
    expect(text(updated.blocks)).not.toContain('shared_open');
    expect((await open(dm)).callback_id).toBe('shared_picture_refused');
  });

  it("the viewer's /skill forget deletes the shares she received and her name from the log; the owner keeps the count", async () => {
    await assess(ADA, 'Run the events guild');
    const dm = await shareWithRosa();
    await open(dm);
    await open(dm);
    const { reply } = await slack.command('forget', { user: ROSA });
    await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'forget_confirm', { user: ROSA });
    expect(await shares()).toEqual([]);
    expect((await views()).map((v) => v.viewer_id)).toEqual([null, null]);
    const { reply: sharing } = await slack.command('sharing');
    expect(text(sharing.body)).toContain('2 earlier openings by someone who has since deleted their Skill Ladder data.');
    expect(text(sharing.body)).not.toContain(ROSA.id);
  });
});
