import { z } from 'zod';

/**
 * Which card a button or select points at: `skill:level[:role]`. Kept short because option values must stay
 * ≤ 75 characters (docs/slack-limits.md#elements-and-composition-objects); catalog ids are capped at 24
 * characters each for the same reason.
 */
export interface CardRef {
  skill: string;
  level: string;
  role?: string | undefined;
}

const idPart = z.string().regex(/^[a-z0-9][a-z0-9-]{0,23}$/);
const cardRefSchema = z
  .string()
  .max(75)
  .transform((value) => value.split(':'))
  .pipe(z.union([z.tuple([idPart, idPart]), z.tuple([idPart, idPart, idPart])]));

export function encodeCardRef(ref: CardRef): string {
  return ref.role ? `${ref.skill}:${ref.level}:${ref.role}` : `${ref.skill}:${ref.level}`;
}

/** Parses a value that came back from Slack; undefined when it is not a card reference. */
export function decodeCardRef(value: unknown): CardRef | undefined {
  const parsed = cardRefSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const [skill, level, role] = parsed.data;
  return { skill, level, role };
}
