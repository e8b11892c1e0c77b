import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** Small helpers shared by the sandbox's routes. */

/** The page's requests are tiny; anything bigger is a mistake or an attack. */
const MAX_BODY_BYTES = 256 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Reads a JSON body. Only `application/json` is accepted: a plain HTML form on another site cannot send that
 * without a CORS preflight, which the sandbox never grants, so other pages cannot drive it (CSRF).
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'send application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid JSON');
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

/**
 * Whether a request's Host header is one the sandbox answers: a loopback name, an IP address, or the HOST it was
 * told to listen on. A web page that rebinds its own domain to this machine's address (DNS rebinding) still sends
 * its own domain as Host, so it can neither read nor drive the sandbox, whatever interface the sandbox listens on.
 */
export function addressedToSandbox(hostHeader: string | undefined, boundHost: string): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  const bare = name.startsWith('[') ? name.slice(1, -1) : name;
  return isLoopback(name) || isIP(bare) !== 0 || name.toLowerCase() === boundHost.toLowerCase();
}

function hostName(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
}
