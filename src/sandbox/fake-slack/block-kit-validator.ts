/**
 * A strict, pure Block Kit validator for the blocks and elements Skill Ladder uses.
 *
 * Why: Slack rejects over-limit payloads at runtime (`invalid_blocks`, `invalid_arguments`), and `@slack/types`
 * only checks shapes, not lengths. Tests and the fake Slack server run every payload through this module so a
 * limit is broken in CI rather than in a user's workspace.
 *
 * Every number below is listed in docs/slack-limits.md, in the section named next to it. Where
 * sources disagree the conservative value is used (option `value` 75, not 150). Characters are counted with JS
 * `.length` (UTF-16 code units), which is never fewer than code points: the safe side (top of docs/slack-limits.md).
 *
 * Messages read like Slack's own (`must be less than 3001 characters`, `failed to match all allowed schemas`,
 * `must define submit to use input block`) and carry a JSON pointer, so the fake server can answer with the
 * real error shape `... [json-pointer:/blocks/0/text/text]` (docs/slack-limits.md#errors-for-invalid-payloads).
 */

export type Surface = 'message' | 'modal' | 'home';

export interface BlockKitProblem {
  /** JSON pointer into the payload, e.g. `/blocks/3/text/text` or `/view/title/text`. */
  pointer: string;
  message: string;
}

/** The limits enforced here, each with its section of docs/slack-limits.md. */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50, // surfaces
  viewBlocks: 100, // surfaces
  modalTitle: 24, // surfaces
  modalButton: 24, // surfaces: submit / close
  privateMetadata: 3000, // surfaces
  callbackId: 255, // surfaces
  externalId: 255, // surfaces
  viewBytes: 250_000, // surfaces: "250 kB" (view_too_large); 1000-byte kB is the safe reading
  blockId: 255, // surfaces
  actionId: 255, // elements
  textObject: 3000, // elements: text object max; field-specific limits override
  sectionText: 3000, // blocks
  sectionFields: 10, // blocks
  sectionFieldText: 2000, // blocks
  headerText: 150, // blocks
  contextElements: 10, // blocks
  actionsElements: 25, // blocks
  inputLabel: 2000, // blocks
  inputHint: 2000, // blocks
  imageAltText: 2000, // blocks
  imageUrl: 3000, // blocks
  imageTitle: 2000, // blocks
  markdownText: 12_000, // blocks, cumulative across markdown blocks in one payload
  buttonText: 75, // elements
  buttonValue: 2000, // elements
  buttonUrl: 3000, // elements
  accessibilityLabel: 75, // elements
  placeholder: 150, // elements
  selectOptions: 100, // elements
  optionGroups: 100, // elements
  optionGroupLabel: 75, // elements
  optionText: 75, // elements
  optionValue: 75, // elements: docs say 150, @slack/types says 75 → 75 is safe
  optionDescription: 75, // elements
  optionUrl: 3000, // elements
  choiceOptions: 10, // elements: radio_buttons / checkboxes
  overflowOptions: 5, // elements (1–5)
  inputLength: 3000, // elements: plain_text_input min_length 0–3000, max_length 1–3000
  confirmTitle: 100, // elements
  confirmText: 300, // elements
  confirmButton: 30, // elements: confirm / deny
  messageText: 40_000, // message text: longer text is truncated (message_truncated); keep ≤ 4,000 as guidance
  messageBlocksText: 12_000, // message text: msg_blocks_too_long, undocumented cumulative limit
} as const;

type Json = Record<string, unknown>;
type Problems = BlockKitProblem[];

const problem = (pointer: string, message: string): BlockKitProblem => ({ pointer, message });

/** Slack phrases length limits as "less than max+1" (a 24-character title fails with `must be less than 25 characters`). */
const tooLong = (max: number): string => `must be less than ${max + 1} characters`;
const tooShort = (min: number): string => `must be more than ${min - 1} characters`;
const tooMany = (max: number): string => `no more than ${max} items allowed`;
const NO_SCHEMA = 'failed to match all allowed schemas';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Formats a problem the way Slack's `errors[]` / `response_metadata.messages` lines end (docs/slack-limits.md#errors-for-invalid-payloads). */
export function formatProblem(p: BlockKitProblem): string {
  return `${p.message} [json-pointer:${p.pointer}]`;
}

// ---------------------------------------------------------------------------------------------------------------
// Primitive checks
// ---------------------------------------------------------------------------------------------------------------

