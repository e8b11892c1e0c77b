import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { beforeEach, expect, it } from 'vitest';
import { ACTION } from '../../../src/ids.js';
import { handleForget } from '../../../src/listeners/actions/forget.js';
import { ADA, blockActionsBody, TEAM, useListenerBench, type BoltSide } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

describeEachDatabase('/skill forget answers when a part of Slack fails', (database) => {
  const bench = useListenerBench(database);
  const assessments = () => database.db.selectFrom('assessments').selectAll().where('user_id', '=', ADA.id).execute();

  beforeEach(async () => {
    await database.db
      .insertInto('assessments')
      .values({ team_id: TEAM, user_id: ADA.id, skill_id: 'nats', role_id: 'dev', ratings: JSON.stringify({ junior: 'fully' }), current_level: 'junior', target_level: 'middle' })
      .execute();
  });

  function answer(side: BoltSide, which: 'confirm' | 'cancel') {
    const body = blockActionsBody(ADA, { action_id: which === 'confirm' ? ACTION.forgetConfirm : ACTION.forgetCancel, value: which });
    return handleForget(side.deps, which)({ ...side, body, action: (body.actions as unknown[])[0] } as unknown as ActionArgs);
  }

  it('ack fails: the error goes to Bolt and nothing is deleted', async () => {
    const side = bench.side({ ackFails: true });
    await expect(answer(side, 'confirm')).rejects.toThrow('ack failed');
    expect(await assessments()).toHaveLength(1);
  });

  it('respond fails after the delete: the data is gone and the person is told by an ephemeral in the channel instead', async () => {
    const side = bench.side({ respondFails: true });
    await answer(side, 'confirm');
    expect(await assessments()).toHaveLength(0);
    const told = bench.fake.callsTo('chat.postEphemeral');
    expect(told).toHaveLength(1);
    expect(told[0]!.args).toMatchObject({ channel: 'C0GENERAL', user: ADA.id });
    expect(side.logged()).toMatch(/forget: response_url failed after the delete.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA"/);
  });

  it('views.publish fails: the delete stands, the question is replaced by the answer, and the Home failure is logged', async () => {
    bench.fake.failNext('views.publish', { error: 'internal_error' });
    const side = bench.side();
    await answer(side, 'confirm');
    expect(await assessments()).toHaveLength(0);
    expect(side.respond).toHaveBeenCalledWith(expect.objectContaining({ replace_original: true }));
    expect(side.logged()).toMatch(/forget: App Home refresh failed.*"userId":"U0LISTENADA".*internal_error/);
  });

  it('Cancel with a failing response_url: nothing is deleted, the failure is logged with team and user, nothing throws', async () => {
    const side = bench.side({ respondFails: true });
    await answer(side, 'cancel');
    expect(await assessments()).toHaveLength(1);
    expect(side.logged()).toMatch(/forget: could not replace the question after Cancel.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*expired_url/);
  });
});
