/** Reading request bodies the way Slack accepts them, and writing its answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiResult, type Args, fail } from './api-result.js';
import { isObject } from './values.js';

/** Guard against runaway test payloads; Slack's own body limit is larger than any valid payload here. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Form fields `@slack/web-api` JSON-stringifies. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

/** Reads the whole body; `undefined` when it exceeds MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Web API arguments from query string plus a form-urlencoded (JSON fields decoded; left as a string when the
 * JSON is malformed so handlers can answer `invalid_blocks_format` / `invalid_arguments`) or JSON body.
 */
export function parseArgs(contentType: string | undefined, raw: string, query: URLSearchParams): { args: Args; error?: ApiResult } {
  const args: Args = Object.fromEntries(query.entries());
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) return { args };
  if (type === 'application/json') {
    try {
      const body: unknown = JSON.parse(raw);
      if (!isObject(body)) return { args, error: fail('invalid_json') };
      return { args: { ...args, ...body } };
    } catch {
      return { args, error: fail('invalid_json') };
    }
  }
  if (type === 'multipart/form-data') return { args, error: fail('invalid_form_data') };
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.includes(key) ? decodeJsonField(value) : value;
  }
  return { args };
}

function decodeJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Bolt's respond() sends JSON; incoming-webhook style `payload=<json>` forms are accepted too. */
export function parseResponseBody(contentType: string | undefined, raw: string): unknown {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  try {
    if (type === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(raw).get('payload');
      return payload === null ? undefined : JSON.parse(payload);
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, result: ApiResult): void {
  const body = JSON.stringify(result.body);
  res.writeHead(result.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...result.headers });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
