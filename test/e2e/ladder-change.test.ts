import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { hashText } from '../../src/services/requirement-versions.js';
import type { RequirementVersions } from '../../src/db/schema.js';
import { ACTION } from '../../src/ids.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { testSender } from '../helpers/checkins.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { fillAssessment } from '../helpers/view-state.js';

const text = (value: unknown) => JSON.stringify(value);

/**
 * The ladder changed under an assessment (docs/ladder-changes.md), through the real app: the assessment saved from
 * the modal keeps the requirement texts; once the catalog says something else for a level it rated (played here by
 * giving the saved row an older text, as the catalog cannot change under a running app), `/skill me` and App Home
 * mark it, the scheduler pass DMs the change once, and Re-assess opens the modal.
 */
describeEachDatabase('the ladder changed, end to end', (database) => {
  let slack: SlackAppHarness;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database });
  });
  afterAll(async () => {
    await slack?.close();
  });
  beforeEach(() => {
    slack.fake.reset();
  });

  async function assessAndAgeTheLadder(user: (typeof USERS)['en']) {
    const nats = slack.deps.catalog.byId.get('nats')!;
    await slack.commandOnly('assess nats', { user });
    const view = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === user.id), 'the modal');
    expect((await slack.submit(view, fillAssessment(nats, { current: 'middle', target: 'senior' }), { user })).status).toBe(200);
    slack.fake.closeView(view.id);
    const row = await database.db.selectFrom('assessments').selectAll().where('team_id', '=', TEAM).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const versions = row.requirement_versions as RequirementVersions;
    expect(Object.keys(versions)).toContain('senior');
    const older = 'Operates it in production, the way this level used to read.';
    versions.senior = { ...versions.senior!, hash: hashText(older), text: older };
    await database.db.updateTable('assessments').set({ requirement_versions: JSON.stringify(versions), requirements_fingerprint: 'older' }).where('id', '=', row.id).where('team_id', '=', TEAM).execute();
    return older;
  }

  it('/skill me and App Home mark it; one DM shows the change and Re-assess opens the modal', async () => {
    const older = await assessAndAgeTheLadder(USERS.en);
    const { reply } = await slack.command('me');
    expect(text(reply.body)).toContain('assessed against an older version of this ladder');
    assertValidMessage(reply.body as { blocks: KnownBlock[] });

    const client = testSender(slack.fake, 2000);
    await runSchedulerPass(slack.deps, client, { workerId: 'e2e', sendTimeoutMs: 2000 });
    await runSchedulerPass(slack.deps, client, { workerId: 'e2e-again', sendTimeoutMs: 2000 });
    const notices = slack.fake.dmsTo(USERS.en.id).filter((m) => m.text?.includes('ladder changed'));
    expect(notices).toHaveLength(1);
    const dm = notices[0]!;
    assertValidMessage(dm as { text?: unknown; blocks?: unknown });
    expect(text(dm.blocks)).toContain(`~${older.split(' ')[0]}`);
    expect(text(dm.blocks)).toContain('Re-assess');

    await slack.click(dm, ACTION.assess, { expectReply: false });
    await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === USERS.en.id), 'the modal from Re-assess');

    await slack.event({ type: 'app_home_opened', user: USERS.en.id, tab: 'home', channel: 'D0HOME' });
    const home = await slack.waitFor(() => {
      const view = slack.fake.homeViewFor(USERS.en.id);
      return view && text(view.blocks).includes('older version') ? view : undefined;
    }, 'App Home with the mark');
    assertValidView({ type: 'home', blocks: home.blocks } as never);
  });

  it('in Spanish', async () => {
    await assessAndAgeTheLadder(USERS.es);
    const { reply } = await slack.command('me', { user: USERS.es });
    expect(text(reply.body)).toContain('evaluada con una versión anterior de esta escalera');
    await runSchedulerPass(slack.deps, testSender(slack.fake, 2000), { workerId: 'e2e', sendTimeoutMs: 2000 });
    const dm = slack.fake.dmsTo(USERS.es.id).find((m) => m.text?.includes('escalera'));
    expect(text(dm!.blocks)).toContain('Volver a evaluar');
    assertValidMessage(dm as { text?: unknown; blocks?: unknown });
  });
});
