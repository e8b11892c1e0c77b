import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { listLatestNotes } from '../../src/db/repositories/conversation-notes.js';
import { ACTION } from '../../src/ids.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeSlackUser, FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { localDateIn } from '../../src/time/check-in-time.js';
import { checkinTimeOn } from '../../src/time/check-in-time.js';
import { formatLocalDateTime } from '../../src/i18n/format.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import type { Fill } from '../helpers/view-state.js';

const ADA = USERS.en;
const ROSA = USERS.es;
const text = (value: unknown) => JSON.stringify(value);
const inDays = (user: FakeSlackUser, days: number) => Temporal.PlainDate.from(localDateIn(user.tz, new Date())).add({ days }).toString();
const shortDate = (iso: string, locale: 'en' | 'es') => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
};

type Answer = { response_action?: string; errors?: Record<string, string>; view?: { blocks: unknown[] } };

describeEachDatabase('agreed next steps end to end (Record what we agreed)', (database) => {
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


  const assess = (user: FakeSlackUser, fill: Fill) => slack.assess(user, fill);

  const shareNats = (owner: FakeSlackUser, viewer: FakeSlackUser) => slack.share(owner, viewer);

  const fill = (steps: string | null, date: string | null, other: string | null = null) => ({
    agreement_skill: { value: { type: 'static_select', selected_option: { value: 'nats' } } },
    agreement_steps: { value: { type: 'plain_text_input', value: steps } },
    agreement_follow_up: { value: { type: 'datepicker', selected_date: date } },
    agreement_other: { value: { type: 'users_select', selected_user: other } },
  });

  const agreementModal = (user: FakeSlackUser) =>
    slack.waitFor(() => slack.fake.openViews().find((v) => v.user_id === user.id && v.callback_id === 'agreement_modal'), 'the agreement modal');

  async function submit(view: FakeView, values: unknown, user: FakeSlackUser): Promise<Answer> {
    const answer = await slack.submit(view, values, { user });
    expect(answer.status).toBe(200);
    return JSON.parse(answer.body || '{}') as Answer;
  }

  /** `/skill prep` (about `owner`, typed by `user`), then Record what we agreed on the ephemeral answer. */
  async function recordFromPrep(user: FakeSlackUser, owner: FakeSlackUser = user): Promise<FakeView> {
    const { reply } = await slack.command(user === owner ? 'prep' : `prep <@${owner.id}|${owner.name}>`, { user });
    const body = reply.body as { blocks: unknown[] };
    assertValidMessage(body as never);
    await slack.click({ blocks: body.blocks, ts: reply.messageTs }, ACTION.recordAgreement, { user, expectReply: false });
    const view = await agreementModal(user);
    assertValidView(slack.fake.callsTo('views.update').at(-1)!.args.view as never);
    return view;
  }

  const lastPublishedFor = (user: FakeSlackUser) =>
    slack.fake
      .callsTo('views.publish')
      .filter((call) => call.args.user_id === user.id)
      .at(-1)!.args.view as never;

  async function meOf(user: FakeSlackUser): Promise<string> {
    const { reply } = await slack.command('me', { user });
    assertValidMessage(reply.body as never);
    return text(reply.body);
  }

  it('the owner records from /skill prep, naming who she talked with; it shows in /skill me, App Home and the brief', async () => {
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Run the events guild' });
    const view = await recordFromPrep(ADA);
    expect(text(view.blocks)).toContain('"initial_option"');
    expect(text(view.blocks)).toContain('agreement_other');
    const followUp = inDays(ADA, 7);
    const answer = await submit(view, fill('Lead the consumer design review\nPair with Rosa on JetStream', followUp, ROSA.id), ADA);
    expect(answer.response_action).toBe('update');
    assertValidView(answer.view as never);
    expect(text(answer.view)).toContain('Saved as your note on *NATS / NATS JetStream*');
    // The follow-up is scheduled at Ada's check-in time on that day, and the confirmation says when.
    const schedule = (await slack.deps.db.selectFrom('checkin_schedules').selectAll().where('user_id', '=', ADA.id).executeTakeFirstOrThrow());
    expect(schedule.follow_up_at).toEqual(checkinTimeOn(schedule, followUp));
    expect(text(answer.view)).toContain(`Follow-up: ${formatLocalDateTime(schedule.follow_up_at!, ADA.tz, 'en')}, a DM with these steps`);
    slack.fake.closeView(view.id);

    const [note] = await listLatestNotes(slack.deps.db, TEAM, ADA.id);
    expect(note).toMatchObject({ owner_id: ADA.id, author_id: ADA.id, other_id: ROSA.id, skill_id: 'nats', follow_up_on: followUp });
    const line = `Agreed with <@${ROSA.id}> on ${shortDate(inDays(ADA, 0), 'en')}:* Lead the consumer design review / Pair with Rosa on JetStream · _follow-up on ${shortDate(followUp, 'en')}_`;
    expect(await meOf(ADA)).toContain(line);
    const home = await slack.waitFor(() => slack.fake.homeViewFor(ADA.id), "Ada's App Home");
    expect(text(home.blocks)).toContain(line);
    assertValidView(lastPublishedFor(ADA));
    const { reply } = await slack.command('prep', { user: ADA });
    expect(text(reply.body)).toContain(line);
    expect(text(reply.body)).toContain(`Since the conversation on ${shortDate(inDays(ADA, 0), 'en')}`);
    expect(text(reply.body)).toContain('No change since that conversation.');
  });

  it("the next brief's 'what changed' starts from the assessment in force at the last conversation when that is more recent", async () => {
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Learn consumers' });
    const view = await recordFromPrep(ADA);
    expect((await submit(view, fill('Try mirrors', null), ADA)).response_action).toBe('update');
    slack.fake.closeView(view.id);
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Learn mirrors' });
    const { reply } = await slack.command('prep', { user: ADA });
    const brief = text(reply.body);
    expect(brief).toContain(`Since the conversation on ${shortDate(inDays(ADA, 0), 'en')}`);
    // From "consumers", the assessment in force at the conversation; without a previous assessment it would say "first".
    expect(brief).toContain('~consumers~ *mirrors*');
    expect(brief).not.toContain('First assessment');
    expect(brief).not.toContain('Current → target');
  });

  it('field errors for empty steps and a past date, in the reader language, and the modal stays with what was typed', async () => {
    await assess(ROSA, { current: 'middle', target: 'lead' });
    const view = await recordFromPrep(ROSA);
    const answer = await submit(view, fill('   ', inDays(ROSA, 0)), ROSA);
    expect(answer).toEqual({ response_action: 'errors', errors: { agreement_steps: 'Escribe los próximos pasos que acordasteis.', agreement_follow_up: 'Elige un día posterior a hoy.' } });
    // Not replaced: Slack keeps the typed values in the same modal.
    expect(slack.fake.openViews().find((v) => v.id === view.id)?.callback_id).toBe('agreement_modal');
    expect(await listLatestNotes(slack.deps.db, TEAM, ROSA.id)).toEqual([]);
    const later = await submit(view, fill('Revisar', inDays(ROSA, 400)), ROSA);
    expect(later.errors).toEqual({ agreement_follow_up: 'Elige un día dentro de un año a partir de hoy.' });
    slack.fake.closeView(view.id);
  });

  it('a viewer records from the brief pushed over the shared picture; the owner sees it in /skill me and App Home', async () => {
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Run the events guild' });
    const dm = await shareNats(ADA, ROSA);
    await slack.click(dm, 'shared_open', { user: ROSA, expectReply: false });
    const picture = await slack.waitFor(() => slack.fake.openViews().find((v) => v.user_id === ROSA.id && v.callback_id === 'shared_picture'), 'the shared picture');
    await slack.interactWithView(picture, ACTION.prepareBrief, { user: ROSA });
    const brief = await slack.waitFor(
      () => slack.fake.openViews().find((v) => v.user_id === ROSA.id && v.callback_id === 'one_on_one_brief' && text(v.blocks).includes('Anotar lo acordado')),
      'the brief',
    );
    expect((await slack.interactWithView(brief, ACTION.recordAgreement, { user: ROSA })).status).toBe(200);
    const view = await agreementModal(ROSA);
    expect(slack.fake.callsTo('views.push').length).toBeGreaterThanOrEqual(2);
    expect(text(view.blocks)).toContain(`Anota lo que acordaste con <@${ADA.id}>`);
    expect(text(view.blocks)).not.toContain('agreement_other');
    const answer = await submit(view, fill('Ada prepara la revisión de diseño', null), ROSA);
    expect(answer.response_action).toBe('update');
    assertValidView(answer.view as never);
    expect(text(answer.view)).toContain(`Guardado como nota de <@${ADA.id}> sobre *NATS / NATS JetStream*`);
    slack.fake.closeView(picture.id);

    const [note] = await listLatestNotes(slack.deps.db, TEAM, ADA.id);
    expect(note).toMatchObject({ author_id: ROSA.id, other_id: ADA.id, follow_up_on: null });
    const line = `Agreed with <@${ROSA.id}> on ${shortDate(inDays(ADA, 0), 'en')}:* Ada prepara la revisión de diseño`;
    expect(await meOf(ADA)).toContain(line);
    // Republished after the viewer saved, without Ada opening it.
    const home = await slack.waitFor(() => {
      const published = slack.fake.homeViewFor(ADA.id);
      return published && text(published.blocks).includes(line) ? published : undefined;
    }, "Ada's App Home with the note");
    expect(home.user_id).toBe(ADA.id);
    assertValidView(lastPublishedFor(ADA));
    // Rosa's next brief has it too, seen from her side.
    const { reply } = await slack.command(`prep <@${ADA.id}|ada>`, { user: ROSA });
    expect(text(reply.body)).toContain(`Acordado con <@${ADA.id}> el ${shortDate(inDays(ROSA, 0), 'es')}:* Ada prepara la revisión de diseño`);
  });

  it('refused, with nothing saved, when the share was revoked while the viewer had the modal open', async () => {
    await assess(ADA, { current: 'middle', target: 'lead' });
    await shareNats(ADA, ROSA);
    const view = await recordFromPrep(ROSA, ADA);
    const { reply } = await slack.command('sharing', { user: ADA });
    await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'share_revoke', { user: ADA });
    const answer = await submit(view, fill('Seguir con JetStream', inDays(ADA, 7)), ROSA);
    expect(answer).toEqual({ response_action: 'errors', errors: { agreement_skill: `<@${ADA.id}> ya no comparte contigo esta habilidad, así que no se ha guardado nada.` } });
    expect(await listLatestNotes(slack.deps.db, TEAM, ADA.id)).toEqual([]);
    // And the button now opens nothing of hers.
    const again = await slack.command(`prep <@${ADA.id}|ada>`, { user: ROSA });
    expect(text(again.reply.body)).not.toContain(ACTION.recordAgreement);
  });

  it('the next check-in DM, sent by a scheduler pass, carries the latest agreement in one line', async () => {
    await assess(ADA, { current: 'senior', target: 'lead' });
    const view = await recordFromPrep(ADA);
    const followUp = inDays(ADA, 3);
    expect((await submit(view, fill('Write the JetStream runbook', followUp), ADA)).response_action).toBe('update');
    slack.fake.closeView(view.id);
    const schedule = await findSchedule(slack.deps.db, TEAM, ADA.id);
    const result = await runSchedulerPass(slack.deps, createSenderClient(slack.deps.config, { timeoutMs: 2000 }), { workerId: 'test-agreement', now: schedule!.next_run_at! });
    expect(result.sent).toBe(1);
    const dm = await slack.waitFor(() => slack.fake.dmsTo(ADA.id).find((m) => text(m.blocks).includes(ACTION.pause)), 'the check-in DM');
    assertValidMessage(dm);
    // A week on, the follow-up date is behind.
    expect(text(dm.blocks)).toContain(`*NATS / NATS JetStream* · :handshake: *Agreed on ${shortDate(inDays(ADA, 0), 'en')}:* Write the JetStream runbook · _follow-up was due ${shortDate(followUp, 'en')}_`);
  });
});
