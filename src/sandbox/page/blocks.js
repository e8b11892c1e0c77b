/* global window */
import { h, plainText, textObject } from './dom.js';
import { words } from './words.js';

/**
 * Block Kit → DOM, for messages, modals and App Home: header, section (text, fields, accessory), context,
 * divider, actions, image, input; elements button (primary/danger, url, confirm), static_select (also grouped),
 * users_select (the workspace's people), overflow, radio_buttons, checkboxes, datepicker, timepicker,
 * plain_text_input, image. Unknown types show as a
 * grey note rather than disappearing.
 *
 * ctx = {
 *   surface: 'message' | 'modal' | 'home',
 *   viewKey: string,                       unique per surface instance (radio group names)
 *   userName(id): string | undefined,      for <@U…> mentions
 *   people?(): { id, realName }[],         the workspace's people, for users_select (modals)
 *   act({ blockIndex, blockId, actionId }, choice): Promise,   a click or a choice the app hears about
 *   confirm(confirmObject): Promise<boolean>,
 *   draft?: { get(blockId, actionId), set(blockId, actionId, choice) },   input state (modals)
 *   errors?: { [blockId]: string },
 * }
 * A "choice" is what the sandbox API takes: { selectedOption } | { selectedOptions } | { selectedDate } |
 * { selectedTime } | { value } | {} for buttons.
 */

/** The block_id Slack would assign to a block sent without one; the sandbox server uses the same rule. */
export function blockIdFor(block, index) {
  return typeof block.block_id === 'string' && block.block_id !== '' ? block.block_id : `sbx-${index}`;
}

export function renderBlocks(blocks, ctx) {
  const container = h('div', { class: 'blocks' });
  (Array.isArray(blocks) ? blocks : []).forEach((block, index) => {
    const node = renderBlock(block, index, ctx);
    if (node) container.append(node);
  });
  return container;
}

function renderBlock(block, index, ctx) {
  if (!block || typeof block !== 'object') return null;
  const blockId = blockIdFor(block, index);
  const at = (element) => ({ blockIndex: index, blockId, actionId: element.action_id });
  const data = { blockType: block.type, blockId };
  switch (block.type) {
    case 'header':
      return h('div', { class: 'block block-header', data }, textObject(block.text, ctx));
    case 'section':
      return h(
        'div',
        { class: 'block block-section', data },
        h(
          'div',
          { class: 'section-main' },
          block.text ? h('div', { class: 'section-text' }, textObject(block.text, ctx)) : null,
          Array.isArray(block.fields) ? h('div', { class: 'section-fields' }, block.fields.map((field) => h('div', { class: 'section-field' }, textObject(field, ctx)))) : null,
        ),
        block.accessory ? h('div', { class: 'section-accessory' }, renderElement(block.accessory, at(block.accessory), ctx, { block })) : null,
      );
    case 'context':
      return h(
        'div',
        { class: 'block block-context', data },
        (block.elements ?? []).map((element) => (element.type === 'image' ? image(element, 'context-image') : h('span', { class: 'context-text' }, textObject(element, ctx)))),
      );
    case 'divider':
      return h('hr', { class: 'block block-divider', data });
    case 'actions':
      return h(
        'div',
        { class: 'block block-actions', data },
        (block.elements ?? []).map((element) => renderElement(element, at(element), ctx, { block })),
      );
    case 'image':
      return h(
        'figure',
        { class: 'block block-image', data },
        block.title ? h('figcaption', {}, textObject(block.title, ctx)) : null,
        image(block, 'image-full'),
      );
    case 'input':
      return renderInput(block, at(block.element ?? {}), ctx);
    default:
      return h('div', { class: 'block block-unknown', data, text: words().unknownBlock(String(block.type)) });
  }
}

function renderInput(block, ref, ctx) {
  const error = ctx.errors?.[ref.blockId];
  const labelId = `${ctx.viewKey}-${ref.blockId}-label`;
  return h(
    'div',
    { class: `block block-input${error ? ' has-error' : ''}`, data: { blockType: 'input', blockId: ref.blockId } },
    h('div', { class: 'input-label', attrs: { id: labelId } }, plainText(block.label), block.optional ? h('span', { class: 'optional', text: words().optional }) : null),
    renderElement(block.element ?? {}, ref, ctx, { block, input: true, labelId }),
    block.hint ? h('div', { class: 'input-hint' }, textObject(block.hint, ctx)) : null,
    error ? h('div', { class: 'input-error', attrs: { role: 'alert' }, data: { testid: 'field-error' }, text: error }) : null,
  );
}

