import { EMOJI } from './emoji.js';

/**
 * Slack mrkdwn → a small tree of plain objects, which dom.js turns into DOM nodes with textContent only. Parsing
 * and rendering are separate so the parser can be tested without a browser, and so that no string from the app
 * is ever handed to the HTML parser: `<script>` in a message stays text.
 *
 * Covered: *bold*, _italic_, ~strike~, `code`, ```pre```, > quotes, line breaks, <url|text> links (http, https and
 * mailto only), <@U…> / <#C…|name> / <!here> mentions, <!date^…|fallback>, :emoji: and the entities &lt; &gt; &amp;,
 * decoded in text only. Rules follow Slack's: a marker opens only at the start of a word and must be followed by a
 * visible character (so the zero-width space the app puts after escaped markers stops them), and closes only at
 * the end of a word.
 *
 * Nodes: {t:'text',v} {t:'b'|'i'|'s',c:[…]} {t:'code',v} {t:'pre',v} {t:'quote',c:[…]} {t:'br'}
 *        {t:'link',href,c:[…]} {t:'user',id,label} {t:'channel',id,label} {t:'special',v} {t:'emoji',name,v}
 */

const STYLE = { '*': 'b', _: 'i', '~': 's' };
const WORD = /[\p{L}\p{N}]/u;
const BLANK = /[\s\u200B]/;
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** &lt; &gt; &amp; → < > & (entities are how Slack escapes control characters; decoded for display only). */
export function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function parseMrkdwn(text) {
  const nodes = [];
  const source = String(text ?? '');
  const fence = /```([\s\S]*?)```/g;
  let last = 0;
  for (let match = fence.exec(source); match; match = fence.exec(source)) {
    nodes.push(...parseLines(source.slice(last, match.index)));
    nodes.push({ t: 'pre', v: decodeEntities(match[1].replace(/^\n/, '')) });
    last = match.index + match[0].length;
  }
  nodes.push(...parseLines(source.slice(last)));
  return nodes;
}

/** Lines, with consecutive `>` lines grouped into one quote. */
function parseLines(text) {
  if (text === '') return [];
  const out = [];
  const lines = text.split('\n');
  let quote = null;
  lines.forEach((line, index) => {
    const isQuote = line.startsWith('>');
    if (isQuote) {
      if (!quote) {
        quote = { t: 'quote', c: [] };
        out.push(quote);
      } else quote.c.push({ t: 'br' });
      quote.c.push(...parseInline(line.slice(1).replace(/^ /, '')));
      return;
    }
    // A quote ends at the first ordinary line; that line break belongs to the quote.
    if (quote) quote = null;
    else if (index > 0) out.push({ t: 'br' });
    out.push(...parseInline(line));
  });
  return out;
}

export function parseInline(text) {
  const out = [];
  let buffer = '';
  const flush = () => {
    if (buffer !== '') out.push({ t: 'text', v: decodeEntities(buffer) });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: 'code', v: decodeEntities(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '<') {
      const end = text.indexOf('>', i + 1);
      if (end > i + 1 && !text.slice(i + 1, end).includes('<')) {
        flush();
        out.push(parseAngle(text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (ch in STYLE && canOpen(text, i)) {
      const end = findClose(text, i);
      if (end > 0) {
        flush();
        out.push({ t: STYLE[ch], c: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === ':') {
      const match = /^:([a-z0-9_+-]+):/.exec(text.slice(i));
      if (match && EMOJI[match[1]]) {
        flush();
        out.push({ t: 'emoji', name: match[1], v: EMOJI[match[1]] });
        i += match[0].length;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return out;
}

function canOpen(text, i) {
  const before = text[i - 1];
  const after = text[i + 1];
  return (before === undefined || !WORD.test(before)) && after !== undefined && !BLANK.test(after) && after !== text[i];
}

function findClose(text, open) {
  const marker = text[open];
  for (let j = open + 2; j < text.length; j += 1) {
    if (text[j] !== marker) continue;
    const before = text[j - 1];
    const after = text[j + 1];
    if (!BLANK.test(before) && (after === undefined || !WORD.test(after))) return j;
  }
  return -1;
}

/** `<…>`: a mention, a special mention, a date, or a link. */
function parseAngle(inner) {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? decodeEntities(inner.slice(bar + 1)) : undefined;
  if (target.startsWith('@')) return { t: 'user', id: target.slice(1), label };
  if (target.startsWith('#')) return { t: 'channel', id: target.slice(1), label };
  if (target.startsWith('!')) {
    const name = target.slice(1).split('^')[0];
    return { t: 'special', v: label ?? `@${name}` };
  }
  const url = decodeEntities(target);
  const text = label ?? url;
  if (!SAFE_URL.test(url)) return { t: 'text', v: text };
  return { t: 'link', href: url, c: [{ t: 'text', v: text }] };
}
