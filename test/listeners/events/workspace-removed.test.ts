import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { handleWorkspaceRemoved } from '../../../src/listeners/events/workspace-removed.js';
import { TEAM, useListenerBench } from '../../helpers/listener-bench.js';
import { closedDatabase, useTestDatabase } from '../../helpers/test-database.js';

type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_uninstalled'>;

describe('app_uninstalled when the database is down', () => {
  const bench = useListenerBench(useTestDatabase());

  it('logs that the workspace data could not be deleted, with team and event (the log is the alarm); nothing throws', async () => {
    const side = bench.side();
    const event = { type: 'app_uninstalled', event_ts: '1.0' };
    await handleWorkspaceRemoved({ ...side.deps, db: await closedDatabase() })({ ...side, event, body: { team_id: TEAM, event } } as unknown as EventArgs);
    expect(side.logged()).toMatch(/could not delete workspace data.*"teamId":"T0LISTEN1".*"event":"app_uninstalled"/);
  });
});
