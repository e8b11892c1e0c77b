/** A surface's whole `blocks` array: its size, every block, and the rules that span blocks (unique ids, one focus, totals). */
import { checkBlock } from './blocks.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { checkArray, isObject, type Json } from './primitive-checks.js';
import { type BlockKitProblem, problem, type Problems, tooLong } from './problems.js';

export type Surface = 'message' | 'modal' | 'home';

/** Interactive elements of one block with their pointers (actions elements, section accessory, input element). */
function elementsOf(block: Json, pointer: string): { el: Json; pointer: string }[] {
  const found: { el: Json; pointer: string }[] = [];
  if (Array.isArray(block.elements) && block.type === 'actions') {
    block.elements.forEach((el, i) => {
      if (isObject(el)) found.push({ el, pointer: `${pointer}/elements/${i}` });
    });
  }
  if (isObject(block.accessory)) found.push({ el: block.accessory, pointer: `${pointer}/accessory` });
  if (isObject(block.element)) found.push({ el: block.element, pointer: `${pointer}/element` });
  return found;
}

/** block_id unique within the surface; action_id unique within its block. */
function checkIds(blocks: unknown[], prefix: string): Problems {
  const out: Problems = [];
  const blockIds = new Map<string, string>();
  blocks.forEach((block, i) => {
    if (!isObject(block)) return;
    const pointer = `${prefix}/blocks/${i}`;
    if (typeof block.block_id === 'string') {
      const first = blockIds.get(block.block_id);
      if (first !== undefined) out.push(problem(`${pointer}/block_id`, `duplicate block_id ${JSON.stringify(block.block_id)}: must be unique (first used at ${first})`));
      else blockIds.set(block.block_id, `${pointer}/block_id`);
    }
    const actionIds = new Map<string, string>();
    for (const { el, pointer: ep } of elementsOf(block, pointer)) {
      if (typeof el.action_id !== 'string') continue;
      const first = actionIds.get(el.action_id);
      if (first !== undefined) out.push(problem(`${ep}/action_id`, `duplicate action_id ${JSON.stringify(el.action_id)}: must be unique within the block (first used at ${first})`));
      else actionIds.set(el.action_id, `${ep}/action_id`);
    }
  });
  return out;
}

/** Only one element per surface may take focus on load (focus_on_load docs, `@slack/types` Focusable). */
function checkFocus(blocks: unknown[], prefix: string): Problems {
  const focused = blocks.flatMap((block, i) => (isObject(block) ? elementsOf(block, `${prefix}/blocks/${i}`) : [])).filter(({ el }) => el.focus_on_load === true);
  return focused.slice(1).map(({ pointer }) => problem(`${pointer}/focus_on_load`, 'only one element per surface may set focus_on_load to true'));
}

/** The 12,000-character markdown limit is cumulative across all markdown blocks of one payload. */
function checkMarkdownTotal(blocks: unknown[], prefix: string): Problems {
  const total = blocks.reduce<number>((sum, b) => sum + (isObject(b) && b.type === 'markdown' && typeof b.text === 'string' ? b.text.length : 0), 0);
  return total > BLOCK_KIT_LIMITS.markdownText
    ? [problem(`${prefix}/blocks`, `markdown blocks ${tooLong(BLOCK_KIT_LIMITS.markdownText)} in total (got ${total})`)]
    : [];
}

/**
 * Validates a `blocks` array for one surface: 50 blocks in a message, 100 in a modal or Home tab, every
 * block and element, id uniqueness, and the markdown total. `pointerPrefix` is `''` for messages, `/view` for views.
 */
export function validateBlocks(blocks: unknown, surface: Surface, pointerPrefix = ''): BlockKitProblem[] {
  const max = surface === 'message' ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
  if (blocks === undefined) return [problem(`${pointerPrefix}/blocks`, 'missing required field: blocks')];
  const { items, problems } = checkArray(blocks, `${pointerPrefix}/blocks`, max);
  return [
    ...problems,
    ...items.flatMap((block, i) => checkBlock(block, `${pointerPrefix}/blocks/${i}`)),
    ...checkIds(items, pointerPrefix),
    ...checkFocus(items, pointerPrefix),
    ...checkMarkdownTotal(items, pointerPrefix),
  ];
}

/**
 * Counts every `text` string inside the blocks (text objects, options, rich text, markdown). Slack rejects
 * messages whose blocks carry roughly 12–13k text characters with `msg_blocks_too_long` (docs/slack-limits.md#message-text); counting all
 * `text` fields over-approximates, which is the safe side.
 */
export function blockTextLength(blocks: unknown): number {
  const walk = (value: unknown, key: string | undefined): number => {
    if (typeof value === 'string') return key === 'text' ? value.length : 0;
    if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + walk(item, undefined), 0);
    if (isObject(value)) return Object.entries(value).reduce<number>((sum, [k, v]) => sum + walk(v, k), 0);
    return 0;
  };
  return walk(blocks, undefined);
}
