import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { expect, it } from 'vitest';
import { buildAssessmentModal } from '../../../src/blocks/assessment-modal.js';
import { handleAssessmentSubmit } from '../../../src/listeners/views/assessment-submit.js';
import { shippedCatalog } from '../../helpers/catalog.js';
import { ADA, ROSA, TEAM, useListenerBench } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';
import { fillAssessment } from '../../helpers/view-state.js';

type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

describeEachDatabase('assessment modal Save when a part of Slack fails', (database) => {
  const bench = useListenerBench(database);
  const saved = () => database.db.selectFrom('assessments').selectAll().execute();

  async function submit(options: { ackFails?: boolean; user?: typeof ADA } = {}) {
    const catalog = await shippedCatalog();
    const skill = catalog.byId.get('nats')!;
    const user = options.user ?? ADA;
    const modal = buildAssessmentModal({ skill, locale: 'en', tz: 'Europe/London', draft: { ratings: {} } });
    const view = { ...modal, id: `V0SAVE${user.name.toUpperCase()}`, hash: '1.hash', state: { values: fillAssessment(skill, { goals: 'Lead the design reviews' }) } };
    const side = bench.side({ catalog, ...(options.ackFails ? { ackFails: true } : {}) });
    const body = { type: 'view_submission', user: { id: user.id, team_id: TEAM }, team: { id: TEAM }, view };
    const handled = handleAssessmentSubmit(side.deps)({ ...side, body, view } as unknown as ViewArgs);
    return { side, handled };
  }

  it('chat.postMessage fails: the assessment is saved, the modal closes, and the failed confirmation is logged with context', async () => {
    bench.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const { side, handled } = await submit();
    await handled;
    expect(side.ack).toHaveBeenCalledWith();
    expect(await saved()).toHaveLength(1);
    expect(side.logged()).toMatch(/assessment: confirmation DM failed.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*"skillId":"nats".*"viewId":"V0SAVEADA".*channel_not_found/);
  });

  it('users.info fails: the assessment is still saved and confirmed, in the default language', async () => {
    bench.fake.failNext('users.info', { status: 500 });
    const { side, handled } = await submit({ user: ROSA });
    await handled;
    expect(side.ack).toHaveBeenCalledWith();
    expect(await saved()).toMatchObject([{ user_id: ROSA.id, goals: 'Lead the design reviews' }]);
    expect(JSON.stringify(bench.fake.callsTo('chat.postMessage')[0]!.args)).toContain('Saved');
  });

  it('ack fails after the save: the saved row stays (nothing is lost) and the error goes to Bolt', async () => {
    const { handled } = await submit({ ackFails: true });
    await expect(handled).rejects.toThrow('ack failed');
    expect(await saved()).toHaveLength(1);
  });
});
