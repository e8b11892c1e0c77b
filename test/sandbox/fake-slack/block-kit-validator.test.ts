import { describe, expect, it } from 'vitest';
import {
  type BlockKitProblem,
  assertValidMessage,
  assertValidView,
  blockTextLength,
  formatProblem,
  validateBlocks,
  validateMessage,
  validateView,
} from '../../../src/sandbox/fake-slack/block-kit-validator.js';

const x = (n: number): string => 'x'.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (value: string, text = value) => ({ text: plain(text), value });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`v${i}`));
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({ type: 'button', text: plain('Go'), action_id: actionId, ...extra });
const section = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'section', text: mrkdwn(text), ...extra });
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const input = (element: unknown, extra: Record<string, unknown> = {}) => ({ type: 'input', block_id: 'in', label: plain('Label'), element, ...extra });
const confirm = (extra: Record<string, unknown> = {}) => ({ title: plain('Sure?'), text: plain('Really?'), confirm: plain('Yes'), deny: plain('No'), ...extra });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'modal', title: plain('Title'), submit: plain('Save'), close: plain('Cancel'), blocks, ...extra });
const home = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'home', blocks, ...extra });

/** A message whose only block is `block`. */
const msg = (...blocks: unknown[]) => ({ text: 'fallback', blocks });

const pointers = (problems: BlockKitProblem[]): string[] => problems.map((p) => p.pointer);

type Target = { kind: 'message'; value: { text?: unknown; blocks?: unknown } } | { kind: 'view'; value: unknown };
const asMessage = (value: { text?: unknown; blocks?: unknown }): Target => ({ kind: 'message', value });
const asView = (value: unknown): Target => ({ kind: 'view', value });
const validate = (target: Target): BlockKitProblem[] => (target.kind === 'message' ? validateMessage(target.value) : validateView(target.value));

/** JSON byte size of a Home view holding one rich_text block with `n` characters: lets a test hit 250 kB exactly. */
const richHome = (n: number) => home([{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: x(n) }] }] }]);
const bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;
const richHomeOfBytes = (target: number) => richHome(target - bytes(richHome(0)));

interface LimitCase {
  name: string;
  limit: number;
  pointer: string;
  make: (n: number) => Target;
}

