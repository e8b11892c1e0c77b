/** Interactive and image elements, and which container (section accessory, actions, input) accepts each. */
import {
  checkActionId,
  checkConfirm,
  checkDispatchConfig,
  checkInitialOptions,
  checkOption,
  checkOptionList,
  checkPlaceholder,
  checkText,
  checkUrl,
  type OptionRules,
} from './composition-objects.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import {
  checkArray,
  checkBoolean,
  checkEnum,
  checkInteger,
  checkKeys,
  checkRequired,
  checkString,
  checkStringList,
  isObject,
  isValidDate,
  isValidTimeZone,
  type Json,
} from './primitive-checks.js';
import { NO_SCHEMA, problem, type Problems } from './problems.js';

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
export function checkImageSource(el: Json, p: string): Problems {
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

export const checkImageElement: ElementChecker = (el, p) => [...checkKeys(el, ['type', 'image_url', 'slack_file', 'alt_text'], p), ...checkImageSource(el, p)];

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

export function checkElement(value: unknown, pointer: string, placement: Placement): Problems {
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
