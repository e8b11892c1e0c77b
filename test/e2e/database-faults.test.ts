import { beforeAll, beforeEach, expect, it } from 'vitest';
import { FIELD } from '../../src/blocks/assessment-modal.js';
import type { FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { useAppBesideALock } from '../helpers/locked-table.js';
import { USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { describeOnPostgres } from '../helpers/test-database.js';
import { fillAssessment } from '../helpers/view-state.js';

/**
 * A database made slow the way production meets it: another session holds a lock on `assessments` (a long
 * migration, a stuck batch job). The app must answer fast and truthfully, never save twice, and keep serving
 * what does not need that table. Real Postgres: the lock is taken by a second connection.
 */

describeOnPostgres('a slow database on real Postgres', (database) => {
  const app = useAppBesideALock(database);
  let slack: SlackAppHarness;
  beforeAll(() => {
    slack = app().slack;
  });
  beforeEach(() => {
    slack.fake.reset();
  });

  const nats = () => slack.deps.catalog.byId.get('nats')!;
  const rows = () => database.db.selectFrom('assessments').selectAll().execute();
  const confirmations = (userId: string) =>
    slack.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === userId && JSON.stringify(call.args).includes('Saved'));

  async function openModal(user = USERS.en): Promise<FakeView> {
    await slack.commandOnly('assess nats', { user });
    return slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === user.id), 'the assessment modal');
  }

  const lockAssessments = () => app().lockTable('assessments');

  async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await work;
    return { value, ms: performance.now() - started };
  }

  it('a Save that meets a held lock is cancelled and says so; Save again stores one row and sends one confirmation', async () => {
    const view = await openModal();
    const values = fillAssessment(nats(), { current: 'senior', target: 'lead', goals: 'Lead the events guild' });
    const release = await lockAssessments();
    let first;
    try {
      first = await timed(slack.submit(view, values));
    } finally {
      await release();
    }
    expect(first.value.status).toBe(200);
    expect(JSON.parse(first.value.body)).toEqual({ response_action: 'errors', errors: { [FIELD.goals]: expect.stringContaining('Nothing was saved') } });
    expect(first.ms).toBeLessThan(2500);
    // The lock is gone: an abandoned insert would commit now. It must not exist.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows()).toEqual([]);

    const second = await slack.submit(view, values);
    expect(second).toEqual({ status: 200, body: '' });
    await slack.waitFor(() => confirmations(USERS.en.id).length === 1, 'the confirmation DM');
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ goals: 'Lead the events guild', submission_key: view.id });
  });

  it('the same signed submission arriving twice (a replay, a double click) stores one row and confirms once', async () => {
    const view = await openModal();
    const values = fillAssessment(nats(), { current: 'senior', target: 'lead' });
    const answers = await Promise.all([slack.submit(view, values), slack.submit(view, values)]);
    expect(answers).toEqual([
      { status: 200, body: '' },
      { status: 200, body: '' },
    ]);
    await slack.waitFor(() => confirmations(USERS.en.id).length >= 1, 'the confirmation DM');
    const third = await slack.submit(view, values);
    expect(third).toEqual({ status: 200, body: '' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows()).toHaveLength(1);
    expect(confirmations(USERS.en.id)).toHaveLength(1);
    expect(slack.logs.join('')).toMatch(/the same Save arrived again.*U0ENGLISH/);
  });

  it('with the lock held and twelve people saving, nothing hangs: saves, /healthz, /skill me and catalog cards all answer in time', async () => {
    const view = await openModal();
    // Known to the app (language remembered in memory) before the trouble starts.
    await slack.command('nats', { user: USERS.en });
    const release = await lockAssessments();
    try {
      const saves = Array.from({ length: 12 }, (_, i) =>
        timed(slack.submit({ ...view, id: `${view.id}${i}` }, fillAssessment(nats(), { current: 'senior', target: 'lead', goals: `person ${i}` }))),
      );
      // Let the saves take every pooled connection first.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = timed(fetch(`${slack.baseUrl}/healthz`).then(async (response) => ({ status: response.status, body: await response.text() })));
      const card = timed(slack.command('nats senior', { user: USERS.es }));
      const mine = timed(slack.command('me', { user: USERS.en }));

      for (const save of await Promise.all(saves)) {
        expect(save.value.status).toBe(200);
        expect(JSON.parse(save.value.body).response_action).toBe('errors');
        // Slack gives a modal 3 s; leave room for the network.
        expect(save.ms).toBeLessThan(2700);
      }
      const healthz = await health;
      expect(healthz.ms).toBeLessThan(2000);
      const cardReply = await card;
      expect(cardReply.ms).toBeLessThan(3000);
      expect(JSON.stringify(cardReply.value.reply.body)).toContain('Senior');
      const meReply = await mine;
      expect(meReply.ms).toBeLessThan(3000);
      expect(JSON.stringify(meReply.value.reply.body)).toMatch(/database is busy/);
    } finally {
      await release();
    }
    expect(await rows()).toEqual([]);
  });
});