const limitCases: LimitCase[] = [
  // Surfaces (docs/slack-limits.md#surfaces)
  { name: 'message blocks', limit: 50, pointer: '/blocks', make: (n) => asMessage({ text: 't', blocks: Array.from({ length: n }, () => ({ type: 'divider' })) }) },
  { name: 'modal blocks', limit: 100, pointer: '/view/blocks', make: (n) => asView(modal(Array.from({ length: n }, () => ({ type: 'divider' })))) },
  { name: 'home blocks', limit: 100, pointer: '/view/blocks', make: (n) => asView(home(Array.from({ length: n }, () => ({ type: 'divider' })))) },
  { name: 'modal title', limit: 24, pointer: '/view/title/text', make: (n) => asView(modal([], { title: plain(x(n)) })) },
  { name: 'modal submit', limit: 24, pointer: '/view/submit/text', make: (n) => asView(modal([], { submit: plain(x(n)) })) },
  { name: 'modal close', limit: 24, pointer: '/view/close/text', make: (n) => asView(modal([], { close: plain(x(n)) })) },
  { name: 'private_metadata', limit: 3000, pointer: '/view/private_metadata', make: (n) => asView(home([], { private_metadata: x(n) })) },
  { name: 'callback_id', limit: 255, pointer: '/view/callback_id', make: (n) => asView(modal([], { callback_id: x(n) })) },
  { name: 'external_id', limit: 255, pointer: '/view/external_id', make: (n) => asView(modal([], { external_id: x(n) })) },
  { name: 'view payload bytes', limit: 250_000, pointer: '/view', make: (n) => asView(richHomeOfBytes(n)) },
  { name: 'block_id', limit: 255, pointer: '/blocks/0/block_id', make: (n) => asMessage(msg({ type: 'divider', block_id: x(n) })) },
  // Blocks (docs/slack-limits.md#blocks)
  { name: 'section text', limit: 3000, pointer: '/blocks/0/text/text', make: (n) => asMessage(msg(section(x(n)))) },
  { name: 'section fields count', limit: 10, pointer: '/blocks/0/fields', make: (n) => asMessage(msg({ type: 'section', fields: Array.from({ length: n }, () => mrkdwn('f')) })) },
  { name: 'section field text', limit: 2000, pointer: '/blocks/0/fields/0/text', make: (n) => asMessage(msg({ type: 'section', fields: [mrkdwn(x(n))] })) },
  { name: 'header text', limit: 150, pointer: '/blocks/0/text/text', make: (n) => asMessage(msg({ type: 'header', text: plain(x(n)) })) },
  { name: 'context elements', limit: 10, pointer: '/blocks/0/elements', make: (n) => asMessage(msg({ type: 'context', elements: Array.from({ length: n }, () => mrkdwn('c')) })) },
  { name: 'context text', limit: 3000, pointer: '/blocks/0/elements/0/text', make: (n) => asMessage(msg({ type: 'context', elements: [plain(x(n))] })) },
  { name: 'actions elements', limit: 25, pointer: '/blocks/0/elements', make: (n) => asMessage(msg(actions(...Array.from({ length: n }, (_, i) => button(`b${i}`))))) },
  { name: 'input label', limit: 2000, pointer: '/view/blocks/0/label/text', make: (n) => asView(modal([input({ type: 'plain_text_input' }, { label: plain(x(n)) })])) },
  { name: 'input hint', limit: 2000, pointer: '/view/blocks/0/hint/text', make: (n) => asView(modal([input({ type: 'plain_text_input' }, { hint: plain(x(n)) })])) },
  { name: 'image alt_text', limit: 2000, pointer: '/blocks/0/alt_text', make: (n) => asMessage(msg({ type: 'image', image_url: 'https://e.x/i.png', alt_text: x(n) })) },
  { name: 'image image_url', limit: 3000, pointer: '/blocks/0/image_url', make: (n) => asMessage(msg({ type: 'image', image_url: `https://e.x/${x(n - 12)}`, alt_text: 'a' })) },
  { name: 'image title', limit: 2000, pointer: '/blocks/0/title/text', make: (n) => asMessage(msg({ type: 'image', image_url: 'https://e.x/i.png', alt_text: 'a', title: plain(x(n)) })) },
  { name: 'markdown text', limit: 12_000, pointer: '/blocks/0/text', make: (n) => asMessage(msg({ type: 'markdown', text: x(n) })) },
  {
    name: 'markdown total across blocks',
    limit: 12_000,
    pointer: '/view/blocks',
    make: (n) => asView(home([{ type: 'markdown', text: x(6000) }, { type: 'markdown', text: x(n - 6000) }])),
  },
  // Elements (docs/slack-limits.md#elements-and-composition-objects)
  { name: 'button text', limit: 75, pointer: '/blocks/0/elements/0/text/text', make: (n) => asMessage(msg(actions(button('b', { text: plain(x(n)) })))) },
  { name: 'button action_id', limit: 255, pointer: '/blocks/0/elements/0/action_id', make: (n) => asMessage(msg(actions(button(x(n))))) },
  { name: 'button value', limit: 2000, pointer: '/blocks/0/elements/0/value', make: (n) => asMessage(msg(actions(button('b', { value: x(n) })))) },
  { name: 'button url', limit: 3000, pointer: '/blocks/0/elements/0/url', make: (n) => asMessage(msg(actions(button('b', { url: `https://e.x/${x(n - 12)}` })))) },
  {
    name: 'button accessibility_label',
    limit: 75,
    pointer: '/blocks/0/elements/0/accessibility_label',
    make: (n) => asMessage(msg(actions(button('b', { accessibility_label: x(n) })))),
  },
  {
    name: 'static_select options',
    limit: 100,
    pointer: '/blocks/0/accessory/options',
    make: (n) => asMessage(msg(section('s', { accessory: { type: 'static_select', action_id: 's', options: options(n) } }))),
  },
  {
    name: 'static_select option_groups',
    limit: 100,
    pointer: '/blocks/0/accessory/option_groups',
    make: (n) =>
      asMessage(
        msg(section('s', { accessory: { type: 'static_select', option_groups: Array.from({ length: n }, (_, i) => ({ label: plain(`g${i}`), options: [option(`v${i}`)] })) } })),
      ),
  },
  {
    name: 'option group label',
    limit: 75,
    pointer: '/blocks/0/accessory/option_groups/0/label/text',
    make: (n) => asMessage(msg(section('s', { accessory: { type: 'static_select', option_groups: [{ label: plain(x(n)), options: options(1) }] } }))),
  },
  {
    name: 'multi_static_select options',
    limit: 100,
    pointer: '/view/blocks/0/element/options',
    make: (n) => asView(modal([input({ type: 'multi_static_select', options: options(n) })])),
  },
  {
    name: 'select placeholder',
    limit: 150,
    pointer: '/blocks/0/accessory/placeholder/text',
    make: (n) => asMessage(msg(section('s', { accessory: { type: 'static_select', placeholder: plain(x(n)), options: options(2) } }))),
  },
  {
    name: 'option text',
    limit: 75,
    pointer: '/blocks/0/accessory/options/0/text/text',
    make: (n) => asMessage(msg(section('s', { accessory: { type: 'static_select', options: [option('v', x(n))] } }))),
  },
  {
    name: 'option value (75, the safe side of 75/150)',
    limit: 75,
    pointer: '/blocks/0/accessory/options/0/value',
    make: (n) => asMessage(msg(section('s', { accessory: { type: 'static_select', options: [option(x(n), 'text')] } }))),
  },
  {
    name: 'option description',
    limit: 75,
    pointer: '/view/blocks/0/element/options/0/description/text',
    make: (n) => asView(modal([input({ type: 'radio_buttons', options: [{ ...option('v'), description: plain(x(n)) }] })])),
  },
  {
    name: 'overflow options',
    limit: 5,
    pointer: '/blocks/0/accessory/options',
    make: (n) => asMessage(msg(section('s', { accessory: { type: 'overflow', action_id: 'o', options: options(n) } }))),
  },
  {
    name: 'overflow option url',
    limit: 3000,
    pointer: '/blocks/0/accessory/options/0/url',
    make: (n) => asMessage(msg(section('s', { accessory: { type: 'overflow', options: [{ ...option('v'), url: `https://e.x/${x(n - 12)}` }] } }))),
  },
  {
    name: 'radio_buttons options',
    limit: 10,
    pointer: '/view/blocks/0/element/options',
    make: (n) => asView(modal([input({ type: 'radio_buttons', options: options(n) })])),
  },
  {
    name: 'checkboxes options',
    limit: 10,
    pointer: '/view/blocks/0/element/options',
    make: (n) => asView(modal([input({ type: 'checkboxes', options: options(n) })])),
  },
  {
    name: 'plain_text_input min_length',
    limit: 3000,
    pointer: '/view/blocks/0/element/min_length',
    make: (n) => asView(modal([input({ type: 'plain_text_input', min_length: n })])),
  },
  {
    name: 'plain_text_input max_length',
    limit: 3000,
    pointer: '/view/blocks/0/element/max_length',
    make: (n) => asView(modal([input({ type: 'plain_text_input', max_length: n })])),
  },
  {
    name: 'plain_text_input initial_value vs max_length',
    limit: 40,
    pointer: '/view/blocks/0/element/initial_value',
    make: (n) => asView(modal([input({ type: 'plain_text_input', max_length: 40, initial_value: x(n) })])),
  },
  {
    name: 'plain_text_input initial_value without max_length',
    limit: 3000,
    pointer: '/view/blocks/0/element/initial_value',
    make: (n) => asView(modal([input({ type: 'plain_text_input', initial_value: x(n) })])),
  },
  { name: 'confirm title', limit: 100, pointer: '/blocks/0/elements/0/confirm/title/text', make: (n) => asMessage(msg(actions(button('b', { confirm: confirm({ title: plain(x(n)) }) })))) },
  { name: 'confirm text', limit: 300, pointer: '/blocks/0/elements/0/confirm/text/text', make: (n) => asMessage(msg(actions(button('b', { confirm: confirm({ text: mrkdwn(x(n)) }) })))) },
  { name: 'confirm confirm', limit: 30, pointer: '/blocks/0/elements/0/confirm/confirm/text', make: (n) => asMessage(msg(actions(button('b', { confirm: confirm({ confirm: plain(x(n)) }) })))) },
  { name: 'confirm deny', limit: 30, pointer: '/blocks/0/elements/0/confirm/deny/text', make: (n) => asMessage(msg(actions(button('b', { confirm: confirm({ deny: plain(x(n)) }) })))) },
  // Message text (docs/slack-limits.md#message-text)
  { name: 'message text', limit: 40_000, pointer: '/text', make: (n) => asMessage({ text: x(n) }) },
  {
    name: 'cumulative block text (msg_blocks_too_long)',
    limit: 12_000,
    pointer: '/blocks',
    make: (n) => asMessage({ text: 't', blocks: [section(x(3000)), section(x(3000)), section(x(3000)), section(x(n - 9000))] }),
  },
];

