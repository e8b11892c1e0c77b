import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { expect, it } from 'vitest';
import { buildAssessmentModal } from '../../../src/blocks/assessment-modal.js';
import { ACTION } from '../../../src/ids.js';
import { handleAssessmentRoleChange } from '../../../src/listeners/actions/assessment-role.js';
import { shippedCatalog } from '../../helpers/catalog.js';
import { ADA, blockActionsBody, useListenerBench } from '../../helpers/listener-bench.js';
import { describeEachDatabase } from '../../helpers/test-database.js';
import { fillAssessment } from '../../helpers/view-state.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

describeEachDatabase('the modal role select when a part of Slack fails', (database) => {
  const bench = useListenerBench(database);

  async function changeRole(options: { ackFails?: boolean } = {}) {
    const catalog = await shippedCatalog();
    const skill = catalog.byId.get('nats')!;
    const modal = buildAssessmentModal({ skill, locale: 'en', tz: 'Europe/London', draft: { ratings: {} } });
    const view = { ...modal, id: 'V0ROLE', hash: '1.hash', state: { values: fillAssessment(skill, { role: 'go' }) } };
    const side = bench.side({ ...options, catalog });
    const body = blockActionsBody(ADA, { action_id: ACTION.assessmentRole, selected_option: { value: 'go' } }, { view });
    const handled = handleAssessmentRoleChange(side.deps)({ ...side, body, action: (body.actions as unknown[])[0] } as unknown as ActionArgs);
    return { side, handled };
  }

  it('ack fails: the error goes to Bolt and the modal is not touched', async () => {
    const { handled } = await changeRole({ ackFails: true });
    await expect(handled).rejects.toThrow('ack failed');
    expect(bench.fake.callsTo('views.update')).toHaveLength(0);
  });

  it('views.update fails (the person changed the modal meanwhile): logged with team, user and view; nothing throws', async () => {
    bench.fake.failNext('views.update', { error: 'hash_conflict' });
    const { side, handled } = await changeRole();
    await handled;
    expect(side.logged()).toMatch(/assessment role change: update failed.*"teamId":"T0LISTEN1".*"userId":"U0LISTENADA".*"viewId":"V0ROLE".*hash_conflict/);
  });
});