/** Unknown keys are rejected by Slack as `invalid additional property: <key>` (docs/slack-limits.md#errors-for-invalid-payloads). */
function checkKeys(obj: Json, allowed: readonly string[], pointer: string): Problems {
  return Object.keys(obj)
    .filter((key) => !allowed.includes(key))
    .map((key) => problem(pointer, `invalid additional property: ${key}`));
}

function checkRequired(obj: Json, keys: readonly string[], pointer: string): Problems {
  return keys.filter((key) => obj[key] === undefined).map((key) => problem(`${pointer}/${key}`, `missing required field: ${key}`));
}

function checkString(value: unknown, pointer: string, max: number, min = 0): Problems {
  if (value === undefined) return [];
  if (typeof value !== 'string') return [problem(pointer, 'must provide a string')];
  if (value.length < min) return [problem(pointer, tooShort(min))];
  if (value.length > max) return [problem(pointer, tooLong(max))];
  return [];
}

function checkBoolean(value: unknown, pointer: string): Problems {
  return value === undefined || typeof value === 'boolean' ? [] : [problem(pointer, 'must provide a boolean')];
}

function checkInteger(value: unknown, pointer: string, min: number, max = Number.MAX_SAFE_INTEGER): Problems {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) return [problem(pointer, 'must provide an integer')];
  if (value < min) return [problem(pointer, `must be greater than or equal to ${min}`)];
  if (value > max) return [problem(pointer, `must be less than or equal to ${max}`)];
  return [];
}

function checkEnum(value: unknown, pointer: string, allowed: readonly unknown[]): Problems {
  if (value === undefined || allowed.includes(value)) return [];
  return [problem(pointer, `must be a valid enum value (one of: ${allowed.join(', ')})`)];
}

/** Checks an array's type and size; returns the array (or undefined) so callers can walk its items. */
function checkArray(value: unknown, pointer: string, max: number, min = 0): { items: unknown[]; problems: Problems } {
  if (value === undefined) return { items: [], problems: [] };
  if (!Array.isArray(value)) return { items: [], problems: [problem(pointer, 'must provide an array')] };
  if (value.length < min) return { items: value, problems: [problem(pointer, `must provide at least ${min} item${min === 1 ? '' : 's'}`)] };
  if (value.length > max) return { items: value, problems: [problem(pointer, tooMany(max))] };
  return { items: value, problems: [] };
}

type TextKind = 'plain_text' | 'any';

/**
 * A text composition object: `plain_text` (may carry `emoji`) or `mrkdwn` (may carry `verbatim`); text 1..max
 * characters (docs/slack-limits.md#elements-and-composition-objects; field limits override the 3000 default).
 */