describe('validator limits: accepted at the limit, rejected just over it', () => {
  it.each(limitCases)('$name ($limit)', ({ limit, pointer, make }) => {
    expect(validate(make(limit))).toEqual([]);
    const over = validate(make(limit + 1));
    expect(pointers(over)).toContain(pointer);
  });

  it('checks the test helpers themselves produce the intended sizes', () => {
    expect(bytes(richHomeOfBytes(250_000))).toBe(250_000);
    expect(blockTextLength([section(x(10)), { type: 'markdown', text: x(5) }])).toBe(15);
  });
});

describe('validator messages read like Slack', () => {
  it('uses Slack length wording and json-pointer formatting', () => {
    const [problem] = validateMessage(msg(section(x(3001))));
    expect(problem).toEqual({ pointer: '/blocks/0/text/text', message: 'must be less than 3001 characters' });
    expect(formatProblem(problem as BlockKitProblem)).toBe('must be less than 3001 characters [json-pointer:/blocks/0/text/text]');
    expect(validateView(modal([], { title: plain(x(25)) }))).toEqual([{ pointer: '/view/title/text', message: 'must be less than 25 characters' }]);
  });

  it('requires submit on a modal with an input block, at the pointer Slack uses', () => {
    const view = modal([section('intro'), input({ type: 'plain_text_input', action_id: 'a' })]);
    delete (view as Record<string, unknown>).submit;
    expect(validateView(view)).toEqual([{ pointer: '/view/blocks/1/input', message: 'must define submit to use input block' }]);
  });

  it('says "failed to match all allowed schemas" for a mrkdwn header and unknown types', () => {
    expect(validateMessage(msg({ type: 'header', text: mrkdwn('h') }))[0]?.message).toMatch(/^failed to match all allowed schemas/);
    expect(validateMessage(msg({ type: 'carousel_of_doom' }))[0]).toMatchObject({ pointer: '/blocks/0', message: expect.stringMatching(/^failed to match all allowed schemas/) });
    expect(validateMessage(msg(actions({ type: 'slider', action_id: 's' })))[0]).toMatchObject({ pointer: '/blocks/0/elements/0' });
  });

  it('rejects emoji on mrkdwn as an invalid additional property', () => {
    expect(validateMessage(msg({ type: 'section', text: { type: 'mrkdwn', text: 'hi', emoji: true } }))).toEqual([
      { pointer: '/blocks/0/text', message: 'invalid additional property: emoji' },
    ]);
    expect(validateMessage(msg({ type: 'section', text: { type: 'plain_text', text: 'hi', emoji: true } }))).toEqual([]);
  });
});

