import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { expect, it } from 'vitest';
import { ACTION, VIEW } from '../../../src/ids.js';
import { handleOpenPath } from '../../../src/listeners/actions/my-path.js';
import { ADA, blockActionsBody, ROSA, TEAM, useListenerBench, type BoltSide } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';
import type { FakeSlackUser } from '../../../src/sandbox/fake-slack/fake-slack-server.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

describeEachDatabase('"My path" when a part of Slack fails', (database) => {
  const bench = useListenerBench(database);

  function click(side: BoltSide, value: string, user: FakeSlackUser = ADA) {
    const body: Record<string, unknown> = { ...blockActionsBody(user, { action_id: ACTION.openPath, value }), trigger_id: bench.fake.issueTriggerId({ userId: user.id }) };
    return handleOpenPath(side.deps)({ ...side, body, action: (body.actions as unknown[])[0] } as unknown as ActionArgs);
  }

  const assessed = (user: FakeSlackUser, row: { role: string; current: string; target: string; ratings: Record<string, string> }) =>
    database.db
      .insertInto('assessments')
      .values({ team_id: TEAM, user_id: user.id, skill_id: 'nats', role_id: row.role, ratings: JSON.stringify(row.ratings), current_level: row.current, target_level: row.target, target_date: null, submission_key: null })
      .execute();

  it('opens "loading" first, then shows the path in the person’s language (the test catalog: Júnior, Intermedio, Sénior)', async () => {
    await assessed(ROSA, { role: 'dev', current: 'middle', target: 'senior', ratings: { middle: 'fully', senior: 'partly' } });
    await click(bench.side(), 'nats', ROSA);
    expect(bench.fake.callsTo('views.open')[0]!.args.view).toMatchObject({ callback_id: VIEW.myPath });
    const shown = JSON.stringify(bench.fake.callsTo('views.update')[0]!.args.view);
    expect(shown).toContain('1 expectativa pendiente en tu camino a Sénior.');
    expect(shown).toContain('Qué cambia de Intermedio a Sénior');
  });

  it('an assessment whose levels and role the catalog no longer has: says so, nothing throws', async () => {
    await assessed(ADA, { role: 'go', current: 'senior', target: 'lead', ratings: { lead: 'partly' } });
    const side = bench.side();
    await click(side, 'nats');
    expect(JSON.stringify(bench.fake.callsTo('views.update')[0]!.args.view)).toContain('levels or roles changed since you assessed it');
    expect(side.logged()).not.toMatch(/ERROR/);
  });

  it('views.open fails: logged with team, user and skill; nothing throws, nothing else is called', async () => {
    bench.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const side = bench.side();
    await click(side, 'nats');
    expect(side.logged()).toMatch(/my path: could not open the modal.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*"skillId":"nats".*expired_trigger_id/);
    expect(bench.fake.callsTo('views.update')).toHaveLength(0);
  });

  it('views.update fails (the person closed the modal meanwhile): logged, nothing throws', async () => {
    bench.fake.failNext('views.update', { error: 'not_found' });
    const side = bench.side();
    await click(side, 'nats');
    expect(side.logged()).toMatch(/my path: could not show the path.*"skillId":"nats".*not_found/);
  });
});
