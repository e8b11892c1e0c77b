/* global document */
import { emojify } from './emoji.js';
import { parseMrkdwn } from './mrkdwn.js';

/**
 * DOM building without HTML strings: every piece of text goes in through textContent or a text node, every URL is
 * checked before it becomes an href. Nothing in the page uses innerHTML.
 */

/**
 * h('div', { class: 'x', text: 'hi', data: { testid: 'y' }, attrs: { title: 't' }, on: { click } }, ...children)
 * Children may be nodes, strings (become text nodes), arrays, or null/undefined/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.data ?? {})) node.dataset[name] = String(value);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false || value === undefined || value === null) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [event, handler] of Object.entries(props.on ?? {})) node.addEventListener(event, handler);
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** A link that opens outside the page, or plain text when the URL is not http(s)/mailto. */
export function link(href, children) {
  if (!SAFE_URL.test(href)) return h('span', {}, children);
  return h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }, children);
}

/** A Block Kit text object (plain_text or mrkdwn) as DOM. `ctx.userName(id)` names mentioned people. */
export function textObject(object, ctx) {
  if (!object || typeof object !== 'object') return document.createTextNode('');
  if (object.type === 'mrkdwn') return mrkdwn(String(object.text ?? ''), ctx);
  const text = String(object.text ?? '');
  return document.createTextNode(object.emoji === false ? text : emojify(text));
}

/** Plain text of a text object, for labels and option names (emoji converted). */
export function plainText(object) {
  if (!object || typeof object !== 'object') return '';
  return object.emoji === false ? String(object.text ?? '') : emojify(String(object.text ?? ''));
}

export function mrkdwn(text, ctx) {
  const span = h('span', { class: 'mrkdwn' });
  append(span, parseMrkdwn(text).map((node) => renderNode(node, ctx)));
  return span;
}

function renderNode(node, ctx) {
  const kids = () => (node.c ?? []).map((child) => renderNode(child, ctx));
  switch (node.t) {
    case 'text':
      return document.createTextNode(node.v);
    case 'b':
      return h('strong', {}, kids());
    case 'i':
      return h('em', {}, kids());
    case 's':
      return h('del', {}, kids());
    case 'code':
      return h('code', { text: node.v });
    case 'pre':
      return h('pre', { text: node.v });
    case 'quote':
      return h('blockquote', {}, kids());
    case 'br':
      return h('br');
    case 'link':
      return link(node.href, kids());
    case 'user':
      return h('span', { class: 'mention', text: `@${node.label ?? ctx?.userName?.(node.id) ?? node.id}` });
    case 'channel':
      return h('span', { class: 'mention', text: `#${node.label ?? node.id}` });
    case 'special':
      return h('span', { class: 'mention', text: node.v });
    case 'emoji':
      return h('span', { class: 'emoji', text: node.v, attrs: { title: `:${node.name}:` } });
    default:
      return document.createTextNode('');
  }
}
