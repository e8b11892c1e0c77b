/** Checks of single JSON values (keys, strings, numbers, enums, arrays) that every Block Kit check builds on. */
import { BLOCK_KIT_LIMITS } from './limits.js';
import { problem, type Problems, tooLong, tooMany, tooShort } from './problems.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unknown keys are rejected by Slack as `invalid additional property: <key>` (docs/slack-limits.md#errors-for-invalid-payloads). */
export function checkKeys(obj: Json, allowed: readonly string[], pointer: string): Problems {
  return Object.keys(obj)
    .filter((key) => !allowed.includes(key))
    .map((key) => problem(pointer, `invalid additional property: ${key}`));
}

export function checkRequired(obj: Json, keys: readonly string[], pointer: string): Problems {
  return keys.filter((key) => obj[key] === undefined).map((key) => problem(`${pointer}/${key}`, `missing required field: ${key}`));
}

export function checkString(value: unknown, pointer: string, max: number, min = 0): Problems {
  if (value === undefined) return [];
  if (typeof value !== 'string') return [problem(pointer, 'must provide a string')];
  if (value.length < min) return [problem(pointer, tooShort(min))];
  if (value.length > max) return [problem(pointer, tooLong(max))];
  return [];
}

export function checkBoolean(value: unknown, pointer: string): Problems {
  return value === undefined || typeof value === 'boolean' ? [] : [problem(pointer, 'must provide a boolean')];
}

export function checkInteger(value: unknown, pointer: string, min: number, max = Number.MAX_SAFE_INTEGER): Problems {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) return [problem(pointer, 'must provide an integer')];
  if (value < min) return [problem(pointer, `must be greater than or equal to ${min}`)];
  if (value > max) return [problem(pointer, `must be less than or equal to ${max}`)];
  return [];
}

export function checkEnum(value: unknown, pointer: string, allowed: readonly unknown[]): Problems {
  if (value === undefined || allowed.includes(value)) return [];
  return [problem(pointer, `must be a valid enum value (one of: ${allowed.join(', ')})`)];
}

/** Checks an array's type and size; returns the array (or undefined) so callers can walk its items. */
export function checkArray(value: unknown, pointer: string, max: number, min = 0): { items: unknown[]; problems: Problems } {
  if (value === undefined) return { items: [], problems: [] };
  if (!Array.isArray(value)) return { items: [], problems: [problem(pointer, 'must provide an array')] };
  if (value.length < min) return { items: value, problems: [problem(pointer, `must provide at least ${min} item${min === 1 ? '' : 's'}`)] };
  if (value.length > max) return { items: value, problems: [problem(pointer, tooMany(max))] };
  return { items: value, problems: [] };
}

export function checkStringList(value: unknown, pointer: string): Problems {
  const { items, problems } = checkArray(value, pointer, Number.MAX_SAFE_INTEGER);
  return [...problems, ...items.flatMap((item, i) => checkString(item, `${pointer}/${i}`, BLOCK_KIT_LIMITS.textObject, 1))];
}

export function isValidDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
