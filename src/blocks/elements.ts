import type { Button, ContextBlock, DividerBlock, HeaderBlock, InputBlock, KnownBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';

/** Tiny helpers for Block Kit literals. The limits are explained in docs/slack-limits.md. */

/** A message as every builder returns it: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Messages also have an undocumented cumulative limit of about 12,000 characters of block text
 * (docs/slack-limits.md#message-text): builders that list many items stop at this budget, leaving room for the rest.
 */
export const MESSAGE_TEXT_BUDGET = 9000;

/** What a list of blocks costs against MESSAGE_TEXT_BUDGET (JSON length: a little more than the text, the safe side). */
export function textLength(blocks: readonly unknown[]): number {
  return JSON.stringify(blocks).length;
}

export const LIMIT = {
  headerText: 150,
  sectionText: 3000,
  buttonText: 75,
  optionText: 75,
  optionValue: 75,
  placeholder: 150,
  contextElements: 10,
  actionsElements: 25,
  messageBlocks: 50,
  viewBlocks: 100,
  modalTitle: 24,
  inputLabel: 2000,
} as const;

/** Cuts text to `max` characters (UTF-16 units, the safe side of Slack's count) without splitting a character. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * Makes user-typed text safe inside mrkdwn: `&`, `<`, `>` become entities (so `<!channel>` or `<http://x|y>` can
 * neither ping nor link), and a zero-width space after `*`, `_`, `~` and `` ` `` stops them pairing into formatting.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_~`])/g, '$1\u200B');
}

/** Escapes catalog text for mrkdwn: entities only, since authors may use formatting on purpose. */
export function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function plain(text: string, max: number = LIMIT.sectionText): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, LIMIT.sectionText) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMIT.headerText) };
}

export function section(text: string, extra: Partial<SectionBlock> = {}): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...extra };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMIT.contextElements).map((text) => mrkdwn(text)) };
}

/** A modal's input block: its id, its label (cut to Slack's limit), the element, and optional extras (hint, optional). */
export function inputBlock(blockId: string, label: string, element: InputBlock['element'], extra: Partial<InputBlock> = {}): InputBlock {
  return { type: 'input', block_id: blockId, label: plain(label, LIMIT.inputLabel), element, ...extra };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(options: { actionId: string; text: string; value?: string; style?: 'primary' | 'danger'; url?: string }): Button {
  return {
    type: 'button',
    action_id: options.actionId,
    text: plain(options.text, LIMIT.buttonText),
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.url ? { url: options.url } : {}),
  };
}
