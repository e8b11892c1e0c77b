/** One block of each supported type (section, header, context, divider, actions, input, image, rich_text, markdown). */
import { checkText } from './composition-objects.js';
import { checkElement, checkImageElement, checkImageSource } from './elements.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { checkArray, checkBoolean, checkKeys, checkRequired, checkString, isObject, type Json } from './primitive-checks.js';
import { NO_SCHEMA, problem, type Problems } from './problems.js';
import { checkRichContainer } from './rich-text.js';

type BlockChecker = (block: Json, pointer: string) => Problems;

function checkBlockKeys(block: Json, keys: readonly string[], pointer: string): Problems {
  return checkKeys(block, ['type', 'block_id', ...keys], pointer);
}

const checkSection: BlockChecker = (b, p) => {
  const L = BLOCK_KIT_LIMITS;
  const out: Problems = [
    ...checkBlockKeys(b, ['text', 'fields', 'accessory', 'expand'], p),
    ...checkText(b.text, `${p}/text`, L.sectionText),
    ...checkBoolean(b.expand, `${p}/expand`),
  ];
  // A section needs text or fields; fields ≤10, each ≤2000.
  if (b.text === undefined && b.fields === undefined) out.push(problem(p, `${NO_SCHEMA} (section requires text or fields)`));
  const fields = checkArray(b.fields, `${p}/fields`, L.sectionFields, 1);
  out.push(...fields.problems, ...fields.items.flatMap((f, i) => checkText(f, `${p}/fields/${i}`, L.sectionFieldText)));
  if (b.accessory !== undefined) out.push(...checkElement(b.accessory, `${p}/accessory`, 'section accessory'));
  return out;
};

const checkHeader: BlockChecker = (b, p) => [
  ...checkBlockKeys(b, ['text'], p),
  ...checkRequired(b, ['text'], p),
  // Header text is plain_text only, ≤150.
  ...checkText(b.text, `${p}/text`, BLOCK_KIT_LIMITS.headerText, 'plain_text'),
];

const checkContext: BlockChecker = (b, p) => {
  const { items, problems } = checkArray(b.elements, `${p}/elements`, BLOCK_KIT_LIMITS.contextElements, 1);
  return [
    ...checkBlockKeys(b, ['elements'], p),
    ...checkRequired(b, ['elements'], p),
    ...problems,
    // Context elements are image / plain_text / mrkdwn, at most 10.
    ...items.flatMap((el, i) => {
      const ep = `${p}/elements/${i}`;
      if (isObject(el) && el.type === 'image') return checkImageElement(el, ep);
      if (isObject(el) && (el.type === 'plain_text' || el.type === 'mrkdwn')) return checkText(el, ep, BLOCK_KIT_LIMITS.textObject);
      return [problem(ep, `${NO_SCHEMA} (context elements must be image, plain_text or mrkdwn)`)];
    }),
  ];
};

const checkDivider: BlockChecker = (b, p) => checkBlockKeys(b, [], p);

const checkActions: BlockChecker = (b, p) => {
  const { items, problems } = checkArray(b.elements, `${p}/elements`, BLOCK_KIT_LIMITS.actionsElements, 1);
  return [
    ...checkBlockKeys(b, ['elements'], p),
    ...checkRequired(b, ['elements'], p),
    ...problems,
    ...items.flatMap((el, i) => checkElement(el, `${p}/elements/${i}`, 'actions block')),
  ];
};

const checkInput: BlockChecker = (b, p) => {
  const L = BLOCK_KIT_LIMITS;
  return [
    ...checkBlockKeys(b, ['label', 'element', 'hint', 'optional', 'dispatch_action'], p),
    ...checkRequired(b, ['label', 'element'], p),
    // Label and hint are plain_text ≤2000; optional / dispatch_action are booleans.
    ...checkText(b.label, `${p}/label`, L.inputLabel, 'plain_text'),
    ...checkText(b.hint, `${p}/hint`, L.inputHint, 'plain_text'),
    ...checkBoolean(b.optional, `${p}/optional`),
    ...checkBoolean(b.dispatch_action, `${p}/dispatch_action`),
    ...(b.element === undefined ? [] : checkElement(b.element, `${p}/element`, 'input block')),
  ];
};

const checkImageBlock: BlockChecker = (b, p) => [
  ...checkBlockKeys(b, ['image_url', 'slack_file', 'alt_text', 'title'], p),
  ...checkImageSource(b, p),
  ...checkText(b.title, `${p}/title`, BLOCK_KIT_LIMITS.imageTitle, 'plain_text'),
];

const checkMarkdown: BlockChecker = (b, p) => [
  ...checkBlockKeys(b, ['text'], p),
  ...checkRequired(b, ['text'], p),
  ...checkString(b.text, `${p}/text`, BLOCK_KIT_LIMITS.markdownText, 1),
];

const checkRichText: BlockChecker = (b, p) => {
  const { items, problems } = checkArray(b.elements, `${p}/elements`, Number.MAX_SAFE_INTEGER, 1);
  return [
    ...checkBlockKeys(b, ['elements'], p),
    ...checkRequired(b, ['elements'], p),
    ...problems,
    ...items.flatMap((el, i) => checkRichContainer(el, `${p}/elements/${i}`)),
  ];
};

const BLOCK_CHECKERS: Readonly<Record<string, BlockChecker>> = {
  section: checkSection,
  header: checkHeader,
  context: checkContext,
  divider: checkDivider,
  actions: checkActions,
  input: checkInput,
  image: checkImageBlock,
  rich_text: checkRichText,
  markdown: checkMarkdown,
};

/** Real Slack block types that Skill Ladder does not use: reported distinctly so the message is not misleading. */
const UNSUPPORTED_BLOCKS = ['video', 'file', 'table', 'context_actions', 'alert', 'card', 'carousel', 'container', 'data_table', 'task_card', 'plan'];

export function checkBlock(block: unknown, pointer: string): Problems {
  if (!isObject(block)) return [problem(pointer, 'must provide an object')];
  if (block.type === undefined) return [problem(`${pointer}/type`, 'missing required field: type')];
  const checker = BLOCK_CHECKERS[String(block.type)];
  if (!checker) {
    const detail = UNSUPPORTED_BLOCKS.includes(String(block.type))
      ? `block type "${String(block.type)}" is not supported by this validator`
      : `unknown block type ${JSON.stringify(block.type)}`;
    return [problem(pointer, `${NO_SCHEMA} (${detail})`)];
  }
  return [...checkString(block.block_id, `${pointer}/block_id`, BLOCK_KIT_LIMITS.blockId, 1), ...checker(block, pointer)];
}
