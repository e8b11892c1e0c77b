import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeSlackUser } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { startSlackAppHarness, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import type { Fill } from '../helpers/view-state.js';

const ADA = USERS.en;
const ROSA = USERS.es;
const JEAN = USERS.fr;
const text = (value: unknown) => JSON.stringify(value);

describeEachDatabase('the 1:1 brief end to end (/skill prep)', (database) => {
  let slack: SlackAppHarness;
  /** The app's clock runs this far ahead of the real one: expiry is passed in, never slept. */
  let clockAheadMs = 0;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database, now: () => new Date(Date.now() + clockAheadMs) });
  });
  afterAll(async () => {
    await slack?.close();
  });
  beforeEach(() => {
    slack.fake.reset();
    clockAheadMs = 0;
  });


  const assess = (user: FakeSlackUser, fill: Fill) => slack.assess(user, fill);

  const share = (owner: FakeSlackUser, viewer: FakeSlackUser) => slack.share(owner, viewer);

  async function prep(textTyped: string, user: FakeSlackUser) {
    const { reply } = await slack.command(textTyped, { user });
    const body = reply.body as { text: string; blocks?: unknown[] };
    assertValidMessage(body as never);
    return text(body);
  }

  it('without a share: a clear answer that Ada has not shared, and nothing of hers', async () => {
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Run the events guild' });
    const answer = await prep(`prep <@${ADA.id}|ada>`, ROSA);
    expect(answer).toContain(`<@${ADA.id}> no ha compartido contigo su progreso`);
    expect(answer).not.toContain('events guild');
    expect(answer).not.toContain('Líder');
  });

  it('with a share: Rosa sees what changed in Ada\'s NATS since the previous assessment and three questions, in Spanish; Jean still cannot', async () => {
    await assess(ADA, { current: 'junior', target: 'senior', goals: 'Learn streams', ratings: { middle: 'partly' } });
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Learn consumers' });
    await share(ADA, ROSA);
    const answer = await prep(`preparar <@${ADA.id}|ada>`, ROSA);
    expect(answer).toContain(`Resumen 1:1: <@${ADA.id}>`);
    expect(answer).toContain('Desde la evaluación anterior');
    expect(answer).toContain('~streams~ *consumers*');
    expect(answer).toContain('Última evaluación hoy');
    expect(answer).toContain('1. ¿Qué te ayudaría a demostrar');
    expect(answer).toContain('2 expectativas pendientes hasta Lead.');
    expect(answer).toContain('2. ¿Qué te ayudaría a demostrar');
    expect(answer).not.toContain('3. ¿Qué');
    expect(await prep(`prep <@${ADA.id}|ada>`, JEAN)).toContain('has not shared their growth picture with you');
  });

  it('once the share has expired, prep is refused like no share at all', async () => {
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Run the events guild' });
    await share(ADA, ROSA);
    expect(await prep(`prep <@${ADA.id}|ada>`, ROSA)).toContain('Resumen 1:1');
    clockAheadMs = 32 * 24 * 3600_000;
    const answer = await prep(`prep <@${ADA.id}|ada>`, ROSA);
    expect(answer).toContain(`<@${ADA.id}> no ha compartido contigo su progreso`);
    expect(answer).not.toContain('events guild');
  });

  it('Prepare 1:1 on the shared picture pushes the brief over it, for the viewer, in her language', async () => {
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Run the events guild' });
    const before = slack.fake.dmsTo(ROSA.id).length;
    await share(ADA, ROSA);
    const dm = await slack.waitFor(() => slack.fake.dmsTo(ROSA.id)[before], "Rosa's DM");
    await slack.click(dm, 'shared_open', { user: ROSA, expectReply: false });
    const picture = await slack.waitFor(() => slack.fake.openViews().find((v) => v.user_id === ROSA.id && v.callback_id === 'shared_picture'), 'the shared picture');
    expect(text(picture.blocks)).toContain('Preparar 1:1');
    expect((await slack.interactWithView(picture, 'brief_prepare', { user: ROSA })).status).toBe(200);
    const brief = await slack.waitFor(
      () => slack.fake.openViews().find((v) => v.user_id === ROSA.id && v.callback_id === 'one_on_one_brief' && text(v.blocks).includes('Preguntas')),
      'the brief',
    );
    const sent = slack.fake.callsTo('views.update').at(-1)!.args.view;
    assertValidView(sent as never);
    expect(text(brief.blocks)).toContain(`Resumen 1:1: <@${ADA.id}>`);
    expect(text(brief.blocks)).toContain('Primera evaluación de esta habilidad');
    slack.fake.closeView(picture.id);
  });

  it('/skill prep for myself: what to bring, in my language', async () => {
    await assess(ADA, { current: 'middle', target: 'lead', goals: 'Run the events guild' });
    const answer = await prep('prep', ADA);
    expect(answer).toContain('1:1 brief: what to bring');
    expect(answer).toContain('First assessment of this skill');
    expect(answer).toContain('1. What would help you show');
    expect(await prep('prep @nobody', ADA)).toContain('Slack could not tell who @nobody is');
  });
});
