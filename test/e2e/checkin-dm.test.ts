import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { ACTION } from '../../src/ids.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import type { FakeView } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { databaseTargets, type TestDatabase } from '../helpers/test-database.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { fillAssessment } from '../helpers/view-state.js';

const text = (value: unknown) => JSON.stringify(value);

describe.each(databaseTargets())('the check-in DM after changes made elsewhere, on $name', ({ create }) => {
  let database: TestDatabase;
  let slack: SlackAppHarness;
  beforeAll(async () => {
    database = await create();
    slack = await startSlackAppHarness({ database });
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await database.truncate();
    slack.fake.reset();
  });

  /** Assesses NATS, then sends the check-in that is due, as the scheduler does; resolves with that DM. */
  async function checkinDm(user = USERS.en) {
    await slack.commandOnly('assess nats', { user });
    const view: FakeView = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === user.id), 'the modal');
    await slack.submit(view, fillAssessment(slack.deps.catalog.byId.get('nats')!, { current: 'senior', target: 'lead' }), { user });
    slack.fake.closeView(view.id);
    const schedule = await findSchedule(database.db, TEAM, user.id);
    const result = await runSchedulerPass(slack.deps, createSenderClient(slack.deps.config, { timeoutMs: 2000 }), { workerId: `test-${user.id}`, now: schedule!.next_run_at! });
    expect(result.sent).toBe(1);
    return slack.waitFor(() => slack.fake.dmsTo(user.id).find((m) => text(m.blocks).includes(ACTION.pause)), 'the check-in DM');
  }

  it('paused in the DM, resumed from App Home: the DM never claims check-ins are still paused', async () => {
    const dm = await checkinDm();
    const paused = await slack.click(dm, ACTION.pause);
    const redrawn = paused.reply!.body as { text: string; blocks: KnownBlock[]; replace_original?: boolean };
    expect(redrawn.replace_original).toBe(true);
    assertValidMessage(redrawn);
    expect(text(redrawn.blocks)).toMatch(/You paused check-ins on \w{3} \d{1,2} \w{3}, \d{2}:\d{2}\./);

    const home = await slack.waitFor(() => {
      const view = slack.fake.homeViewFor(USERS.en.id);
      return view && text(view.blocks).includes(ACTION.resume) ? view : undefined;
    }, 'App Home offering Resume');
    await slack.interactWithView(home, ACTION.resume);
    await slack.waitFor(() => !text(slack.fake.homeViewFor(USERS.en.id)?.blocks).includes(ACTION.resume), 'App Home after resuming');
    expect((await findSchedule(database.db, TEAM, USERS.en.id))!.paused).toBe(false);

    // The DM, as last drawn, says what was done and when: still true now that check-ins run again.
    expect(`${redrawn.text} ${text(redrawn.blocks)}`).not.toMatch(/are paused|paused\. Resume/i);
  });

  it('says the same in Spanish', async () => {
    const dm = await checkinDm(USERS.es);
    const paused = await slack.click(dm, ACTION.pause, { user: USERS.es });
    const redrawn = paused.reply!.body as { text: string; blocks: KnownBlock[] };
    expect(redrawn.text).toMatch(/^Pausaste los seguimientos el \p{L}{3} \d{1,2} \p{L}{3}, \d{2}:\d{2}\./u);
    expect(text(redrawn)).not.toContain('están en pausa');
    const resumed = await slack.click(redrawn, ACTION.resume, { user: USERS.es });
    expect((resumed.reply!.body as { text: string }).text).toMatch(/^Reanudaste los seguimientos el .+; el siguiente quedó para el .+\./);
    assertValidMessage(resumed.reply!.body as { blocks: KnownBlock[] });
  });
});
