import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { handleUserChange } from '../../../src/listeners/events/user-change.js';
import { ADA, TEAM, useListenerBench } from '../../helpers/listener-bench.js';
import { closedDatabase, useTestDatabase } from '../../helpers/test-database.js';

type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'user_change'>;

describe('user_change when the database is down', () => {
  const bench = useListenerBench(useTestDatabase());

  it('logs that the change could not be applied, with team and user; nothing throws', async () => {
    const side = bench.side();
    const event = { type: 'user_change', user: { id: ADA.id, tz: 'America/New_York', locale: 'en-US' }, event_ts: '1.0' };
    await handleUserChange({ ...side.deps, db: await closedDatabase() })({ ...side, event, body: { team_id: TEAM, event } } as unknown as EventArgs);
    expect(side.logged()).toMatch(/user_change: could not apply the profile change.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA"/);
  });
});
