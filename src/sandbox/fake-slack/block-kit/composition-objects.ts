/** Composition objects shared by elements and blocks: text, confirm dialogs, options, placeholders, dispatch config. */
import { BLOCK_KIT_LIMITS } from './limits.js';
import { checkArray, checkBoolean, checkEnum, checkKeys, checkRequired, checkString, isObject, type Json } from './primitive-checks.js';
import { NO_SCHEMA, problem, type Problems } from './problems.js';

export type TextKind = 'plain_text' | 'any';

/**
 * A text composition object: `plain_text` (may carry `emoji`) or `mrkdwn` (may carry `verbatim`); text 1..max
 * characters (docs/slack-limits.md#elements-and-composition-objects; field limits override the 3000 default).
 */
export function checkText(value: unknown, pointer: string, max: number, kind: TextKind = 'any'): Problems {
  if (value === undefined) return [];
  if (!isObject(value)) return [problem(pointer, 'must provide an object')];
  const allowedTypes = kind === 'plain_text' ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (value.type === undefined) return [problem(`${pointer}/type`, 'missing required field: type')];
  if (!allowedTypes.includes(value.type as string)) {
    return [problem(pointer, `${NO_SCHEMA} (text type must be ${allowedTypes.join(' or ')}, got ${JSON.stringify(value.type)})`)];
  }
  const allowedKeys = value.type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'];
  return [
    ...checkKeys(value, allowedKeys, pointer),
    ...checkRequired(value, ['text'], pointer),
    ...checkString(value.text, `${pointer}/text`, max, 1),
    ...checkBoolean(value.emoji, `${pointer}/emoji`),
    ...checkBoolean(value.verbatim, `${pointer}/verbatim`),
  ];
}

export function checkActionId(value: unknown, pointer: string): Problems {
  return checkString(value, pointer, BLOCK_KIT_LIMITS.actionId, 1);
}

export function checkUrl(value: unknown, pointer: string, max: number): Problems {
  const base = checkString(value, pointer, max, 1);
  if (base.length > 0 || typeof value !== 'string') return base;
  return /^[a-z][a-z0-9+.-]*:/i.test(value) ? [] : [problem(pointer, 'must be a valid URL')];
}

/**
 * Confirmation dialog (title 100, text 300, confirm 30, deny 30). @slack/types marks title/confirm/deny
 * optional while the docs list them as required; requiring all four is the side that cannot fail in Slack.
 */
export function checkConfirm(value: unknown, pointer: string): Problems {
  if (value === undefined) return [];
  if (!isObject(value)) return [problem(pointer, 'must provide an object')];
  const L = BLOCK_KIT_LIMITS;
  return [
    ...checkKeys(value, ['title', 'text', 'confirm', 'deny', 'style'], pointer),
    ...checkRequired(value, ['title', 'text', 'confirm', 'deny'], pointer),
    ...checkText(value.title, `${pointer}/title`, L.confirmTitle, 'plain_text'),
    ...checkText(value.text, `${pointer}/text`, L.confirmText),
    ...checkText(value.confirm, `${pointer}/confirm`, L.confirmButton, 'plain_text'),
    ...checkText(value.deny, `${pointer}/deny`, L.confirmButton, 'plain_text'),
    ...checkEnum(value.style, `${pointer}/style`, ['primary', 'danger']),
  ];
}

export interface OptionRules {
  text: TextKind; // plain_text for selects / overflow, plain_text or mrkdwn for radio / checkboxes
  allowUrl: boolean; // overflow only
}

/** Option object: text ≤75, value ≤75 (safe side of 75/150), description ≤75, url ≤3000. */
export function checkOption(value: unknown, pointer: string, rules: OptionRules): Problems {
  if (!isObject(value)) return [problem(pointer, 'must provide an object')];
  const L = BLOCK_KIT_LIMITS;
  const keys = rules.allowUrl ? ['text', 'value', 'description', 'url'] : ['text', 'value', 'description'];
  return [
    ...checkKeys(value, keys, pointer),
    ...checkRequired(value, ['text', 'value'], pointer),
    ...checkText(value.text, `${pointer}/text`, L.optionText, rules.text),
    ...checkString(value.value, `${pointer}/value`, L.optionValue, 1),
    ...checkText(value.description, `${pointer}/description`, L.optionDescription, rules.text),
    ...(rules.allowUrl ? checkUrl(value.url, `${pointer}/url`, L.optionUrl) : []),
  ];
}

export function checkOptionList(value: unknown, pointer: string, max: number, min: number, rules: OptionRules): Problems {
  const { items, problems } = checkArray(value, pointer, max, min);
  return [...problems, ...items.flatMap((option, i) => checkOption(option, `${pointer}/${i}`, rules))];
}

/** Slack compares initial options with the listed options; matching on value and visible text is enough here. */
function sameOption(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  const textOf = (o: Json): unknown => (isObject(o.text) ? o.text.text : undefined);
  return a.value === b.value && textOf(a) === textOf(b);
}

export function checkInitialOptions(initial: unknown, pointer: string, options: unknown[], many: boolean): Problems {
  if (initial === undefined) return [];
  if (many) {
    const { items, problems } = checkArray(initial, pointer, Number.MAX_SAFE_INTEGER);
    return [...problems, ...items.flatMap((item, i) => checkInitialOptions(item, `${pointer}/${i}`, options, false))];
  }
  if (!isObject(initial)) return [problem(pointer, 'must provide an object')];
  return options.some((option) => sameOption(option, initial)) ? [] : [problem(pointer, 'must match one of the provided options')];
}

export function checkPlaceholder(value: unknown, pointer: string): Problems {
  return checkText(value, pointer, BLOCK_KIT_LIMITS.placeholder, 'plain_text');
}

export function checkDispatchConfig(value: unknown, pointer: string): Problems {
  if (value === undefined) return [];
  if (!isObject(value)) return [problem(pointer, 'must provide an object')];
  const { items, problems } = checkArray(value.trigger_actions_on, `${pointer}/trigger_actions_on`, 2, 1);
  return [
    ...checkKeys(value, ['trigger_actions_on'], pointer),
    ...problems,
    ...items.flatMap((item, i) => checkEnum(item, `${pointer}/trigger_actions_on/${i}`, ['on_enter_pressed', 'on_character_entered'])),
  ];
}
