/** Readers for the loosely typed JSON the Web API receives: arguments arrive as form strings or JSON values. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Form values arrive as strings (`'true'`), JSON bodies as real booleans. */
export function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Stored records are copied in and out so a test holding one cannot change the fake's state behind its back. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
