/**
 * What Slack's client does with a Block Kit surface when someone interacts with it: find the element that was
 * clicked, describe the click as an `actions[]` entry, and keep `state.values` for the inputs. Pure; inputs are the
 * blocks the app sent (already validated by the fake Slack) and the person's choice from the page (untrusted).
 */

type Json = Record<string, unknown>;

export interface ElementRef {
  /** Index of the block in the surface; narrows the search when several blocks reuse an action_id. */
  blockIndex?: number | undefined;
  actionId: string;
}

export interface FoundElement {
  block: Json;
  /** The block's id, or the one Slack would make up for a block that has none (stable for the same index). */
  blockId: string;
  element: Json;
}

/** The person's choice, as the page reports it. Which field matters depends on the element type. */
export interface ElementChoice {
  /** static_select, radio_buttons, overflow: the chosen option's value; users_select: the chosen user id. */
  selectedOption?: string | undefined;
  /** checkboxes / multi selects: the chosen options' values. */
  selectedOptions?: string[] | undefined;
  selectedDate?: string | undefined;
  selectedTime?: string | undefined;
  /** plain_text_input with dispatch_action. */
  value?: string | undefined;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Slack generates a block_id for blocks sent without one; any stable string will do for a given message. */
export function blockIdFor(block: Json, index: number): string {
  return typeof block.block_id === 'string' && block.block_id !== '' ? block.block_id : `sbx-${index}`;
}

/** The interactive elements of a block: an actions block's elements, a section's accessory, an input's element. */
export function elementsOf(block: Json): Json[] {
  const found: unknown[] = [];
  if (Array.isArray(block.elements) && block.type === 'actions') found.push(...(block.elements as unknown[]));
  if (block.accessory !== undefined) found.push(block.accessory);
  if (block.element !== undefined) found.push(block.element);
  return found.filter(isObject);
}

export function findElement(blocks: unknown[], ref: ElementRef): FoundElement | undefined {
  for (const [index, block] of blocks.entries()) {
    if (!isObject(block)) continue;
    if (ref.blockIndex !== undefined && ref.blockIndex !== index) continue;
    const element = elementsOf(block).find((candidate) => candidate.action_id === ref.actionId);
    if (element) return { block, blockId: blockIdFor(block, index), element };
  }
  return undefined;
}

/** Every option of a select, radio group, checkbox group or overflow menu (option groups flattened). */
export function optionsOf(element: Json): Json[] {
  const options: unknown[] = Array.isArray(element.options) ? [...(element.options as unknown[])] : [];
  if (Array.isArray(element.option_groups)) {
    for (const group of element.option_groups as unknown[]) {
      if (isObject(group) && Array.isArray(group.options)) options.push(...(group.options as unknown[]));
    }
  }
  return options.filter(isObject);
}

function optionByValue(element: Json, value: string | undefined): Json | undefined {
  if (value === undefined) return undefined;
  return optionsOf(element).find((option) => option.value === value);
}

/** What an element holds before anyone touches it (its `initial_*`), in `state.values` form; undefined = no state. */
export function initialState(element: Json): Json | undefined {
  const type = String(element.type);
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: isObject(element.initial_option) ? element.initial_option : null };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: Array.isArray(element.initial_options) ? element.initial_options : [] };
    case 'users_select':
      return { type, selected_user: typeof element.initial_user === 'string' ? element.initial_user : null };
    case 'datepicker':
      return { type, selected_date: typeof element.initial_date === 'string' ? element.initial_date : null };
    case 'timepicker':
      return { type, selected_time: typeof element.initial_time === 'string' ? element.initial_time : null };
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: typeof element.initial_value === 'string' ? element.initial_value : null };
    default:
      return undefined; // buttons and overflow menus hold no state
  }
}

/**
 * The element's state after the person's choice, or undefined when the choice does not fit the element (an
 * option it does not offer, a malformed date): Slack's client could not have produced it.
 */
export function chosenState(element: Json, choice: ElementChoice): Json | undefined {
  const type = String(element.type);
  switch (type) {
    case 'static_select':
    case 'radio_buttons': {
      if (choice.selectedOption === undefined || choice.selectedOption === '') return { type, selected_option: null };
      const option = optionByValue(element, choice.selectedOption);
      return option ? { type, selected_option: option } : undefined;
    }
    case 'users_select':
      if (choice.selectedOption === undefined || choice.selectedOption === '') return { type, selected_user: null };
      return /^[UW][A-Z0-9]{1,30}$/.test(choice.selectedOption) ? { type, selected_user: choice.selectedOption } : undefined;
    case 'multi_static_select':
    case 'checkboxes': {
      const options = (choice.selectedOptions ?? []).map((value) => optionByValue(element, value));
      return options.every(Boolean) ? { type, selected_options: options } : undefined;
    }
    case 'datepicker':
      if (choice.selectedDate === undefined || choice.selectedDate === '') return { type, selected_date: null };
      return /^\d{4}-\d{2}-\d{2}$/.test(choice.selectedDate) ? { type, selected_date: choice.selectedDate } : undefined;
    case 'timepicker':
      if (choice.selectedTime === undefined || choice.selectedTime === '') return { type, selected_time: null };
      return /^([01]\d|2[0-3]):[0-5]\d$/.test(choice.selectedTime) ? { type, selected_time: choice.selectedTime } : undefined;
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: choice.value === undefined || choice.value === '' ? null : choice.value };
    default:
      return undefined;
  }
}

/**
 * `state.values` for a view: every stateful element's initial value, overlaid with what the person changed
 * (`edits`, keyed like state.values). Edits for blocks or actions the view no longer has are dropped, which is what
 * Slack does after a views.update that removed an input; edits that do not fit their element are ignored.
 */
export function stateValuesFor(blocks: unknown[], edits: Record<string, Record<string, ElementChoice>> = {}): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const [index, block] of blocks.entries()) {
    if (!isObject(block) || (block.type !== 'input' && block.type !== 'actions')) continue;
    const blockId = blockIdFor(block, index);
    for (const element of elementsOf(block)) {
      const actionId = typeof element.action_id === 'string' ? element.action_id : undefined;
      if (!actionId) continue;
      const edit = edits[blockId]?.[actionId];
      const state = (edit ? chosenState(element, edit) : undefined) ?? initialState(element);
      if (!state) continue;
      (values[blockId] ??= {})[actionId] = state;
    }
  }
  return values;
}

/** The `actions[]` entry for a click or a choice; undefined when the choice does not fit the element. */
export function actionEntryFor(found: FoundElement, choice: ElementChoice, actionTs: string): Json | undefined {
  const { element, blockId } = found;
  const base = { action_id: String(element.action_id), block_id: blockId, type: String(element.type), action_ts: actionTs };
  switch (element.type) {
    case 'button':
      return { ...base, text: element.text, ...(element.value !== undefined ? { value: element.value } : {}), ...(element.style ? { style: element.style } : {}) };
    case 'overflow': {
      const option = optionByValue(element, choice.selectedOption);
      return option ? { ...base, selected_option: option } : undefined;
    }
    default: {
      const state = chosenState(element, choice);
      if (!state) return undefined;
      const { type: _type, ...picked } = state;
      return { ...base, ...picked };
    }
  }
}
