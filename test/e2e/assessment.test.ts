import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIELD } from '../../src/blocks/assessment-modal.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { OTHER_TEAM, startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { fillAssessment } from '../helpers/view-state.js';

const text = (value: unknown) => JSON.stringify(value);

describeEachDatabase('self-assessment end to end', (database) => {
  let slack: SlackAppHarness;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database });
  });
  afterAll(async () => {
    await slack?.close();
  });
  beforeEach(() => {
    slack.fake.reset();
  });

  const nats = () => slack.deps.catalog.byId.get('nats')!;
  /** The view as the app last sent it (the fake stores Slack's output shape, with ids and state). */
  const sentView = (view: FakeView) =>
    [...slack.fake.callsTo('views.open'), ...slack.fake.callsTo('views.update'), ...slack.fake.callsTo('views.publish')]
      .filter((call) => (call.response as { view?: { id?: string } }).view?.id === view.id)
      .sort((a, b) => a.at - b.at)
      .at(-1)!.args.view;

  /** Opens the modal with `/skill assess nats` and waits until it is filled in (it opens as "loading" first). */
  async function openModal(user = USERS.en, team = TEAM): Promise<FakeView> {
    const request = await slack.commandOnly('assess nats', { user, team });
    expect(request.status).toBe(200);
    return slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === user.id), 'the assessment modal');
  }

  async function submitValid(view: FakeView, fill: Parameters<typeof fillAssessment>[1] = {}, user = USERS.en) {
    const answer = await slack.submit(view, fillAssessment(nats(), fill), { user });
    expect(answer).toEqual({ status: 200, body: '' });
    slack.fake.closeView(view.id);
  }

  it('opens the modal first, then fills it in; saves a row, DMs a confirmation and updates App Home and /skill me', async () => {
    const view = await openModal();
    expect(slack.fake.callsTo('views.open')[0]!.args.view).toMatchObject({ callback_id: 'assessment_modal_loading' });
    expect(slack.fake.callsTo('views.update')[0]!.args).toHaveProperty('hash');
    assertValidView(sentView(view));
    expect(text(view.title)).toContain('Self-assessment');

    await submitValid(view, { current: 'senior', target: 'lead', targetDate: '2027-06-30', goals: 'Run design reviews for the *events* team' });
    const rows = await database.db.selectFrom('assessments').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ team_id: TEAM, user_id: USERS.en.id, skill_id: 'nats', role_id: 'go', current_level: 'senior', target_level: 'lead', target_date: '2027-06-30' });
    expect(rows[0]!.ratings).toEqual({ junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' });
    const schedule = await database.db.selectFrom('checkin_schedules').selectAll().executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ cadence: 'weekly', weekday: 1, local_time: '10:00', tz: 'Europe/London', paused: false });
    expect(schedule.next_run_at!.getTime()).toBeGreaterThan(Date.now());

    const dm = await slack.waitFor(() => slack.fake.dmsTo(USERS.en.id)[0], 'the confirmation DM');
    expect(dm.text).toBe('Saved your NATS / NATS JetStream self-assessment: Senior → Lead');
    expect(text(dm.blocks)).toContain('Next check-in: Mon');
    expect(text(dm.blocks)).toContain('Edit assessment');
    expect(text(dm.blocks)).toContain('*\u200Bevents*\u200B'); // goals are escaped, never formatted
    assertValidMessage(dm);

    const home = await slack.waitFor(() => slack.fake.homeViewFor(USERS.en.id), 'App Home');
    expect(text(home.blocks)).toContain('Senior → *Lead*');
    expect(text(home.blocks)).toContain('Snooze 1 week');
    assertValidView(sentView(home));

    const { reply } = await slack.command('me');
    expect(text(reply.body)).toContain('Senior → *Lead*');
    expect(text(reply.body)).toContain('by 30 Jun 2027');
    assertValidMessage(reply.body as { blocks: KnownBlock[] });
  });

  it('keeps history: every submission is a new row, and /skill me lists it', async () => {
    await submitValid(await openModal(), { current: 'junior', target: 'middle' });
    const second = await openModal();
    // Pre-filled from the last assessment.
    expect(text(second.blocks)).toMatch(/"block_id":"assess_current".*?"initial_option":\{"text":\{"type":"plain_text","text":"Junior"/);
    await submitValid(second, { current: 'middle', target: 'senior' });
    await submitValid(await openModal(), { current: 'middle', target: 'lead' });
    const rows = await database.db.selectFrom('assessments').select(['current_level', 'target_level']).orderBy('id').execute();
    expect(rows).toEqual([
      { current_level: 'junior', target_level: 'middle' },
      { current_level: 'middle', target_level: 'senior' },
      { current_level: 'middle', target_level: 'lead' },
    ]);
    const { reply } = await slack.command('me');
    expect(text(reply.body)).toMatch(/History: .* · Middle .* · Middle .* · Junior/);
  });

  it('shows field errors in place and saves nothing', async () => {
    const view = await openModal();
    const answer = await slack.submit(view, fillAssessment(nats(), { current: 'lead', target: 'junior', targetDate: '2020-01-01', goals: 'x'.repeat(2001) }));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.response_action).toBe('errors');
    expect(body.errors).toEqual({
      [FIELD.target]: 'Your target cannot be below your current level.',
      [FIELD.targetDate]: 'Choose a date from today on.',
      [FIELD.goals]: 'Goals can be up to 2000 characters (you have 2001).',
    });
    expect(await database.db.selectFrom('assessments').select('id').execute()).toEqual([]);
    expect(slack.fake.openViews().map((v) => v.id)).toContain(view.id); // still open, nothing lost
  });

  describe('impossible input gets its field error, never "the database did not answer"', () => {
    const notADate = 'That date is not in the calendar. Pick one with the date picker.';
    const badCharacter = 'Your goals contain an invisible or broken character we cannot store (a null character or half of an emoji). Remove it or retype that part.';
    it.each([
      ['a date with month 99', { targetDate: '9999-99-99' }, FIELD.targetDate, notADate],
      ['month 13', { targetDate: '2026-13-01' }, FIELD.targetDate, notADate],
      ['30 February', { targetDate: '2027-02-30' }, FIELD.targetDate, notADate],
      ['a NUL byte in the goals', { goals: 'Lead the\u0000 events guild' }, FIELD.goals, badCharacter],
      ['half of a surrogate pair in the goals', { goals: 'Lead the events guild \ud83d' }, FIELD.goals, badCharacter],
      ['25:61 as the time', { time: '25:61' }, FIELD.time, 'Choose a time.'],
    ] as const)('%s', async (_name, fill, field, message) => {
      const view = await openModal();
      const logsBefore = slack.logs.length;
      const answer = await slack.submit(view, fillAssessment(nats(), fill));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ response_action: 'errors', errors: { [field]: message } });
      expect(await database.db.selectFrom('assessments').select('id').execute()).toEqual([]);
      expect(slack.fake.openViews().map((v) => v.id)).toContain(view.id);
      expect(slack.logs.slice(logsBefore).join('')).not.toContain('save failed');
    });

    it('in Spanish too', async () => {
      const view = await openModal(USERS.es);
      const answer = await slack.submit(view, fillAssessment(nats(), { targetDate: '2026-13-01', goals: 'Mentor\u0000' }), { user: USERS.es });
      expect(JSON.parse(answer.body).errors).toEqual({
        [FIELD.targetDate]: 'Esa fecha no existe en el calendario. Elige una con el selector de fecha.',
        [FIELD.goals]: 'Tus objetivos contienen un carácter invisible o roto que no podemos guardar (un carácter nulo o medio emoji). Quítalo o vuelve a escribir esa parte.',
      });
    });
  });

  it('redraws the requirement texts when the role changes, keeping the answers', async () => {
    const view = await openModal();
    const values = fillAssessment(nats(), { role: 'elixir', current: 'senior', goals: 'Mentor two people' });
    const request = await slack.interactWithView(view, 'assessment_role', { optionValue: 'elixir', values });
    expect(request.status).toBe(200);
    const updated = await slack.waitFor(() => {
      const current = slack.fake.viewById(view.id);
      return current && current.hash !== view.hash ? current : undefined;
    }, 'the redrawn modal');
    expect(text(updated.blocks)).toContain('Designs NATS JetStream-based messaging for Elixir microservices');
    expect(text(updated.blocks)).not.toContain('Designs high-throughput NATS/JetStream architectures in Go services');
    expect(text(updated.blocks)).toContain('"initial_value":"Mentor two people"');
    assertValidView(sentView(updated));
  });

  it('answers in Spanish for a Spanish user', async () => {
    const view = await openModal(USERS.es);
    expect(text(view.title)).toContain('Autoevaluación');
    const answer = await slack.submit(view, fillAssessment(nats(), { current: 'lead', target: 'junior' }), { user: USERS.es });
    expect(JSON.parse(answer.body).errors[FIELD.target]).toBe('Tu objetivo no puede estar por debajo de tu nivel actual.');
  });

  it('scopes everything by workspace: the same user id in another team sees nothing', async () => {
    await submitValid(await openModal(), { current: 'senior', target: 'lead' });
    const { reply } = await slack.command('me', { team: OTHER_TEAM });
    expect(text(reply.body)).toContain("You haven't assessed a skill yet");
    const forget = await slack.command('forget', { team: OTHER_TEAM });
    expect(text(forget.reply.body)).toContain('stores nothing about you');
  });

  it('/skill forget asks first, then deletes everything about me in this workspace only', async () => {
    await submitValid(await openModal(), { current: 'senior', target: 'lead' });
    await submitValid(await openModal(USERS.es), { current: 'junior', target: 'middle' }, USERS.es);
    const { reply } = await slack.command('forget');
    expect(text(reply.body)).toContain('This deletes your 1 assessment');
    expect(await database.db.selectFrom('assessments').select('id').execute()).toHaveLength(2);
    const done = await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'forget_confirm');
    expect(text(done.reply!.body)).toContain('Done: your data is deleted (1 assessment');
    const left = await database.db.selectFrom('assessments').select('user_id').execute();
    expect(left).toEqual([{ user_id: USERS.es.id }]);
    expect(await database.db.selectFrom('checkin_schedules').select('user_id').execute()).toEqual([{ user_id: USERS.es.id }]);
    const home = await slack.waitFor(() => {
      const view = slack.fake.homeViewFor(USERS.en.id);
      return view && text(view.blocks).includes("You haven't assessed") ? view : undefined;
    }, 'the emptied App Home');
    assertValidView(sentView(home));
  });

  describe('/skill forget when the response_url fails after the data is gone', () => {
    /** Saves goals, asks to forget, and makes the reply to the click fail (a 500 from the response_url). */
    async function forgetWithBrokenResponseUrl(user = USERS.en) {
      await submitValid(await openModal(user), { current: 'senior', target: 'lead', goals: 'Lead the events guild' }, user);
      await slack.waitFor(() => homeText(user.id).includes('Lead the events guild'), 'App Home with the goals');
      const { reply } = await slack.command('forget', { user });
      slack.fake.failNext('response_url', { status: 500 }, 1);
      const click = await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'forget_confirm', { user, expectReply: false });
      expect(click.request.status).toBe(200);
      await slack.waitFor(() => !homeText(user.id).includes('Lead the events guild'), 'App Home without the deleted goals');
      expect(await database.db.selectFrom('assessments').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    }
    const homeText = (userId: string) => text(slack.fake.homeViewFor(userId)?.blocks ?? []);
    const everythingShownTo = (userId: string) => text([slack.fake.ephemeralsTo(userId), slack.fake.dmsTo(userId), slack.fake.responses.map((r) => r.body)]);

    it('says it is done where the person clicked, never "something went wrong", and refreshes App Home', async () => {
      await forgetWithBrokenResponseUrl(USERS.es);
      const done = await slack.waitFor(() => slack.fake.ephemeralsTo(USERS.es.id).find((e) => text(e).includes('Hecho: tus datos se han borrado (1 evaluación')), 'the confirmation');
      expect(done.channel).toBe('C0GENERAL');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(everythingShownTo(USERS.es.id)).not.toContain('Algo ha fallado');
    });

    it('falls back to a DM when the app cannot post in that channel either', async () => {
      slack.fake.failNext('chat.postEphemeral', { error: 'not_in_channel' }, 1);
      await forgetWithBrokenResponseUrl();
      await slack.waitFor(() => slack.fake.dmsTo(USERS.en.id).find((m) => (m.text ?? '').includes('Done: your data is deleted (1 assessment')), 'the confirmation DM');
      expect(everythingShownTo(USERS.en.id)).not.toContain('Something went wrong');
    });
  });

  it('publishes App Home when opened (a friendly start with no data), and ignores Slack retries', async () => {
    const first = await slack.event({ type: 'app_home_opened', user: USERS.en.id, channel: 'D0HOME', tab: 'home' });
    expect(first.status).toBe(200);
    const home = await slack.waitFor(() => slack.fake.homeViewFor(USERS.en.id), 'App Home');
    expect(text(home.blocks)).toContain("You haven't assessed a skill yet");
    expect(text(home.blocks)).toContain('"action_id":"assess_open"');
    assertValidView(sentView(home));
    await slack.event({ type: 'app_home_opened', user: USERS.en.id, channel: 'D0HOME', tab: 'home' }, { retryNum: 1 });
    await slack.event({ type: 'app_home_opened', user: USERS.en.id, channel: 'D0HOME', tab: 'messages' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('opens the modal from App Home, pre-filled', async () => {
    await submitValid(await openModal(), { current: 'senior', target: 'principal' });
    const home = await slack.waitFor(() => slack.fake.homeViewFor(USERS.en.id), 'App Home');
    await slack.interactWithView(home, 'assess_open', { value: 'nats' });
    const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === USERS.en.id), 'the pre-filled modal');
    expect(text(modal.blocks)).toMatch(/"block_id":"assess_target".*?"initial_option":\{"text":\{"type":"plain_text","text":"Principal"/);
  });

  it('moves the check-in schedule when the person changes time zone in Slack (user_change)', async () => {
    await submitValid(await openModal(), { current: 'senior', target: 'lead' });
    const before = await database.db.selectFrom('checkin_schedules').selectAll().executeTakeFirstOrThrow();
    expect(before.tz).toBe('Europe/London');
    await slack.event({ type: 'user_change', user: { id: USERS.en.id, team_id: TEAM, tz: 'America/New_York', locale: 'en-US' } });
    await expectEventually(async () => (await database.db.selectFrom('checkin_schedules').select('tz').executeTakeFirstOrThrow()).tz === 'America/New_York');
    const after = await database.db.selectFrom('checkin_schedules').selectAll().executeTakeFirstOrThrow();
    // Monday 10:00 in New York is five hours after Monday 10:00 in London (outside the few DST-mismatch weeks).
    const wall = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(after.next_run_at!);
    expect(wall).toBe('Mon 10:00');
    expect(after.next_run_at!.getTime()).toBeGreaterThan(Date.now());
  });

  it('deletes the workspace data when the app is uninstalled', async () => {
    await submitValid(await openModal(), { current: 'senior', target: 'lead' });
    await slack.event({ type: 'app_uninstalled' });
    await expectEventually(async () => (await database.db.selectFrom('assessments').select('id').execute()).length === 0);
    expect(await database.db.selectFrom('checkin_schedules').select('id').execute()).toEqual([]);
  });

  it('keeps the modal open with an error when the database is down, losing nothing', async () => {
    const view = await openModal();
    // Take the database away under the app: every query now fails.
    const broken = await startSlackAppHarness({ database: { ...database, db: database.db.withPlugin({ transformQuery: () => { throw new Error('database is down'); }, transformResult: async (args) => args.result }) } });
    try {
      const values = fillAssessment(nats(), { current: 'senior', target: 'lead', goals: 'keep me' });
      const answer = await broken.submit({ ...view }, values);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        response_action: 'errors',
        errors: { [FIELD.goals]: expect.stringContaining('We could not confirm the save') },
      });
      expect(broken.logs.join('')).toMatch(/assessment: save failed.*U0ENGLISH/);
      // Pressing Save again is safe whatever happened: it would land on the same row (database-faults.test.ts).
    } finally {
      await broken.close();
    }
    expect(await database.db.selectFrom('assessments').select('id').execute()).toEqual([]);
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
