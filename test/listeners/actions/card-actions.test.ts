import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { expect, it } from 'vitest';
import { ACTION } from '../../../src/ids.js';
import { messagesFor } from '../../../src/i18n/messages.js';
import { handleCardAction } from '../../../src/listeners/actions/card-actions.js';
import { ADA, blockActionsBody, ROSA, useListenerBench, type BoltSide } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

describeEachDatabase('card buttons when a part of Slack fails', (database) => {
  const bench = useListenerBench(database);

  function clickNext(side: BoltSide, user = ADA) {
    const body = blockActionsBody(user, { action_id: `${ACTION.openLevel}:next`, value: 'nats:senior' });
    return handleCardAction(side.deps, 'open-level')({ ...side, body, action: (body.actions as unknown[])[0] } as unknown as ActionArgs);
  }

  it('ack fails: the error goes to Bolt and the card is left as it was', async () => {
    const side = bench.side({ ackFails: true });
    await expect(clickNext(side)).rejects.toThrow('ack failed');
    expect(side.respond).not.toHaveBeenCalled();
  });

  it('users.info fails: the card still moves, in the default language', async () => {
    bench.fake.failNext('users.info', { error: 'user_not_found' });
    const side = bench.side();
    await clickNext(side, ROSA);
    expect(side.respond).toHaveBeenCalledWith(expect.objectContaining({ replace_original: true, text: expect.stringContaining('Senior') }));
    expect(JSON.stringify(side.respond.mock.calls[0]![0])).not.toContain('Sénior');
    expect(side.logged()).toMatch(/users\.info failed.*"userId":"U0LISTENROSA"/);
  });

  it('respond fails: the failure and the failed apology are logged with team, user and action id; nothing throws', async () => {
    const side = bench.side({ respondFails: true });
    await clickNext(side);
    expect(side.respond).toHaveBeenCalledTimes(2);
    expect(side.respond.mock.calls[1]![0]).toEqual({ replace_original: false, response_type: 'ephemeral', text: messagesFor('en').somethingWentWrong });
    expect(side.logged()).toMatch(/card action failed.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*"actionId":"open_level:next"/);
    expect(side.logged()).toMatch(/card action: could not tell the user about the failure/);
  });
});
