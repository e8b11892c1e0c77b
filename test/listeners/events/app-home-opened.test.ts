import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { expect, it } from 'vitest';
import { handleAppHomeOpened } from '../../../src/listeners/events/app-home-opened.js';
import { ADA, TEAM, useListenerBench } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

describeEachDatabase('app_home_opened when views.publish fails', (database) => {
  const bench = useListenerBench(database);

  it('logs the failure with team and user; nothing throws (Bolt has already acknowledged the event)', async () => {
    bench.fake.failNext('views.publish', { error: 'internal_error' });
    const side = bench.side();
    const event = { type: 'app_home_opened', user: ADA.id, channel: 'D0ADA', tab: 'home', event_ts: '1.0' };
    await handleAppHomeOpened(side.deps)({ ...side, event, body: { team_id: TEAM, event }, context: {} } as unknown as EventArgs);
    expect(bench.fake.callsTo('views.publish')).toHaveLength(1);
    expect(side.logged()).toMatch(/app home: publish failed.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*internal_error/);
  });
});
