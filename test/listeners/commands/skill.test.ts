import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { expect, it } from 'vitest';
import { messagesFor } from '../../../src/i18n/messages.js';
import { handleSkillCommand } from '../../../src/listeners/commands/skill.js';
import { ADA, ROSA, TEAM, useListenerBench, type BoltSide } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

describeEachDatabase('/skill listener when a part of Slack fails', (database) => {
  const bench = useListenerBench(database);

  function run(side: BoltSide, text: string, user = ADA) {
    const command = { team_id: TEAM, user_id: user.id, text, command: '/skill', trigger_id: bench.fake.issueTriggerId({ userId: user.id }), response_url: 'https://hooks.slack.test/commands/1' };
    return handleSkillCommand(side.deps)({ ...side, command, body: command } as unknown as CommandArgs);
  }

  it('ack fails: the error goes to Bolt (whose error handler logs it) and nothing is looked up or sent', async () => {
    const side = bench.side({ ackFails: true });
    await expect(run(side, 'nats')).rejects.toThrow('ack failed');
    expect(side.respond).not.toHaveBeenCalled();
    expect(bench.fake.calls).toHaveLength(0);
  });

  it('users.info fails: the card still comes, in the default language, and the lookup failure is logged with who asked', async () => {
    bench.fake.failNext('users.info', { status: 500 });
    const side = bench.side();
    await run(side, 'nats', ROSA);
    expect(side.respond).toHaveBeenCalledTimes(1);
    expect(side.respond.mock.calls[0]![0]).toMatchObject({ response_type: 'ephemeral', text: 'NATS / JetStream: the skill ladder' });
    expect(side.logged()).toMatch(/users\.info failed.*"teamId":"T0LISTEN1".*"userId":"U0LISTENROSA"/);
  });

  it('views.open fails for /skill assess: the person is told something went wrong; the log names team, user and verb', async () => {
    bench.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const side = bench.side();
    await run(side, 'assess nats');
    expect(side.ack).toHaveBeenCalledTimes(1);
    expect(side.respond).toHaveBeenCalledWith({ response_type: 'ephemeral', text: messagesFor('en').somethingWentWrong });
    expect(side.logged()).toMatch(/\/skill failed.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*"verb":"assess".*expired_trigger_id/);
  });

  it('respond fails: both the failure and that the person could not be told are logged with context; nothing throws', async () => {
    const side = bench.side({ respondFails: true });
    await run(side, 'me');
    expect(side.respond).toHaveBeenCalledTimes(2);
    expect(side.logged()).toMatch(/\/skill failed.*"userId":"U0LISTENADA".*"verb":"me".*expired_url/);
    expect(side.logged()).toMatch(/could not tell the user about the failure.*"teamId":"T0LISTEN1"/);
  });
});
