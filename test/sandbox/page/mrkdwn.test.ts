import { describe, expect, it } from 'vitest';
import { parseMrkdwn } from '../../../src/sandbox/page/mrkdwn.js';

/** The page's mrkdwn parser: readable rendering of what the app sends, and nothing the app sends becomes markup. */
describe('mrkdwn parser (sandbox page)', () => {
  it.each([
    ['*bold*', [{ t: 'b', c: [{ t: 'text', v: 'bold' }] }]],
    ['_italic_', [{ t: 'i', c: [{ t: 'text', v: 'italic' }] }]],
    ['~gone~', [{ t: 's', c: [{ t: 'text', v: 'gone' }] }]],
    ['`a*b*c`', [{ t: 'code', v: 'a*b*c' }]],
    ['Senior → *Lead*', [{ t: 'text', v: 'Senior → ' }, { t: 'b', c: [{ t: 'text', v: 'Lead' }] }]],
    ['*_both_*', [{ t: 'b', c: [{ t: 'i', c: [{ t: 'text', v: 'both' }] }] }]],
  ])('formats %s', (input, expected) => {
    expect(parseMrkdwn(input)).toEqual(expected);
  });

  it('does not format inside words or after an escaping zero-width space', () => {
    expect(parseMrkdwn('snake_case_name')).toEqual([{ t: 'text', v: 'snake_case_name' }]);
    // escapeMrkdwn() in src/blocks/elements.ts puts U+200B after each marker in user text.
    expect(parseMrkdwn('Run *\u200Bevents*\u200B reviews')).toEqual([{ t: 'text', v: 'Run *\u200Bevents*\u200B reviews' }]);
  });

  it('decodes entities into text, never into markup', () => {
    expect(parseMrkdwn('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;')).toEqual([{ t: 'text', v: '<script>alert(1)</script> &lt;' }]);
  });

  it('makes links only for http(s) and mailto', () => {
    expect(parseMrkdwn('<https://nats.io|NATS &amp; co>')).toEqual([{ t: 'link', href: 'https://nats.io', c: [{ t: 'text', v: 'NATS & co' }] }]);
    expect(parseMrkdwn('<javascript:alert(1)|click>')).toEqual([{ t: 'text', v: 'click' }]);
    expect(parseMrkdwn('<https://x.test>')).toEqual([{ t: 'link', href: 'https://x.test', c: [{ t: 'text', v: 'https://x.test' }] }]);
  });

  it('reads mentions, special mentions and dates', () => {
    expect(parseMrkdwn('<@U0SBXADA> <#C0GENERAL|general> <!here> <!date^1392734382^{date}|Feb 18>')).toEqual([
      { t: 'user', id: 'U0SBXADA', label: undefined },
      { t: 'text', v: ' ' },
      { t: 'channel', id: 'C0GENERAL', label: 'general' },
      { t: 'text', v: ' ' },
      { t: 'special', v: '@here' },
      { t: 'text', v: ' ' },
      { t: 'special', v: 'Feb 18' },
    ]);
  });

  it('keeps line breaks, bullets and quotes, and code blocks verbatim', () => {
    expect(parseMrkdwn('• one\n• two')).toEqual([{ t: 'text', v: '• one' }, { t: 'br' }, { t: 'text', v: '• two' }]);
    // A quote is a block of its own: the line breaks around it are its edges, not extra empty lines.
    expect(parseMrkdwn('Goals:\n>line 1\n>*line* 2\nafter')).toEqual([
      { t: 'text', v: 'Goals:' },
      { t: 'quote', c: [{ t: 'text', v: 'line 1' }, { t: 'br' }, { t: 'b', c: [{ t: 'text', v: 'line' }] }, { t: 'text', v: ' 2' }] },
      { t: 'text', v: 'after' },
    ]);
    expect(parseMrkdwn('```\n*not bold* &lt;x&gt;```')).toEqual([{ t: 'pre', v: '*not bold* <x>' }]);
  });

  it('turns known emoji codes into emoji and leaves unknown ones', () => {
    expect(parseMrkdwn(':zzz: :no_such_emoji:')).toEqual([
      { t: 'emoji', name: 'zzz', v: '💤' },
      { t: 'text', v: ' :no_such_emoji:' },
    ]);
  });
});
