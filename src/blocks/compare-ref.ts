import { z } from 'zod';

/**
 * Which comparison a button or select points at. Levels travel as their place on the ladder (1-based), not their
 * ids: an option value holds at most 75 characters (docs/slack-limits.md#elements-and-composition-objects) and a
 * skill, two level ids and a role id of 24 characters each would not fit. Forms:
 *   `skill:3..4` and `skill:3..4:role`  levels 3 and 4 (for one role)
 *   `skill:3:go..elixir`                two roles at level 3
 */
export type CompareRef =
  | { kind: 'levels'; skill: string; from: number; to: number; role?: string | undefined }
  | { kind: 'roles'; skill: string; level: number; roles: [string, string] };

const id = '[a-z0-9][a-z0-9-]{0,23}';
const place = '[1-9][0-9]?';
const levelsForm = new RegExp(`^(${id}):(${place})\\.\\.(${place})(?::(${id}))?$`);
const rolesForm = new RegExp(`^(${id}):(${place}):(${id})\\.\\.(${id})$`);

export function encodeCompareRef(ref: CompareRef): string {
  if (ref.kind === 'roles') return `${ref.skill}:${ref.level}:${ref.roles[0]}..${ref.roles[1]}`;
  return `${ref.skill}:${ref.from}..${ref.to}${ref.role ? `:${ref.role}` : ''}`;
}

/** Parses a value that came back from Slack; undefined when it is not a comparison reference. */
export function decodeCompareRef(value: unknown): CompareRef | undefined {
  const text = z.string().max(200).safeParse(value);
  if (!text.success) return undefined;
  const levels = levelsForm.exec(text.data);
  if (levels) return { kind: 'levels', skill: levels[1]!, from: Number(levels[2]), to: Number(levels[3]), role: levels[4] };
  const roles = rolesForm.exec(text.data);
  if (roles) return { kind: 'roles', skill: roles[1]!, level: Number(roles[2]), roles: [roles[3]!, roles[4]!] };
  return undefined;
}
