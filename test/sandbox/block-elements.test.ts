import { describe, expect, it } from 'vitest';
import { buildAssessmentModal } from '../../src/blocks/assessment-modal.js';
import { actionEntryFor, findElement, stateValuesFor } from '../../src/sandbox/block-elements.js';
import { shippedCatalog } from '../helpers/catalog.js';

/** What the sandbox reports to the app for clicks and inputs, checked against the real assessment modal. */
describe('sandbox block elements', () => {
  it('builds state.values from initial values and the person’s edits, as Slack does', async () => {
    const skill = (await shippedCatalog()).byId.get('nats')!;
    const view = buildAssessmentModal({ skill, locale: 'en', tz: 'Europe/London', draft: { ratings: { junior: 'fully' }, goals: 'old' } });
    const values = stateValuesFor(view.blocks, {
      assess_goals: { value: { value: 'new goals' } },
      assess_current: { value: { selectedOption: 'senior' } },
      assess_target: { value: { selectedOption: 'not-a-level' } }, // not offered: ignored
      gone_block: { value: { value: 'dropped' } },
    });
    expect(values.assess_goals!.value).toEqual({ type: 'plain_text_input', value: 'new goals' });
    expect(values.assess_current!.value).toMatchObject({ type: 'static_select', selected_option: { value: 'senior' } });
    expect(values.assess_target!.value).toEqual({ type: 'static_select', selected_option: null });
    expect(values.assess_rating_junior!.value).toMatchObject({ type: 'radio_buttons', selected_option: { value: 'fully' } });
    expect(values.assess_rating_senior!.value).toEqual({ type: 'radio_buttons', selected_option: null });
    expect(values.assess_time!.value).toEqual({ type: 'timepicker', selected_time: '10:00' });
    expect(values.assess_target_date!.value).toEqual({ type: 'datepicker', selected_date: null });
    expect(values).not.toHaveProperty('gone_block');
  });

  it('describes clicks and choices as actions[] entries, refusing choices the element does not offer', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, value: 'v1' } },
      {
        type: 'actions',
        block_id: 'acts',
        elements: [{ type: 'overflow', action_id: 'more', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }] }],
      },
    ];
    const button = findElement(blocks, { actionId: 'go' })!;
    expect(button.blockId).toBe('sbx-0');
    expect(actionEntryFor(button, {}, '1.000001')).toEqual({ action_id: 'go', block_id: 'sbx-0', type: 'button', action_ts: '1.000001', text: { type: 'plain_text', text: 'Go' }, value: 'v1' });
    const overflow = findElement(blocks, { actionId: 'more', blockIndex: 1 })!;
    expect(actionEntryFor(overflow, { selectedOption: 'a' }, '1')).toMatchObject({ selected_option: { value: 'a' }, block_id: 'acts' });
    expect(actionEntryFor(overflow, { selectedOption: 'b' }, '1')).toBeUndefined();
    expect(findElement(blocks, { actionId: 'more', blockIndex: 0 })).toBeUndefined();
  });
});