/**
 * One interactive element. In an input block a change only updates the draft, unless the block dispatches
 * actions; in an actions block or accessory it is sent to the app at once (and kept in the draft in modals, since
 * Slack reports those values in `state` too).
 */
function renderElement(element, ref, ctx, where) {
  const data = { actionId: element.action_id ?? '', elementType: element.type };
  const current = () => ctx.draft?.get(ref.blockId, ref.actionId) ?? initialChoice(element);
  const changed = async (choice, revert) => {
    if (element.confirm && !(await ctx.confirm(element.confirm))) {
      revert?.();
      return;
    }
    ctx.draft?.set(ref.blockId, ref.actionId, choice);
    const dispatches = !where.input || where.block.dispatch_action === true;
    if (dispatches) await ctx.act(ref, choice);
  };
  switch (element.type) {
    case 'button':
      return button(element, ref, ctx, data);
    case 'static_select':
    case 'external_select':
      return select(element, current(), changed, data, where.labelId);
    case 'users_select':
      // Slack's client lists the workspace's people; the choice travels as the chosen user id.
      return select(peopleOptions(element, ctx), current(), changed, data, where.labelId);
    case 'overflow':
      return overflow(element, ref, ctx, data);
    case 'radio_buttons':
      return choices(element, 'radio', current(), changed, data, `${ctx.viewKey}-${ref.blockId}-${ref.actionId}`, where.labelId);
    case 'checkboxes':
      return choices(element, 'checkbox', current(), changed, data, `${ctx.viewKey}-${ref.blockId}-${ref.actionId}`, where.labelId);
    case 'datepicker':
      return picker('date', element, current().selectedDate, (value) => changed({ selectedDate: value }), data, where.labelId);
    case 'timepicker':
      return picker('time', element, current().selectedTime, (value) => changed({ selectedTime: value }), data, where.labelId);
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return textInput(element, current().value, ctx, ref, where, data);
    case 'image':
      return image(element, 'accessory-image');
    default:
      return h('span', { class: 'block-unknown', data, text: words().unknownElement(String(element.type)) });
  }
}

function peopleOptions(element, ctx) {
  const people = ctx.people?.() ?? [];
  return { ...element, options: people.map((p) => ({ text: { type: 'plain_text', text: p.realName ?? p.id }, value: p.id })) };
}

/** The element's value before anyone touched it, as a choice. */
export function initialChoice(element) {
  switch (element.type) {
    case 'users_select':
      return { selectedOption: element.initial_user ?? '' };
    case 'static_select':
    case 'radio_buttons':
      return { selectedOption: element.initial_option?.value ?? '' };
    case 'checkboxes':
    case 'multi_static_select':
      return { selectedOptions: (element.initial_options ?? []).map((o) => o.value) };
    case 'datepicker':
      return { selectedDate: element.initial_date ?? '' };
    case 'timepicker':
      return { selectedTime: element.initial_time ?? '' };
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { value: element.initial_value ?? '' };
    default:
      return {};
  }
}

/** Whether a choice holds something (Slack's client refuses to submit an empty required input). */
export function hasValue(choice) {
  if (!choice) return false;
  if (Array.isArray(choice.selectedOptions)) return choice.selectedOptions.length > 0;
  return [choice.selectedOption, choice.selectedDate, choice.selectedTime, choice.value].some((v) => typeof v === 'string' && v.trim() !== '');
}