function checkText(value: unknown, pointer: string, max: number, kind: TextKind = 'any'): Problems {
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

function checkActionId(value: unknown, pointer: string): Problems {
  return checkString(value, pointer, BLOCK_KIT_LIMITS.actionId, 1);
}

function checkUrl(value: unknown, pointer: string, max: number): Problems {
  const base = checkString(value, pointer, max, 1);
  if (base.length > 0 || typeof value !== 'string') return base;
  return /^[a-z][a-z0-9+.-]*:/i.test(value) ? [] : [problem(pointer, 'must be a valid URL')];
}

/**
 * Confirmation dialog (title 100, text 300, confirm 30, deny 30). @slack/types marks title/confirm/deny
 * optional while the docs list them as required; requiring all four is the side that cannot fail in Slack.
 */
function checkConfirm(value: unknown, pointer: string): Problems {
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

interface OptionRules {
  text: TextKind; // plain_text for selects / overflow, plain_text or mrkdwn for radio / checkboxes
  allowUrl: boolean; // overflow only
}

/** Option object: text ≤75, value ≤75 (safe side of 75/150), description ≤75, url ≤3000. */
function checkOption(value: unknown, pointer: string, rules: OptionRules): Problems {
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

function checkOptionList(value: unknown, pointer: string, max: number, min: number, rules: OptionRules): Problems {
  const { items, problems } = checkArray(value, pointer, max, min);
  return [...problems, ...items.flatMap((option, i) => checkOption(option, `${pointer}/${i}`, rules))];
}

/** Slack compares initial options with the listed options; matching on value and visible text is enough here. */
function sameOption(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  const textOf = (o: Json): unknown => (isObject(o.text) ? o.text.text : undefined);
  return a.value === b.value && textOf(a) === textOf(b);
}

function checkInitialOptions(initial: unknown, pointer: string, options: unknown[], many: boolean): Problems {
  if (initial === undefined) return [];
  if (many) {
    const { items, problems } = checkArray(initial, pointer, Number.MAX_SAFE_INTEGER);
    return [...problems, ...items.flatMap((item, i) => checkInitialOptions(item, `${pointer}/${i}`, options, false))];
  }
  if (!isObject(initial)) return [problem(pointer, 'must provide an object')];
  return options.some((option) => sameOption(option, initial)) ? [] : [problem(pointer, 'must match one of the provided options')];
}

function checkPlaceholder(value: unknown, pointer: string): Problems {
  return checkText(value, pointer, BLOCK_KIT_LIMITS.placeholder, 'plain_text');
}

function checkDispatchConfig(value: unknown, pointer: string): Problems {
  if (value === undefined) return [];
  if (!isObject(value)) return [problem(pointer, 'must provide an object')];
  const { items, problems } = checkArray(value.trigger_actions_on, `${pointer}/trigger_actions_on`, 2, 1);
  return [
    ...checkKeys(value, ['trigger_actions_on'], pointer),
    ...problems,
    ...items.flatMap((item, i) => checkEnum(item, `${pointer}/trigger_actions_on/${i}`, ['on_enter_pressed', 'on_character_entered'])),
  ];
}

function checkStringList(value: unknown, pointer: string): Problems {
  const { items, problems } = checkArray(value, pointer, Number.MAX_SAFE_INTEGER);
  return [...problems, ...items.flatMap((item, i) => checkString(item, `${pointer}/${i}`, BLOCK_KIT_LIMITS.textObject, 1))];
}

function isValidDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Elements
// ---------------------------------------------------------------------------------------------------------------

type ElementChecker = (el: Json, pointer: string) => Problems;

const COMMON = ['type', 'action_id'] as const;

/** Keys every interactive element shares: action_id ≤255, confirm dialog, focus_on_load boolean. */
function checkCommon(el: Json, pointer: string): Problems {
  return [
    ...checkActionId(el.action_id, `${pointer}/action_id`),
    ...checkConfirm(el.confirm, `${pointer}/confirm`),
    ...checkBoolean(el.focus_on_load, `${pointer}/focus_on_load`),
  ];
}

const checkButton: ElementChecker = (el, p) => {
  const L = BLOCK_KIT_LIMITS;
  return [
    ...checkKeys(el, [...COMMON, 'text', 'value', 'url', 'style', 'confirm', 'accessibility_label'], p),
    ...checkRequired(el, ['text'], p),
    ...checkCommon(el, p),
    ...checkText(el.text, `${p}/text`, L.buttonText, 'plain_text'),
    ...checkString(el.value, `${p}/value`, L.buttonValue),
    ...checkUrl(el.url, `${p}/url`, L.buttonUrl),
    // `primary` | `danger`; omit the field for the default style.
    ...checkEnum(el.style, `${p}/style`, ['primary', 'danger']),
    ...checkString(el.accessibility_label, `${p}/accessibility_label`, L.accessibilityLabel, 1),
  ];
};

/** static_select / multi_static_select: options ≤100 or option_groups ≤100, exactly one of them. */
function checkStaticSelect(el: Json, p: string, multi: boolean): Problems {
  const L = BLOCK_KIT_LIMITS;
  const rules: OptionRules = { text: 'plain_text', allowUrl: false };
  const keys = [...COMMON, 'placeholder', 'options', 'option_groups', 'confirm', 'focus_on_load'];
  const out: Problems = [
    ...checkKeys(el, multi ? [...keys, 'initial_options', 'max_selected_items'] : [...keys, 'initial_option'], p),
    ...checkCommon(el, p),
    ...checkPlaceholder(el.placeholder, `${p}/placeholder`),
  ];
  const hasOptions = el.options !== undefined;
  const hasGroups = el.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    out.push(problem(p, `${NO_SCHEMA} (provide exactly one of options or option_groups)`));
  }
  const all: unknown[] = [];
  if (hasOptions) {
    out.push(...checkOptionList(el.options, `${p}/options`, L.selectOptions, 1, rules));
    if (Array.isArray(el.options)) all.push(...el.options);
  }
  if (hasGroups) {
    const groups = checkArray(el.option_groups, `${p}/option_groups`, L.optionGroups, 1);
    out.push(...groups.problems);
    groups.items.forEach((group, i) => {
      const gp = `${p}/option_groups/${i}`;
      if (!isObject(group)) {
        out.push(problem(gp, 'must provide an object'));
        return;
      }
      out.push(
        ...checkKeys(group, ['label', 'options'], gp),
        ...checkRequired(group, ['label', 'options'], gp),
        ...checkText(group.label, `${gp}/label`, L.optionGroupLabel, 'plain_text'),
        ...checkOptionList(group.options, `${gp}/options`, L.selectOptions, 1, rules),
      );
      if (Array.isArray(group.options)) all.push(...group.options);
    });
  }
  if (multi) {
    out.push(
      ...checkInitialOptions(el.initial_options, `${p}/initial_options`, all, true),
      ...checkInteger(el.max_selected_items, `${p}/max_selected_items`, 1),
    );
  } else {
    out.push(...checkInitialOptions(el.initial_option, `${p}/initial_option`, all, false));
  }
  return out;
}

/** external_select variants: options come from the app at runtime; only the static fields can be checked. */
function checkExternalSelect(el: Json, p: string, multi: boolean): Problems {
  const rules: OptionRules = { text: 'plain_text', allowUrl: false };
  const keys = [...COMMON, 'placeholder', 'min_query_length', 'confirm', 'focus_on_load'];
  return [
    ...checkKeys(el, multi ? [...keys, 'initial_options', 'max_selected_items'] : [...keys, 'initial_option'], p),
    ...checkCommon(el, p),
    ...checkPlaceholder(el.placeholder, `${p}/placeholder`),
    ...checkInteger(el.min_query_length, `${p}/min_query_length`, 0),
    ...(multi
      ? [
          ...checkInteger(el.max_selected_items, `${p}/max_selected_items`, 1),
          ...checkOptionList(el.initial_options, `${p}/initial_options`, BLOCK_KIT_LIMITS.selectOptions, 0, rules),
        ]
      : el.initial_option === undefined
        ? []
        : checkOption(el.initial_option, `${p}/initial_option`, rules)),
  ];
}

/** users / conversations / channels selects: the initial values are ids, so only their types are checked. */
function checkIdSelect(el: Json, p: string, initialKey: string, many: boolean, extraKeys: readonly string[]): Problems {
  const keys = [...COMMON, 'placeholder', 'confirm', 'focus_on_load', initialKey, ...extraKeys];
  return [
    ...checkKeys(el, many ? [...keys, 'max_selected_items'] : keys, p),
    ...checkCommon(el, p),
    ...checkPlaceholder(el.placeholder, `${p}/placeholder`),
    ...(many ? checkStringList(el[initialKey], `${p}/${initialKey}`) : checkString(el[initialKey], `${p}/${initialKey}`, 255, 1)),
    ...(many ? checkInteger(el.max_selected_items, `${p}/max_selected_items`, 1) : []),
    ...checkBoolean(el.default_to_current_conversation, `${p}/default_to_current_conversation`),
    ...checkBoolean(el.response_url_enabled, `${p}/response_url_enabled`),
  ];
}

const CONVERSATION_EXTRAS = ['default_to_current_conversation', 'filter'] as const;

const checkOverflow: ElementChecker = (el, p) => [
  ...checkKeys(el, [...COMMON, 'options', 'confirm'], p),
  ...checkRequired(el, ['options'], p),
  ...checkCommon(el, p),
  // Overflow takes 1–5 options (Slack's Python SDK validator), plain_text text, and may carry a url.
  ...checkOptionList(el.options, `${p}/options`, BLOCK_KIT_LIMITS.overflowOptions, 1, { text: 'plain_text', allowUrl: true }),
];

/** radio_buttons / checkboxes: ≤10 options, mrkdwn allowed, initial value(s) must be among the options. */
function checkChoices(el: Json, p: string, many: boolean): Problems {
  const initialKey = many ? 'initial_options' : 'initial_option';
  const options = Array.isArray(el.options) ? el.options : [];
  return [
    ...checkKeys(el, [...COMMON, 'options', initialKey, 'confirm', 'focus_on_load'], p),
    ...checkRequired(el, ['options'], p),
    ...checkCommon(el, p),
    ...checkOptionList(el.options, `${p}/options`, BLOCK_KIT_LIMITS.choiceOptions, 1, { text: 'any', allowUrl: false }),
    ...checkInitialOptions(el[initialKey], `${p}/${initialKey}`, options, many),
  ];
}

const checkPlainTextInput: ElementChecker = (el, p) => {
  const L = BLOCK_KIT_LIMITS;
  const out: Problems = [
    ...checkKeys(el, [...COMMON, 'placeholder', 'initial_value', 'multiline', 'min_length', 'max_length', 'dispatch_action_config', 'focus_on_load'], p),
    ...checkCommon(el, p),
    ...checkPlaceholder(el.placeholder, `${p}/placeholder`),
    ...checkBoolean(el.multiline, `${p}/multiline`),
    // min_length 0–3000, max_length 1–3000.
    ...checkInteger(el.min_length, `${p}/min_length`, 0, L.inputLength),
    ...checkInteger(el.max_length, `${p}/max_length`, 1, L.inputLength),
    ...checkDispatchConfig(el.dispatch_action_config, `${p}/dispatch_action_config`),
  ];
  const max = typeof el.max_length === 'number' ? Math.min(el.max_length, L.inputLength) : L.inputLength;
  out.push(...checkString(el.initial_value, `${p}/initial_value`, max));
  if (typeof el.min_length === 'number' && typeof el.max_length === 'number' && el.min_length > el.max_length) {
    out.push(problem(`${p}/min_length`, 'must be less than or equal to max_length'));
  }
  return out;
};

/** email / url / number inputs share plain_text_input's shape without length fields. */
function checkTypedInput(el: Json, p: string, extraKeys: readonly string[]): Problems {
  return [
    ...checkKeys(el, [...COMMON, 'placeholder', 'initial_value', 'dispatch_action_config', 'focus_on_load', ...extraKeys], p),
    ...checkCommon(el, p),
    ...checkPlaceholder(el.placeholder, `${p}/placeholder`),
    ...checkString(el.initial_value, `${p}/initial_value`, BLOCK_KIT_LIMITS.inputLength),
    ...checkDispatchConfig(el.dispatch_action_config, `${p}/dispatch_action_config`),
  ];
}

const checkNumberInput: ElementChecker = (el, p) => {
  const numeric = (key: string): Problems =>
    el[key] === undefined || (typeof el[key] === 'string' && el[key] !== '' && Number.isFinite(Number(el[key])))
      ? []
      : [problem(`${p}/${key}`, 'must be a string holding a number')];
  return [
    ...checkTypedInput(el, p, ['is_decimal_allowed', 'min_value', 'max_value']),
    ...checkRequired(el, ['is_decimal_allowed'], p),
    ...checkBoolean(el.is_decimal_allowed, `${p}/is_decimal_allowed`),
    ...numeric('initial_value'),
    ...numeric('min_value'),
    ...numeric('max_value'),
  ];
};

const checkDatepicker: ElementChecker = (el, p) => [
  ...checkKeys(el, [...COMMON, 'placeholder', 'initial_date', 'confirm', 'focus_on_load'], p),
  ...checkCommon(el, p),
  ...checkPlaceholder(el.placeholder, `${p}/placeholder`),
  // initial_date is YYYY-MM-DD and must be a real calendar date.
  ...(el.initial_date === undefined || (typeof el.initial_date === 'string' && isValidDate(el.initial_date))
    ? []
    : [problem(`${p}/initial_date`, 'must be a valid date in the format YYYY-MM-DD')]),
];

const checkTimepicker: ElementChecker = (el, p) => [
  ...checkKeys(el, [...COMMON, 'placeholder', 'initial_time', 'timezone', 'confirm', 'focus_on_load'], p),
  ...checkCommon(el, p),
  ...checkPlaceholder(el.placeholder, `${p}/placeholder`),
  // initial_time is 24-hour HH:mm.
  ...(el.initial_time === undefined || (typeof el.initial_time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(el.initial_time))
    ? []
    : [problem(`${p}/initial_time`, 'must be a valid time in the format HH:mm')]),
  ...(el.timezone === undefined || (typeof el.timezone === 'string' && isValidTimeZone(el.timezone))
    ? []
    : [problem(`${p}/timezone`, 'must be a valid IANA time zone')]),
];

const checkDatetimepicker: ElementChecker = (el, p) => [
  ...checkKeys(el, [...COMMON, 'initial_date_time', 'confirm', 'focus_on_load'], p),
  ...checkCommon(el, p),
  ...checkInteger(el.initial_date_time, `${p}/initial_date_time`, 0),
];

/** Image element (section accessory, context): image_url ≤3000 or slack_file, alt_text ≤2000. */
function checkImageSource(el: Json, p: string): Problems {
  const L = BLOCK_KIT_LIMITS;
  const out: Problems = [...checkRequired(el, ['alt_text'], p), ...checkString(el.alt_text, `${p}/alt_text`, L.imageAltText, 1)];
  const hasUrl = el.image_url !== undefined;
  const hasFile = el.slack_file !== undefined;
  if (hasUrl === hasFile) out.push(problem(p, `${NO_SCHEMA} (provide exactly one of image_url or slack_file)`));
  out.push(...checkUrl(el.image_url, `${p}/image_url`, L.imageUrl));
  if (hasFile) {
    const file = el.slack_file;
    if (!isObject(file)) out.push(problem(`${p}/slack_file`, 'must provide an object'));
    else if ((file.url === undefined) === (file.id === undefined)) out.push(problem(`${p}/slack_file`, `${NO_SCHEMA} (provide exactly one of url or id)`));
    else out.push(...checkKeys(file, ['url', 'id'], `${p}/slack_file`), ...checkUrl(file.url, `${p}/slack_file/url`, L.imageUrl));
  }
  return out;
}

const checkImageElement: ElementChecker = (el, p) => [...checkKeys(el, ['type', 'image_url', 'slack_file', 'alt_text'], p), ...checkImageSource(el, p)];

const ELEMENT_CHECKERS: Readonly<Record<string, ElementChecker>> = {
  button: checkButton,
  static_select: (el, p) => checkStaticSelect(el, p, false),
  multi_static_select: (el, p) => checkStaticSelect(el, p, true),
  external_select: (el, p) => checkExternalSelect(el, p, false),
  multi_external_select: (el, p) => checkExternalSelect(el, p, true),
  users_select: (el, p) => checkIdSelect(el, p, 'initial_user', false, []),
  multi_users_select: (el, p) => checkIdSelect(el, p, 'initial_users', true, []),
  conversations_select: (el, p) => checkIdSelect(el, p, 'initial_conversation', false, [...CONVERSATION_EXTRAS, 'response_url_enabled']),
  multi_conversations_select: (el, p) => checkIdSelect(el, p, 'initial_conversations', true, CONVERSATION_EXTRAS),
  channels_select: (el, p) => checkIdSelect(el, p, 'initial_channel', false, ['response_url_enabled']),
  multi_channels_select: (el, p) => checkIdSelect(el, p, 'initial_channels', true, []),
  overflow: checkOverflow,
  radio_buttons: (el, p) => checkChoices(el, p, false),
  checkboxes: (el, p) => checkChoices(el, p, true),
  plain_text_input: checkPlainTextInput,
  email_text_input: (el, p) => checkTypedInput(el, p, []),
  url_text_input: (el, p) => checkTypedInput(el, p, []),
  number_input: checkNumberInput,
  datepicker: checkDatepicker,
  timepicker: checkTimepicker,
  datetimepicker: checkDatetimepicker,
  image: checkImageElement,
};

const SELECTS = [
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
];

/** Which elements each container accepts (`@slack/types` SectionBlockAccessory / ActionsBlockElement / InputBlockElement). */
const PLACEMENTS = {
  'section accessory': [...SELECTS, 'button', 'checkboxes', 'datepicker', 'image', 'overflow', 'radio_buttons', 'timepicker'],
  'actions block': [...SELECTS, 'button', 'checkboxes', 'datepicker', 'datetimepicker', 'overflow', 'radio_buttons', 'timepicker'],
  'input block': [
    ...SELECTS,
    'checkboxes',
    'datepicker',
    'datetimepicker',
    'email_text_input',
    'number_input',
    'plain_text_input',
    'radio_buttons',
    'timepicker',
    'url_text_input',
  ],
} as const;

type Placement = keyof typeof PLACEMENTS;

function checkElement(value: unknown, pointer: string, placement: Placement): Problems {
  if (!isObject(value)) return [problem(pointer, 'must provide an object')];
  if (value.type === undefined) return [problem(`${pointer}/type`, 'missing required field: type')];
  const type = String(value.type);
  const checker = ELEMENT_CHECKERS[type];
  if (!checker) return [problem(pointer, `${NO_SCHEMA} (unknown element type ${JSON.stringify(value.type)})`)];
  if (!(PLACEMENTS[placement] as readonly string[]).includes(type)) {
    return [problem(pointer, `${NO_SCHEMA} (element type "${type}" is not allowed in a ${placement})`)];
  }
  return checker(value, pointer);
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------------------------

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

// Rich text: Slack documents no per-field limits, so only the structure is checked.

const INLINE_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  text: ['text'],
  link: ['url'],
  emoji: ['name'],
  user: ['user_id'],
  channel: ['channel_id'],
  usergroup: ['usergroup_id'],
  team: ['team_id'],
  broadcast: ['range'],
  date: ['timestamp', 'format'],
  color: ['value'],
};

function checkRichInline(el: unknown, p: string, allowedTypes: readonly string[]): Problems {
  if (!isObject(el)) return [problem(p, 'must provide an object')];
  const type = String(el.type);
  if (!allowedTypes.includes(type)) return [problem(p, `${NO_SCHEMA} (rich text element type ${JSON.stringify(el.type)} is not allowed here)`)];
  const out = [...checkRequired(el, INLINE_REQUIRED[type] ?? [], p)];
  for (const key of ['text', 'url', 'name', 'user_id', 'channel_id', 'usergroup_id', 'team_id', 'format', 'value']) {
    if (el[key] !== undefined && typeof el[key] !== 'string') out.push(problem(`${p}/${key}`, 'must provide a string'));
  }
  if (type === 'broadcast') out.push(...checkEnum(el.range, `${p}/range`, ['here', 'channel', 'everyone']));
  if (type === 'date') out.push(...checkInteger(el.timestamp, `${p}/timestamp`, 0));
  if (el.style !== undefined) {
    if (!isObject(el.style)) out.push(problem(`${p}/style`, 'must provide an object'));
    else for (const [key, v] of Object.entries(el.style)) out.push(...checkBoolean(v, `${p}/style/${key}`));
  }
  return out;
}

const INLINE_TYPES = Object.keys(INLINE_REQUIRED);

function checkRichContainer(el: unknown, p: string): Problems {
  if (!isObject(el)) return [problem(p, 'must provide an object')];
  const list = checkArray(el.elements, `${p}/elements`, Number.MAX_SAFE_INTEGER);
  const base = [...checkRequired(el, ['type', 'elements'], p), ...list.problems, ...checkEnum(el.border, `${p}/border`, [0, 1])];
  switch (el.type) {
    case 'rich_text_section':
    case 'rich_text_quote':
      return [...base, ...list.items.flatMap((item, i) => checkRichInline(item, `${p}/elements/${i}`, INLINE_TYPES))];
    case 'rich_text_preformatted':
      return [...base, ...list.items.flatMap((item, i) => checkRichInline(item, `${p}/elements/${i}`, ['text', 'link']))];
    case 'rich_text_list':
      return [
        ...base,
        ...checkRequired(el, ['style'], p),
        ...checkEnum(el.style, `${p}/style`, ['bullet', 'ordered']),
        ...checkInteger(el.indent, `${p}/indent`, 0),
        ...checkInteger(el.offset, `${p}/offset`, 0),
        ...list.items.flatMap((item, i) =>
          isObject(item) && item.type === 'rich_text_section'
            ? checkRichContainer(item, `${p}/elements/${i}`)
            : [problem(`${p}/elements/${i}`, `${NO_SCHEMA} (rich_text_list elements must be rich_text_section)`)],
        ),
      ];
    default:
      return [problem(p, `${NO_SCHEMA} (unknown rich text element type ${JSON.stringify(el.type)})`)];
  }
}

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

function checkBlock(block: unknown, pointer: string): Problems {
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

/** Top-level `text` of a message: a string ≤40,000 (longer is truncated, not rejected; aim for ≤4,000). */
export function validateMessageText(text: unknown): BlockKitProblem[] {
  if (text === undefined) return [];
  if (typeof text !== 'string') return [problem('/text', 'must provide a string')];
  return text.length > BLOCK_KIT_LIMITS.messageText ? [problem('/text', tooLong(BLOCK_KIT_LIMITS.messageText))] : [];
}

/**
 * With blocks, `text` is the notification and screen-reader fallback. Slack itself only warns, but a
 * message without it is unreadable in notifications, so this validator treats it as a problem.
 */
export function validateFallbackText(message: { text?: unknown; blocks?: unknown }): BlockKitProblem[] {
  // A non-string text is reported by validateMessageText; do not report it twice.
  if (message.text !== undefined && typeof message.text !== 'string') return [];
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  const hasText = typeof message.text === 'string' && message.text.trim().length > 0;
  if (hasText) return [];
  if (hasBlocks) return [problem('/text', 'must provide text as the notification and screen-reader fallback when using blocks')];
  return [problem('/text', 'missing required field: text (no_text)')];
}

/** Cumulative block text (msg_blocks_too_long guidance, docs/slack-limits.md#message-text). */
export function validateBlocksTextTotal(blocks: unknown): BlockKitProblem[] {
  const total = blockTextLength(blocks);
  return total > BLOCK_KIT_LIMITS.messageBlocksText
    ? [problem('/blocks', `msg_blocks_too_long: block text ${tooLong(BLOCK_KIT_LIMITS.messageBlocksText)} in total (got ${total})`)]
    : [];
}

/** A message as sent to chat.postMessage / chat.update / chat.postEphemeral / a response_url. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): BlockKitProblem[] {
  return [
    ...validateMessageText(message.text),
    ...validateFallbackText(message),
    ...(message.blocks === undefined ? [] : validateBlocks(message.blocks, 'message')),
    ...(message.blocks === undefined ? [] : validateBlocksTextTotal(message.blocks)),
  ];
}

const MODAL_KEYS = ['type', 'title', 'blocks', 'close', 'submit', 'private_metadata', 'callback_id', 'clear_on_close', 'notify_on_close', 'external_id'];
const HOME_KEYS = ['type', 'blocks', 'private_metadata', 'callback_id', 'external_id'];

/** Size of the serialised view in UTF-8 bytes; TextEncoder works in Node and in a browser. */
function viewBytes(view: unknown): number {
  return new TextEncoder().encode(JSON.stringify(view)).length;
}

/** A modal or Home tab view as sent to views.open / push / update / publish. Pointers start at `/view`. */
export function validateView(view: unknown): BlockKitProblem[] {
  const L = BLOCK_KIT_LIMITS;
  if (!isObject(view)) return [problem('/view', 'must provide an object')];
  if (view.type !== 'modal' && view.type !== 'home') {
    return [problem('/view/type', view.type === undefined ? 'missing required field: type' : 'must be a valid enum value (one of: modal, home)')];
  }
  const surface: Surface = view.type;
  const out: Problems = [
    ...checkKeys(view, surface === 'modal' ? MODAL_KEYS : HOME_KEYS, '/view'),
    ...checkString(view.private_metadata, '/view/private_metadata', L.privateMetadata),
    ...checkString(view.callback_id, '/view/callback_id', L.callbackId),
    ...checkString(view.external_id, '/view/external_id', L.externalId, 1),
    ...validateBlocks(view.blocks, surface, '/view'),
  ];
  if (surface === 'modal') {
    out.push(
      ...checkRequired(view, ['title'], '/view'),
      ...checkText(view.title, '/view/title', L.modalTitle, 'plain_text'),
      ...checkText(view.submit, '/view/submit', L.modalButton, 'plain_text'),
      ...checkText(view.close, '/view/close', L.modalButton, 'plain_text'),
      ...checkBoolean(view.clear_on_close, '/view/clear_on_close'),
      ...checkBoolean(view.notify_on_close, '/view/notify_on_close'),
    );
    // Submit is required when the modal holds an input block; the pointer mirrors Slack's real error.
    const firstInput = Array.isArray(view.blocks) ? view.blocks.findIndex((b) => isObject(b) && b.type === 'input') : -1;
    if (firstInput >= 0 && view.submit === undefined) out.push(problem(`/view/blocks/${firstInput}/input`, 'must define submit to use input block'));
  }
  const bytes = viewBytes(view);
  if (bytes > L.viewBytes) out.push(problem('/view', `view_too_large: the view is ${bytes} bytes; must be at most ${L.viewBytes}`));
  return out;
}

function problemsError(label: string, problems: Problems): Error {
  const lines = problems.map((p) => `  - ${formatProblem(p)}`).join('\n');
  return new Error(`${label} has ${problems.length} Block Kit problem${problems.length === 1 ? '' : 's'}:\n${lines}`);
}

/** Throws an Error listing every problem; for tests of block builders. */
export function assertValidMessage(message: { text?: unknown; blocks?: unknown }, label = 'message'): void {
  const problems = validateMessage(message);
  if (problems.length > 0) throw problemsError(label, problems);
}

/** Throws an Error listing every problem; for tests of modal and Home tab builders. */
export function assertValidView(view: unknown, label = 'view'): void {
  const problems = validateView(view);
  if (problems.length > 0) throw problemsError(label, problems);
}
