/** Types for mrkdwn.js (plain browser JavaScript), so the TypeScript tests can import it. */
export type MrkdwnNode =
  | { t: 'text'; v: string }
  | { t: 'b' | 'i' | 's'; c: MrkdwnNode[] }
  | { t: 'code'; v: string }
  | { t: 'pre'; v: string }
  | { t: 'quote'; c: MrkdwnNode[] }
  | { t: 'br' }
  | { t: 'link'; href: string; c: MrkdwnNode[] }
  | { t: 'user'; id: string; label: string | undefined }
  | { t: 'channel'; id: string; label: string | undefined }
  | { t: 'special'; v: string }
  | { t: 'emoji'; name: string; v: string };

export function decodeEntities(text: string): string;
export function parseMrkdwn(text: string): MrkdwnNode[];
export function parseInline(text: string): MrkdwnNode[];
