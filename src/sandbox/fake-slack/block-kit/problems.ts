/** What a check reports, and the wording Slack uses for it (so the fake can answer with Slack's own lines). */

export interface BlockKitProblem {
  /** JSON pointer into the payload, e.g. `/blocks/3/text/text` or `/view/title/text`. */
  pointer: string;
  message: string;
}

export type Problems = BlockKitProblem[];

export const problem = (pointer: string, message: string): BlockKitProblem => ({ pointer, message });

/** Slack phrases length limits as "less than max+1" (a 24-character title fails with `must be less than 25 characters`). */
export const tooLong = (max: number): string => `must be less than ${max + 1} characters`;
export const tooShort = (min: number): string => `must be more than ${min - 1} characters`;
export const tooMany = (max: number): string => `no more than ${max} items allowed`;
export const NO_SCHEMA = 'failed to match all allowed schemas';

/** Formats a problem the way Slack's `errors[]` / `response_metadata.messages` lines end (docs/slack-limits.md#errors-for-invalid-payloads). */
export function formatProblem(p: BlockKitProblem): string {
  return `${p.message} [json-pointer:${p.pointer}]`;
}

/** One Error listing every problem, for the `assertValid…` helpers tests call. */
export function problemsError(label: string, problems: Problems): Error {
  const lines = problems.map((p) => `  - ${formatProblem(p)}`).join('\n');
  return new Error(`${label} has ${problems.length} Block Kit problem${problems.length === 1 ? '' : 's'}:\n${lines}`);
}
