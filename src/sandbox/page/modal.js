/* global HTMLInputElement */
import { hasValue, initialChoice, renderBlocks } from './blocks.js';
import { h, plainText } from './dom.js';
import { trapFocus } from './focus.js';
import { words } from './words.js';

/**
 * The modal as Slack draws it: title bar with ×, the blocks, and Cancel / Submit at the bottom. Field errors
 * (from the app's `response_action: errors`, or Slack's own "required" check) appear under their inputs. What
 * the person typed lives in `draft` (per view id, block_id → action_id → choice), so redraws, including the
 * app's views.update, keep it wherever the block and action ids are unchanged, as Slack does.
 */

/** Slack checks required inputs in the client before the app hears anything. */
export function missingRequired(view, draft) {
  const errors = {};
  (view.blocks ?? []).forEach((block, index) => {
    if (block?.type !== 'input' || block.optional || !block.element) return;
    const blockId = typeof block.block_id === 'string' && block.block_id ? block.block_id : `sbx-${index}`;
    const choice = draft.get(blockId, block.element.action_id) ?? initialChoice(block.element);
    if (!hasValue(choice)) errors[blockId] = words().required;
  });
  return errors;
}

export function renderModal(view, options) {
  const { draft, errors, busy } = options;
  const close = () => void options.onClose();
  const body = renderBlocks(view.blocks, {
    surface: 'modal',
    viewKey: view.id,
    userName: options.userName,
    people: options.people,
    act: options.act,
    confirm: options.confirm,
    draft,
    errors,
  });
  const submit = view.submit
    ? h('button', { class: 'sk-button primary', data: { testid: 'modal-submit' }, attrs: { type: 'submit', disabled: busy }, text: plainText(view.submit) })
    : null;
  const form = h(
    'form',
    { class: 'modal', data: { testid: 'modal', viewId: view.id, callbackId: view.callback_id ?? '' }, attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title', novalidate: true } },
    h(
      'header',
      { class: 'modal-header' },
      h('div', { class: 'modal-app-icon', text: 'SL', attrs: { 'aria-hidden': 'true' } }),
      h('h2', { class: 'modal-title', attrs: { id: 'modal-title' }, text: plainText(view.title) }),
      h('button', { class: 'modal-x', attrs: { type: 'button', 'aria-label': words().close }, text: '×', on: { click: close } }),
    ),
    h('div', { class: 'modal-body' }, body),
    options.trouble ? h('div', { class: 'modal-trouble', attrs: { role: 'alert' }, text: options.trouble }) : null,
    h(
      'footer',
      { class: 'modal-footer' },
      h('button', { class: 'sk-button', data: { testid: 'modal-close' }, attrs: { type: 'button' }, text: plainText(view.close) || words().cancel, on: { click: close } }),
      submit,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void options.onSubmit();
  });
  // Enter in a one-line text field would submit the form; Slack does not submit modals that way.
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
    trapFocus(form, event);
  });
  return h('div', { class: 'overlay' }, form);
}