interface RuleCase {
  name: string;
  target: Target;
  pointer: string;
}

const ruleCases: RuleCase[] = [
  { name: 'empty text object', target: asMessage(msg(section(''))), pointer: '/blocks/0/text/text' },
  { name: 'text type other than plain_text/mrkdwn', target: asMessage(msg({ type: 'section', text: { type: 'markdown', text: 'x' } })), pointer: '/blocks/0/text' },
  { name: 'section without text or fields', target: asMessage(msg({ type: 'section' })), pointer: '/blocks/0' },
  { name: 'section fields empty', target: asMessage(msg({ type: 'section', fields: [] })), pointer: '/blocks/0/fields' },
  { name: 'unknown block property', target: asMessage(msg(section('s', { acessory: {} }))), pointer: '/blocks/0' },
  { name: 'block without type', target: asMessage(msg({ text: mrkdwn('x') })), pointer: '/blocks/0/type' },
  { name: 'block that is not an object', target: asMessage(msg('section')), pointer: '/blocks/0' },
  { name: 'blocks not an array', target: asMessage({ text: 't', blocks: { type: 'divider' } }), pointer: '/blocks' },
  { name: 'header without text', target: asMessage(msg({ type: 'header' })), pointer: '/blocks/0/text' },
  { name: 'context with a button', target: asMessage(msg({ type: 'context', elements: [button('b')] })), pointer: '/blocks/0/elements/0' },
  { name: 'context without elements', target: asMessage(msg({ type: 'context', elements: [] })), pointer: '/blocks/0/elements' },
  { name: 'actions without elements', target: asMessage(msg({ type: 'actions', elements: [] })), pointer: '/blocks/0/elements' },
  { name: 'plain_text_input in actions', target: asMessage(msg(actions({ type: 'plain_text_input' }))), pointer: '/blocks/0/elements/0' },
  { name: 'button in an input block', target: asView(modal([input(button('b'))])), pointer: '/view/blocks/0/element' },
  { name: 'plain_text_input as section accessory', target: asMessage(msg(section('s', { accessory: { type: 'plain_text_input' } }))), pointer: '/blocks/0/accessory' },
  { name: 'input without element', target: asView(modal([{ type: 'input', label: plain('L') }])), pointer: '/view/blocks/0/element' },
  { name: 'input without label', target: asView(modal([{ type: 'input', element: { type: 'plain_text_input' } }])), pointer: '/view/blocks/0/label' },
  { name: 'input label mrkdwn', target: asView(modal([input({ type: 'plain_text_input' }, { label: mrkdwn('L') })])), pointer: '/view/blocks/0/label' },
  { name: 'input optional not boolean', target: asView(modal([input({ type: 'plain_text_input' }, { optional: 'yes' })])), pointer: '/view/blocks/0/optional' },
  { name: 'input dispatch_action not boolean', target: asView(modal([input({ type: 'plain_text_input' }, { dispatch_action: 1 })])), pointer: '/view/blocks/0/dispatch_action' },
  { name: 'image without alt_text', target: asMessage(msg({ type: 'image', image_url: 'https://e.x/i.png' })), pointer: '/blocks/0/alt_text' },
  { name: 'image without source', target: asMessage(msg({ type: 'image', alt_text: 'a' })), pointer: '/blocks/0' },
  { name: 'image url not a URL', target: asMessage(msg({ type: 'image', image_url: 'not a url', alt_text: 'a' })), pointer: '/blocks/0/image_url' },
  { name: 'button without text', target: asMessage(msg(actions({ type: 'button', action_id: 'b' }))), pointer: '/blocks/0/elements/0/text' },
  { name: 'button text mrkdwn', target: asMessage(msg(actions(button('b', { text: mrkdwn('Go') })))), pointer: '/blocks/0/elements/0/text' },
  { name: 'button style secondary', target: asMessage(msg(actions(button('b', { style: 'secondary' })))), pointer: '/blocks/0/elements/0/style' },
  { name: 'button empty action_id', target: asMessage(msg(actions(button('')))), pointer: '/blocks/0/elements/0/action_id' },
  { name: 'confirm without deny', target: asMessage(msg(actions(button('b', { confirm: { title: plain('t'), text: plain('t'), confirm: plain('y') } })))), pointer: '/blocks/0/elements/0/confirm/deny' },
  { name: 'confirm style', target: asMessage(msg(actions(button('b', { confirm: confirm({ style: 'green' }) })))), pointer: '/blocks/0/elements/0/confirm/style' },
  {
    name: 'static_select with both options and option_groups',
    target: asMessage(msg(section('s', { accessory: { type: 'static_select', options: options(1), option_groups: [{ label: plain('g'), options: options(1) }] } }))),
    pointer: '/blocks/0/accessory',
  },
  { name: 'static_select with neither', target: asMessage(msg(section('s', { accessory: { type: 'static_select' } }))), pointer: '/blocks/0/accessory' },
  { name: 'static_select option with mrkdwn text', target: asMessage(msg(section('s', { accessory: { type: 'static_select', options: [{ text: mrkdwn('m'), value: 'v' }] } }))), pointer: '/blocks/0/accessory/options/0/text' },
  { name: 'option without value', target: asMessage(msg(section('s', { accessory: { type: 'static_select', options: [{ text: plain('t') }] } }))), pointer: '/blocks/0/accessory/options/0/value' },
  { name: 'option url outside overflow', target: asMessage(msg(section('s', { accessory: { type: 'static_select', options: [{ ...option('v'), url: 'https://e.x' }] } }))), pointer: '/blocks/0/accessory/options/0' },
  {
    name: 'static_select initial_option not among options',
    target: asMessage(msg(section('s', { accessory: { type: 'static_select', options: options(2), initial_option: option('v9') } }))),
    pointer: '/blocks/0/accessory/initial_option',
  },
  {
    name: 'static_select initial_option with other text',
    target: asMessage(msg(section('s', { accessory: { type: 'static_select', options: options(2), initial_option: option('v1', 'renamed') } }))),
    pointer: '/blocks/0/accessory/initial_option',
  },
  {
    name: 'multi_static_select initial_options not among options',
    target: asView(modal([input({ type: 'multi_static_select', options: options(2), initial_options: [option('v0'), option('nope')] })])),
    pointer: '/view/blocks/0/element/initial_options/1',
  },
  {
    name: 'multi_static_select max_selected_items 0',
    target: asView(modal([input({ type: 'multi_static_select', options: options(2), max_selected_items: 0 })])),
    pointer: '/view/blocks/0/element/max_selected_items',
  },
  { name: 'overflow with no options', target: asMessage(msg(section('s', { accessory: { type: 'overflow', options: [] } }))), pointer: '/blocks/0/accessory/options' },
  {
    name: 'radio initial_option not among options',
    target: asView(modal([input({ type: 'radio_buttons', options: options(3), initial_option: option('x') })])),
    pointer: '/view/blocks/0/element/initial_option',
  },
  {
    name: 'checkboxes initial_options not among options',
    target: asView(modal([input({ type: 'checkboxes', options: options(3), initial_options: [option('x')] })])),
    pointer: '/view/blocks/0/element/initial_options/0',
  },
  { name: 'plain_text_input max_length 0', target: asView(modal([input({ type: 'plain_text_input', max_length: 0 })])), pointer: '/view/blocks/0/element/max_length' },
  { name: 'plain_text_input min_length -1', target: asView(modal([input({ type: 'plain_text_input', min_length: -1 })])), pointer: '/view/blocks/0/element/min_length' },
  { name: 'plain_text_input min > max', target: asView(modal([input({ type: 'plain_text_input', min_length: 10, max_length: 5 })])), pointer: '/view/blocks/0/element/min_length' },
  { name: 'plain_text_input max_length 1.5', target: asView(modal([input({ type: 'plain_text_input', max_length: 1.5 })])), pointer: '/view/blocks/0/element/max_length' },
  { name: 'plain_text_input multiline string', target: asView(modal([input({ type: 'plain_text_input', multiline: 'true' })])), pointer: '/view/blocks/0/element/multiline' },
  {
    name: 'dispatch_action_config bad trigger',
    target: asView(modal([input({ type: 'plain_text_input', dispatch_action_config: { trigger_actions_on: ['on_blur'] } })])),
    pointer: '/view/blocks/0/element/dispatch_action_config/trigger_actions_on/0',
  },
  { name: 'datepicker impossible date', target: asView(modal([input({ type: 'datepicker', initial_date: '2025-02-29' })])), pointer: '/view/blocks/0/element/initial_date' },
  { name: 'datepicker wrong format', target: asView(modal([input({ type: 'datepicker', initial_date: '01/02/2025' })])), pointer: '/view/blocks/0/element/initial_date' },
  { name: 'timepicker 24:00', target: asView(modal([input({ type: 'timepicker', initial_time: '24:00' })])), pointer: '/view/blocks/0/element/initial_time' },
  { name: 'timepicker 9:30', target: asView(modal([input({ type: 'timepicker', initial_time: '9:30' })])), pointer: '/view/blocks/0/element/initial_time' },
  { name: 'timepicker bad timezone', target: asView(modal([input({ type: 'timepicker', timezone: 'Mars/Olympus' })])), pointer: '/view/blocks/0/element/timezone' },
  { name: 'duplicate block_id', target: asMessage(msg({ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' })), pointer: '/blocks/1/block_id' },
  { name: 'duplicate action_id in one block', target: asMessage(msg(actions(button('same'), button('same')))), pointer: '/blocks/0/elements/1/action_id' },
  {
    name: 'two elements with focus_on_load',
    target: asView(modal([input({ type: 'plain_text_input', focus_on_load: true }, { block_id: 'a' }), input({ type: 'plain_text_input', focus_on_load: true }, { block_id: 'b' })])),
    pointer: '/view/blocks/1/element/focus_on_load',
  },
  { name: 'rich_text list with bad style', target: asMessage(msg({ type: 'rich_text', elements: [{ type: 'rich_text_list', style: 'dashed', elements: [] }] })), pointer: '/blocks/0/elements/0/style' },
  {
    name: 'rich_text unknown inline element',
    target: asMessage(msg({ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'sparkle' }] }] })),
    pointer: '/blocks/0/elements/0/elements/0',
  },
  { name: 'rich_text text element without text', target: asMessage(msg({ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text' }] }] })), pointer: '/blocks/0/elements/0/elements/0/text' },
  { name: 'rich_text without elements', target: asMessage(msg({ type: 'rich_text', elements: [] })), pointer: '/blocks/0/elements' },
  { name: 'blocks without fallback text', target: asMessage({ blocks: [section('hello')] }), pointer: '/text' },
  { name: 'blocks with whitespace fallback text', target: asMessage({ text: '  ', blocks: [section('hello')] }), pointer: '/text' },
  { name: 'message with nothing', target: asMessage({}), pointer: '/text' },
  { name: 'message text not a string', target: asMessage({ text: 42 }), pointer: '/text' },
  { name: 'view type workflow_step', target: asView({ type: 'workflow_step', blocks: [] }), pointer: '/view/type' },
  { name: 'view not an object', target: asView('modal'), pointer: '/view' },
  { name: 'modal without title', target: asView({ type: 'modal', blocks: [] }), pointer: '/view/title' },
  { name: 'modal title mrkdwn', target: asView(modal([], { title: mrkdwn('T') })), pointer: '/view/title' },
  { name: 'modal without blocks', target: asView({ type: 'modal', title: plain('T') }), pointer: '/view/blocks' },
  { name: 'home with title', target: asView(home([], { title: plain('T') })), pointer: '/view' },
  { name: 'view output fields sent back (id, hash)', target: asView(home([], { id: 'V1', hash: 'h' })), pointer: '/view' },
  { name: 'modal notify_on_close not boolean', target: asView(modal([], { notify_on_close: 'yes' })), pointer: '/view/notify_on_close' },
  { name: 'unsupported real block type', target: asMessage(msg({ type: 'video' })), pointer: '/blocks/0' },
];

describe('validator rules', () => {
  it.each(ruleCases)('rejects: $name', ({ target, pointer }) => {
    expect(pointers(validate(target))).toContain(pointer);
  });

  it('allows the same action_id in different blocks and the same block_id in different payloads', () => {
    expect(validateMessage(msg(actions(button('same')), actions(button('same'))))).toEqual([]);
  });

  it('accepts valid edge values', () => {
    expect(validateView(modal([input({ type: 'datepicker', initial_date: '2024-02-29' })]))).toEqual([]);
    expect(validateView(modal([input({ type: 'timepicker', initial_time: '23:59', timezone: 'Europe/Madrid' })]))).toEqual([]);
    expect(validateView(modal([input({ type: 'plain_text_input', min_length: 0, max_length: 1 })]))).toEqual([]);
    expect(validateMessage(msg(section('s', { accessory: { type: 'overflow', options: options(1) } })))).toEqual([]);
    expect(validateMessage(msg(section('s', { accessory: { type: 'overflow', options: [{ ...option('v'), url: 'https://e.x' }] } })))).toEqual([]);
    expect(validateView(modal([input({ type: 'radio_buttons', options: [{ text: mrkdwn('*bold*'), value: 'v' }] })]))).toEqual([]);
  });

  it('uses the surface limit passed to validateBlocks and its pointer prefix', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(pointers(validateBlocks(blocks, 'message'))).toEqual(['/blocks']);
    expect(validateBlocks(blocks, 'modal')).toEqual([]);
    expect(pointers(validateBlocks([section(x(3001))], 'home', '/view'))).toEqual(['/view/blocks/0/text/text']);
  });

  it('counts characters as UTF-16 units (the safe side)', () => {
    const emoji = '😀'; // 2 UTF-16 units, 1 code point
    expect(validateMessage(msg({ type: 'header', text: plain(emoji.repeat(75)) }))).toEqual([]);
    expect(pointers(validateMessage(msg({ type: 'header', text: plain(emoji.repeat(75) + 'x') })))).toContain('/blocks/0/text/text');
  });

  it('reports every problem, not just the first', () => {
    const problems = validateMessage({ blocks: [section(x(3001)), { type: 'header', text: plain(x(151)) }, actions(button('b', { style: 'blue' }))] });
    expect(pointers(problems)).toEqual(expect.arrayContaining(['/text', '/blocks/0/text/text', '/blocks/1/text/text', '/blocks/2/elements/0/style']));
  });
});

describe('realistic payloads pass', () => {
  const skillCard = [
    { type: 'header', text: { type: 'plain_text', text: 'Skill: Stream processing with NATS ⚡', emoji: true } },
    {
      type: 'section',
      block_id: 'skill-summary',
      text: mrkdwn('*Level 3 — Practitioner*\nDesigns consumers and retention policies.'),
      accessory: {
        type: 'overflow',
        action_id: 'card-menu',
        options: [option('assess', 'Assess myself'), option('history', 'Show history'), { text: plain('Open docs'), value: 'docs', url: 'https://docs.nats.io' }],
      },
    },
    { type: 'section', fields: [mrkdwn('*Current*\nLevel 2'), mrkdwn('*Target*\nLevel 3')] },
    { type: 'context', elements: [{ type: 'image', image_url: 'https://e.x/icon.png', alt_text: 'icon' }, mrkdwn('Updated <!date^1700000000^{date_short}|today>')] },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'card-actions',
      elements: [
        button('assess', { style: 'primary', value: 'skill:nats:3' }),
        button('skip', { confirm: confirm({ style: 'danger' }) }),
        { type: 'static_select', action_id: 'level', placeholder: plain('Pick a level'), options: options(5), initial_option: option('v2') },
        { type: 'datepicker', action_id: 'due', initial_date: '2025-12-31' },
      ],
    },
    {
      type: 'rich_text',
      elements: [
        { type: 'rich_text_section', elements: [{ type: 'text', text: 'Evidence: ', style: { bold: true } }, { type: 'link', url: 'https://e.x/pr/1', text: 'PR #1' }, { type: 'user', user_id: 'U123' }] },
        { type: 'rich_text_list', style: 'bullet', indent: 0, elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }] },
        { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'nats stream ls' }] },
        { type: 'rich_text_quote', elements: [{ type: 'emoji', name: 'tada' }, { type: 'broadcast', range: 'here' }] },
      ],
    },
  ];

  it('a skill-card message', () => {
    expect(validateMessage({ text: 'Skill: Stream processing with NATS', blocks: skillCard })).toEqual([]);
    expect(() => assertValidMessage({ text: 'Skill card', blocks: skillCard })).not.toThrow();
  });

  it('a self-assessment modal', () => {
    const view = {
      type: 'modal',
      callback_id: 'self-assessment',
      private_metadata: JSON.stringify({ skill: 'nats', v: 1 }),
      external_id: 'assess:U123:nats',
      notify_on_close: true,
      clear_on_close: false,
      title: { type: 'plain_text', text: 'Self-assessment', emoji: true },
      submit: plain('Submit'),
      close: plain('Cancel'),
      blocks: [
        section('Rate yourself on *NATS*'),
        input({ type: 'radio_buttons', action_id: 'level', options: options(5), initial_option: option('v1'), focus_on_load: true }, { block_id: 'level' }),
        input({ type: 'checkboxes', action_id: 'evidence', options: options(3), initial_options: [option('v0')] }, { block_id: 'evidence', optional: true }),
        input(
          { type: 'plain_text_input', action_id: 'notes', multiline: true, min_length: 0, max_length: 2000, placeholder: plain('What did you do?') },
          { block_id: 'notes', hint: plain('Markdown is fine'), optional: true },
        ),
        input({ type: 'multi_static_select', action_id: 'tags', option_groups: [{ label: plain('Areas'), options: options(3) }], initial_options: [option('v2')], max_selected_items: 2 }, { block_id: 'tags' }),
        input({ type: 'timepicker', action_id: 'time', initial_time: '09:30' }, { block_id: 'time' }),
        input({ type: 'users_select', action_id: 'mentor', initial_user: 'U999' }, { block_id: 'mentor', dispatch_action: false }),
      ],
    };
    expect(validateView(view)).toEqual([]);
    expect(() => assertValidView(view)).not.toThrow();
  });

  it('a Home tab', () => {
    const view = home(
      [
        { type: 'header', text: plain('Your skill ladder') },
        ...skillCard.slice(1),
        { type: 'markdown', text: '## Next steps\n- **Pair** on a consumer' },
        { type: 'image', image_url: 'https://e.x/chart.png', alt_text: 'progress chart', title: plain('Progress') },
        actions({ type: 'checkboxes', action_id: 'todo', options: [{ text: mrkdwn('~Done~'), value: 'd', description: mrkdwn('_old_') }] }),
      ],
      { callback_id: 'home', private_metadata: '' },
    );
    expect(validateView(view)).toEqual([]);
  });
});

describe('assert helpers', () => {
  it('throw an error listing every problem with its pointer', () => {
    expect(() => assertValidMessage({ blocks: [section(x(3001))] }, 'card')).toThrowError(
      /card has 2 Block Kit problems:[\s\S]*json-pointer:\/text[\s\S]*must be less than 3001 characters \[json-pointer:\/blocks\/0\/text\/text\]/,
    );
    expect(() => assertValidView(modal([], { title: plain(x(30)) }))).toThrowError(/view has 1 Block Kit problem:\n {2}- must be less than 25 characters \[json-pointer:\/view\/title\/text\]/);
  });
});
