import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeSlackUser } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { databaseTargets, type TestDatabase } from '../helpers/test-database.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';

const text = (value: unknown) => JSON.stringify(value);

describe.each(databaseTargets())('privacy end to end on $name', ({ create }) => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  /** The app's clock runs this far ahead of the real one (to step past the one-help-a-minute window). */
  let clockAheadMs = 0;
  beforeAll(async () => {
    database = await create();
    slack = await startSlackAppHarness({ database, now: () => new Date(Date.now() + clockAheadMs) });
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await database.truncate();
    slack.fake.reset();
    clockAheadMs = 0;
  });


  /** Assesses NATS through the modal; resolves once the confirmation DM (which shows the goals) is in Slack. */
  async function assess(user: FakeSlackUser, goals: string) {
    const before = slack.fake.dmsTo(user.id).length;
    await slack.assess(user, { current: 'senior', target: 'lead', goals });
    // The record is written when Slack's answer to the post arrives, just after the message shows.
    await eventually(async () => (await recorded(user.id)).length > before);
  }

  /** Sends the person's due check-in as the scheduler does, at the time it is due. */
  async function sendCheckin(user: FakeSlackUser) {
    const schedule = await findSchedule(database.db, TEAM, user.id);
    const client = createSenderClient(slack.deps.config, { timeoutMs: 2000 });
    const result = await runSchedulerPass(slack.deps, client, { workerId: `test-${user.id}`, now: schedule!.next_run_at! });
    expect(result.sent).toBe(1);
  }

  async function forget(user: FakeSlackUser) {
    const { reply } = await slack.command('forget', { user });
    const done = await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'forget_confirm', { user });
    const body = done.reply!.body as { text: string; blocks: KnownBlock[] };
    assertValidMessage(body);
    return { prompt: reply.body as { text: string; blocks: KnownBlock[] }, done: body };
  }

  const recorded = (userId: string) => database.db.selectFrom('sent_messages').select(['channel', 'ts', 'kind']).where('user_id', '=', userId).orderBy('created_at').execute();

  it('/skill forget deletes the confirmation and check-in DMs that showed my goals, says so, and leaves others alone', async () => {
    await assess(USERS.en, 'Lead the events guild');
    await sendCheckin(USERS.en);
    await assess(USERS.es, 'Mentorizar al equipo');
    const mine = slack.fake.dmsTo(USERS.en.id);
    expect(mine).toHaveLength(2);
    expect(text(mine)).toContain('Lead the events guild');
    expect((await recorded(USERS.en.id)).map((m) => m.kind)).toEqual(['confirmation', 'checkin']);

    const { prompt, done } = await forget(USERS.en);
    assertValidMessage(prompt);
    expect(text(prompt.blocks)).toContain('The 2 messages I sent you with your goals are deleted from Slack too.');
    expect(done.text).toBe('Done: your data is deleted (1 assessment, goals, check-ins and settings). I also deleted the 2 messages I had sent you.');

    expect(text(slack.fake.dmsTo(USERS.en.id))).not.toContain('Lead the events guild');
    expect(slack.fake.callsTo('chat.delete').map((call) => call.args.ts).sort()).toEqual(mine.map((m) => m.ts).sort());
    expect(await recorded(USERS.en.id)).toEqual([]);
    // Rosa's confirmation is hers: still in Slack and still on record.
    expect(text(slack.fake.dmsTo(USERS.es.id))).toContain('Mentorizar al equipo');
    expect(await recorded(USERS.es.id)).toHaveLength(1);
  });

  it('answers in Spanish for a Spanish user', async () => {
    await assess(USERS.es, 'Mentorizar al equipo');
    const { prompt, done } = await forget(USERS.es);
    expect(text(prompt.blocks)).toContain('También se borra de Slack el mensaje que te envié con tus objetivos.');
    expect(done.text).toBe('Hecho: tus datos se han borrado (1 evaluación, objetivos, seguimientos y ajustes). También he borrado el mensaje que te había enviado.');
    expect(slack.fake.dmsTo(USERS.es.id)).toEqual([]);
  });

  it('a message Slack will not delete does not stop the data deletion: it is counted, kept on record, and /skill forget again retries it', async () => {
    await assess(USERS.en, 'Lead the events guild');
    await sendCheckin(USERS.en);
    slack.fake.failNext('chat.delete', { error: 'internal_error' }, 1);

    const first = await forget(USERS.en);
    expect(first.done.text).toBe(
      'Done: your data is deleted (1 assessment, goals, check-ins and settings). I also deleted the message I had sent you. One message I had sent you could not be deleted just now; run `/skill forget` again later to retry.',
    );
    expect(await database.db.selectFrom('assessments').select('id').execute()).toEqual([]);
    expect(await database.db.selectFrom('checkin_schedules').select('id').execute()).toEqual([]);
    expect(await recorded(USERS.en.id)).toHaveLength(1);
    expect(slack.fake.dmsTo(USERS.en.id)).toHaveLength(1);
    expect(slack.logs.join('')).toMatch(/forget: chat.delete failed.*U0ENGLISH.*internal_error/);

    const second = await forget(USERS.en);
    expect(text(second.prompt.blocks)).toContain('The message I sent you with your goals is deleted from Slack too.');
    expect(second.done.text).toContain('I also deleted the message I had sent you.');
    expect(slack.fake.dmsTo(USERS.en.id)).toEqual([]);
    expect(await recorded(USERS.en.id)).toEqual([]);
  });

  it('a chat.delete that hangs gets a deadline: the answer comes, the data is gone, the message stays on record', async () => {
    await assess(USERS.en, 'Lead the events guild');
    slack.fake.failNext('chat.delete', { delayMs: 6000 }, 1);
    const started = Date.now();
    const { done } = await forget(USERS.en);
    expect(Date.now() - started).toBeLessThan(5500);
    expect(done.text).toContain('One message I had sent you could not be deleted just now');
    expect(await database.db.selectFrom('assessments').select('id').execute()).toEqual([]);
    expect(await recorded(USERS.en.id)).toHaveLength(1);
  }, 15_000);

  describe('typing in the Messages tab', () => {
    /** What Slack sends when someone types in the app's DM (`message.im`). */
    const typed = (user: FakeSlackUser, extra: Record<string, unknown> = {}) => ({
      type: 'message',
      channel_type: 'im',
      channel: slack.fake.dmChannelFor(user.id),
      user: user.id,
      text: 'hello? how does this work',
      ts: `${(Date.now() / 1000).toFixed(6)}`,
      ...extra,
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

    it('answers with a short help in the person\'s language, at most once a minute', async () => {
      expect((await slack.event(typed(USERS.en))).status).toBe(200);
      const help = await slack.waitFor(() => slack.fake.dmsTo(USERS.en.id)[0], 'the help in the DM');
      assertValidMessage(help);
      expect(help.text).toBe('Skill Ladder works through /skill. Try /skill help.');
      expect(text(help.blocks)).toContain("Hi! I don't read messages here");
      expect(text(help.blocks)).toContain('`/skill assess <skill>`: assess yourself and set goals');

      await slack.event(typed(USERS.en, { text: 'hello??' }));
      await slack.event(typed(USERS.en, { text: 'anyone?' }));
      await settle();
      expect(slack.fake.dmsTo(USERS.en.id)).toHaveLength(1);

      clockAheadMs = 61_000;
      await slack.event(typed(USERS.en, { text: 'back again' }));
      await slack.waitFor(() => slack.fake.dmsTo(USERS.en.id).length === 2, 'a second help after a minute');

      await slack.event(typed(USERS.es, { text: 'hola' }));
      const ayuda = await slack.waitFor(() => slack.fake.dmsTo(USERS.es.id)[0], 'the help in Spanish');
      assertValidMessage(ayuda);
      expect(text(ayuda.blocks)).toContain('¡Hola! No leo los mensajes de aquí');
      expect(text(ayuda.blocks)).toContain('`/skill help`');
    });

    it('ignores our own posts, other bots, edits, messages outside our DM and Slack\'s retries', async () => {
      await slack.event(typed(USERS.en, { user: slack.fake.botUserId }));
      await slack.event(typed(USERS.en, { bot_id: 'B0OTHERBOT' }));
      await slack.event(typed(USERS.en, { subtype: 'message_changed', message: { text: 'edited' } }));
      await slack.event(typed(USERS.en, { channel_type: 'channel', channel: 'C0GENERAL' }));
      await slack.event(typed(USERS.en), { retryNum: 1 });
      await settle();
      expect(slack.fake.callsTo('chat.postMessage')).toEqual([]);
    });
  });

  it('uninstalling the app forgets where every message was posted', async () => {
    await assess(USERS.en, 'Lead the events guild');
    await assess(USERS.es, 'Mentorizar al equipo');
    await slack.event({ type: 'app_uninstalled' });
    await slack.waitFor(() => slack.logs.some((line) => line.includes('workspace data deleted')), 'the workspace deletion');
    expect(await database.db.selectFrom('sent_messages').select('ts').execute()).toEqual([]);
  });
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
