import { diffArrays } from 'diff';

/**
 * What changes between two texts, word by word, and how to show it in Slack mrkdwn: added words in *bold*, words
 * no longer said in ~strike~, the rest plain. Pure.
 *
 * The diff (jsdiff's Myers implementation) runs over whitespace-separated words rather than jsdiff's own word
 * tokens, which split punctuation off: Slack only reads `*` and `~` as formatting at a word boundary, so a marker
 * around a lone "." glued to the previous word ("services*.*") would show as a literal asterisk.
 */

export type RunKind = 'same' | 'added' | 'removed';

export interface Run {
  kind: RunKind;
  words: string[];
}

/** Longer texts are cut before diffing: nothing longer than this could be shown within a message anyway. */
const MAX_WORDS = 1500;
/**
 * Myers' diff costs (words × edits); cards are built before the 3-second ack, so the edit count is capped. Real
 * requirement texts need a few dozen edits; past the cap the texts have little in common and are shown as a
 * whole removed, then a whole added.
 */
const MAX_EDITS = 400;

export function wordsOf(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}

/** The runs that turn `older` into `newer`: within each change, what is no longer said comes before what is new. */
export function changesBetween(older: string, newer: string): Run[] {
  const before = wordsOf(older).slice(0, MAX_WORDS);
  const after = wordsOf(newer).slice(0, MAX_WORDS);
  const changes = diffArrays(before, after, { maxEditLength: MAX_EDITS }) ?? [
    { value: before, added: false, removed: true, count: before.length },
    { value: after, added: true, removed: false, count: after.length },
  ];
  const runs: Run[] = changes.map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', words: change.value }));
  return mergeRuns(absorbShortEqualities(runs));
}

/**
 * Two rewritten sentences often share a stray "and" or "the": kept as common words, they chop the change into
 * confetti. A common stretch of at most two words between two changes is shown as removed and re-added instead.
 */
function absorbShortEqualities(runs: Run[]): Run[] {
  return runs.flatMap((run, i) => {
    const between = i > 0 && i < runs.length - 1 && runs[i - 1]!.kind !== 'same' && runs[i + 1]!.kind !== 'same';
    if (run.kind !== 'same' || !between || run.words.length > 2) return [run];
    return [
      { kind: 'removed', words: run.words },
      { kind: 'added', words: run.words },
    ];
  });
}

/** Joins neighbouring changes into one removed run followed by one added run, so each edit reads "~old~ *new*". */
function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length > 0) out.push({ kind: 'removed', words: removed });
    if (added.length > 0) out.push({ kind: 'added', words: added });
    removed = [];
    added = [];
  };
  for (const run of runs) {
    if (run.words.length === 0) continue;
    if (run.kind === 'removed') removed = [...removed, ...run.words];
    else if (run.kind === 'added') added = [...added, ...run.words];
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.kind === 'same') last.words = [...last.words, ...run.words];
      else out.push({ kind: 'same', words: [...run.words] });
    }
  }
  flush();
  return out;
}

export function countWords(runs: readonly Run[], kind: RunKind): number {
  return runs.filter((run) => run.kind === kind).reduce((sum, run) => sum + run.words.length, 0);
}

/**
 * Formatting characters inside the text become look-alikes that mrkdwn does not read, so a catalog text holding
 * `*`, `_`, `~` or a backtick can neither close a marker early nor open one that never ends. (A zero-width space,
 * as escapeMrkdwn uses, is enough outside markers; inside a marked run only a different character is certain.)
 */
const NEUTRAL: Record<string, string> = { '*': '\u2217', _: '\uFF3F', '~': '\u223C', '`': '\u02CB' };

export function neutralizeWord(word: string): string {
  return word
    .replace(/[*_~`]/g, (char) => NEUTRAL[char]!)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const MARKER: Record<RunKind, string> = { same: '', added: '*', removed: '~' };

/**
 * The runs as one mrkdwn line of at most `max` characters. Markers wrap whole words (never leading or trailing
 * whitespace, which would stop Slack reading them). When the line is cut, it is cut between words and any open
 * marker is closed first, so a cut never leaves formatting hanging.
 */
export function renderRuns(runs: readonly Run[], max: number): string {
  const ellipsis = ' …';
  let line = '';
  for (const run of runs) {
    const marker = MARKER[run.kind];
    const words = run.words.map(neutralizeWord);
    const whole = `${line === '' ? '' : ' '}${marker}${words.join(' ')}${marker}`;
    if (line.length + whole.length <= max) {
      line += whole;
      continue;
    }
    // Does not fit: take as many of its words as fit with the marker closed and the ellipsis after it.
    let partial = '';
    for (const word of words) {
      const next = partial === '' ? word : `${partial} ${word}`;
      const cost = (line === '' ? 0 : 1) + marker.length * 2 + next.length + ellipsis.length;
      if (line.length + cost > max) break;
      partial = next;
    }
    if (partial !== '') line += `${line === '' ? '' : ' '}${marker}${partial}${marker}`;
    return line.length + ellipsis.length <= max ? `${line}${ellipsis}` : line;
  }
  return line;
}
