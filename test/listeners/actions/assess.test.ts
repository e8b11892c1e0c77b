import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { expect, it } from 'vitest';
import { ACTION } from '../../../src/ids.js';
import { handleAssessOpen } from '../../../src/listeners/actions/assess.js';
import { ADA, blockActionsBody, useListenerBench, type BoltSide } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

describeEachDatabase('"Assess myself" when a part of Slack fails', (database) => {
  const bench = useListenerBench(database);

  function click(side: BoltSide, value: string) {
    const body = blockActionsBody(ADA, { action_id: ACTION.assess, value });
    return handleAssessOpen(side.deps)({ ...side, body, action: (body.actions as unknown[])[0] } as unknown as ActionArgs);
  }

  it('ack fails: the error goes to Bolt and no modal is opened', async () => {
    const side = bench.side({ ackFails: true });
    await expect(click(side, 'nats')).rejects.toThrow('ack failed');
    expect(bench.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('views.open fails: logged with team, user and skill; nothing throws', async () => {
    bench.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const side = bench.side();
    await click(side, 'nats');
    expect(side.logged()).toMatch(/assess: could not open the modal.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*"skillId":"nats".*expired_trigger_id/);
  });

  it('an unknown skill with a failing response_url: the apology is attempted and nothing throws', async () => {
    const side = bench.side({ respondFails: true });
    await click(side, 'retired-skill');
    expect(side.respond).toHaveBeenCalledWith(expect.objectContaining({ response_type: 'ephemeral', replace_original: false }));
    expect(bench.fake.callsTo('views.open')).toHaveLength(0);
  });
});