function button(element, ref, ctx, data) {
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  const node = h('button', { class: `sk-button${style}`, data, attrs: { type: 'button' }, text: plainText(element.text) });
  node.addEventListener('click', async () => {
    if (element.confirm && !(await ctx.confirm(element.confirm))) return;
    // A link button opens the link and still tells the app, as in Slack.
    if (typeof element.url === 'string' && /^https?:\/\//i.test(element.url)) window.open(element.url, '_blank', 'noopener,noreferrer');
    node.disabled = true;
    node.classList.add('busy');
    try {
      await ctx.act(ref, {});
    } finally {
      node.disabled = false;
      node.classList.remove('busy');
    }
  });
  return node;
}

function optionNodes(element) {
  const option = (o) => h('option', { attrs: { value: o.value }, text: plainText(o.text) });
  if (Array.isArray(element.option_groups)) {
    return element.option_groups.map((group) => h('optgroup', { attrs: { label: plainText(group.label) } }, (group.options ?? []).map(option)));
  }
  return (element.options ?? []).map(option);
}

function select(element, current, changed, data, labelId) {
  const node = h(
    'select',
    { class: 'sk-select', data, attrs: { 'aria-labelledby': labelId } },
    h('option', { attrs: { value: '', disabled: true }, text: plainText(element.placeholder) || words().selectOption }),
    optionNodes(element),
  );
  node.value = current.selectedOption ?? '';
  if (node.value !== (current.selectedOption ?? '')) node.value = '';
  let previous = node.value;
  node.addEventListener('change', () => {
    const value = node.value;
    void changed({ selectedOption: value }, () => {
      node.value = previous;
    }).then(() => {
      previous = value;
    });
  });
  return node;
}

function overflow(element, ref, ctx, data) {
  const menu = h('div', { class: 'overflow-menu', attrs: { role: 'menu', hidden: true } });
  const toggle = h('button', { class: 'sk-button overflow', data, attrs: { type: 'button', 'aria-haspopup': 'menu', 'aria-label': words().moreActions }, text: '⋯' });
  for (const option of element.options ?? []) {
    const item = h('button', { class: 'overflow-item', attrs: { type: 'button', role: 'menuitem' }, data: { value: option.value }, text: plainText(option.text) });
    item.addEventListener('click', async () => {
      menu.hidden = true;
      if (element.confirm && !(await ctx.confirm(element.confirm))) return;
      if (typeof option.url === 'string' && /^https?:\/\//i.test(option.url)) window.open(option.url, '_blank', 'noopener,noreferrer');
      await ctx.act(ref, { selectedOption: option.value });
    });
    menu.append(item);
  }
  toggle.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
  });
  return h('div', { class: 'overflow-wrap' }, toggle, menu);
}

function choices(element, kind, current, changed, data, name, labelId) {
  const selected = new Set(kind === 'radio' ? [current.selectedOption] : (current.selectedOptions ?? []));
  const group = h('div', { class: `sk-${kind}-group`, data, attrs: { role: kind === 'radio' ? 'radiogroup' : 'group', 'aria-labelledby': labelId } });
  for (const option of element.options ?? []) {
    const input = h('input', { attrs: { type: kind, name, value: option.value } });
    input.checked = selected.has(option.value);
    input.addEventListener('change', () => {
      if (kind === 'radio') void changed({ selectedOption: option.value });
      else {
        const values = [...group.querySelectorAll('input:checked')].map((box) => box.value);
        void changed({ selectedOptions: values });
      }
    });
    group.append(
      h(
        'label',
        { class: `sk-${kind}` },
        input,
        h('span', { class: 'choice-text' }, plainText(option.text)),
        option.description ? h('span', { class: 'choice-description' }, plainText(option.description)) : null,
      ),
    );
  }
  return group;
}

function picker(type, element, value, onChange, data, labelId) {
  const node = h('input', { class: `sk-${type}`, data, attrs: { type, 'aria-labelledby': labelId } });
  node.value = value ?? '';
  node.addEventListener('change', () => void onChange(node.value));
  return node;
}

function textInput(element, value, ctx, ref, where, data) {
  const attrs = { 'aria-labelledby': where.labelId, placeholder: plainText(element.placeholder) || false };
  const node = element.multiline
    ? h('textarea', { class: 'sk-text multiline', data, attrs: { ...attrs, rows: 4 } })
    : h('input', { class: 'sk-text', data, attrs: { ...attrs, type: element.type === 'number_input' ? 'number' : 'text' } });
  node.value = value ?? '';
  node.addEventListener('input', () => ctx.draft?.set(ref.blockId, ref.actionId, { value: node.value }));
  // Text inputs dispatch on Enter (Slack's default trigger) when the block asks for actions.
  if (!element.multiline && (!where.input || where.block.dispatch_action === true)) {
    node.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') void ctx.act(ref, { value: node.value });
    });
  }
  return node;
}

function image(element, className) {
  const url = typeof element.image_url === 'string' && /^https?:\/\//i.test(element.image_url) ? element.image_url : '';
  if (!url) return h('span', { class: `${className} image-missing`, text: element.alt_text ?? '' });
  const img = h('img', { class: className, attrs: { src: url, alt: element.alt_text ?? '', loading: 'lazy' } });
  img.addEventListener('error', () => img.replaceWith(h('span', { class: `${className} image-missing`, text: element.alt_text ?? '' })));
  return img;
}

