import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { HTTPModuleFunctions, isRawBodyError, verifySlackRequest, type HTTPReceiver, type Logger } from '@slack/bolt';
import type { LogContext } from './log-context.js';

/**
 * Checks every POST to the events endpoint before Bolt's HTTP receiver sees it, because two of Bolt's checks are
 * incomplete and one gap kills the process:
 *  - Bolt refuses timestamps more than 5 minutes old but not ones from the future (or `Infinity`), so a signed
 *    request could be replayed for as long as its forged-ahead timestamp lasts. Here both directions count.
 *  - Bolt reads `body.ssl_check` outside any try: a signed body that parses to `null` throws in a promise nobody
 *    awaits and ends the process. Here anything that is not a JSON object gets 400 before Bolt parses it.
 * This gate is the one signature check: the receiver is built with `signatureVerification: false` (app.ts), since
 * checking twice cost a tenth of a `/skill` command's CPU (an HMAC plus tsscmp's random-keyed double HMAC, and a
 * second parse of the form). It therefore guards exactly the requests Bolt treats as events: a POST (any case) to
 * one of the receiver's endpoints, the path read the way Bolt reads it. The body is read once here and Bolt
 * reuses the buffered bytes (parsing them once more for itself). Requests that pass run inside the log context, so every line logged while
 * handling them names the team, user and request.
 */

/** Slack signs each request with the time it sent it; more than this apart from our clock in either direction is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface RequestGateOptions {
  signingSecret: string;
  logger: Logger;
  logContext?: LogContext;
  /** The receiver's event endpoints (its `endpoints` option); every POST to them is checked here. */
  endpoints: readonly string[];
  /** The wall clock the signature timestamps are compared with (Slack signs with real time, so never a pinned clock). */
  wallClockMs?: () => number;
}

/** Puts the gate in front of the receiver's request listener (the public hook Bolt's server calls for every request). */
export function guardSlackRequests(receiver: HTTPReceiver, options: RequestGateOptions): void {
  const inner = receiver.requestListener;
  const { logger, endpoints } = options;
  receiver.requestListener = (req, res) => {
    // The same test as Bolt's router (HTTPReceiver): anything it would hand to the app must pass through here.
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Other routes (health check, unknown paths) go straight on: Bolt answers 404 by throwing synchronously.
    if (req.method?.toUpperCase() !== 'POST' || !endpoints.includes(path)) return inner(req, res);
    void screen(req, res, options).then(
      (fields) => {
        if (!fields) return;
        const forward = () => inner(req, res);
        if (options.logContext) options.logContext.run(fields, forward);
        else forward();
      },
      (error: unknown) => {
        logger.error('request gate: failed while checking a request', error);
        if (!res.headersSent) answer(res, 500);
        else res.destroy();
      },
    );
  };
}

type Fields = Record<string, string>;

async function screen(req: IncomingMessage, res: ServerResponse, options: RequestGateOptions): Promise<Fields | undefined> {
  const { logger } = options;
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (error) {
    const tooLarge = isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
    logger.warn(tooLarge ? 'Refused a request: body over the size limit' : 'Refused a request: the body could not be read', error);
    answer(res, tooLarge ? 413 : 400);
    return undefined;
  }
  const text = buffered.rawBody.toString();
  // Parsed as Bolt parses it (parseHTTPRequestBody): a form, whose `payload` field (interactions) holds JSON, or JSON.
  const form = req.headers['content-type'] === 'application/x-www-form-urlencoded' ? parseQueryString(text) : undefined;
  // Slack's SSL check carries no signature. Bolt answers it; anything else in the body is dropped first, so nothing
  // unsigned can ride along on it.
  if (form?.ssl_check === '1') {
    buffered.rawBody = Buffer.from('ssl_check=1');
    return {};
  }

  const timestamp = req.headers['x-slack-request-timestamp'];
  const signature = req.headers['x-slack-signature'];
  const nowSeconds = Math.floor((options.wallClockMs ?? Date.now)() / 1000);
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    logger.warn('Refused a request: its signature timestamp is missing, malformed or more than 5 minutes from our clock');
    answer(res, 401);
    return undefined;
  }
  try {
    verifySlackRequest({
      signingSecret: options.signingSecret,
      body: text,
      headers: { 'x-slack-signature': typeof signature === 'string' ? signature : '', 'x-slack-request-timestamp': Number(timestamp) },
    });
  } catch (error) {
    logger.warn('Refused a request: signature check failed', error);
    answer(res, 401);
    return undefined;
  }

  let body: unknown;
  try {
    body = !form ? JSON.parse(text) : typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  } catch (error) {
    logger.warn('Refused a signed request: the body is not valid JSON or form data', error);
    answer(res, 400);
    return undefined;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    logger.warn(`Refused a signed request: the body is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not an object`);
    answer(res, 400);
    return undefined;
  }
  return requestFields(body as Record<string, unknown>);
}

/** Team, user and a fresh request id, from wherever this kind of payload keeps them. */
function requestFields(body: Record<string, unknown>): Fields {
  const fields: Fields = { requestId: randomUUID() };
  const team = body.team as { id?: unknown } | null | undefined;
  const user = body.user as { id?: unknown } | null | undefined;
  const event = body.event as { user?: unknown } | null | undefined;
  const teamId = body.team_id ?? team?.id;
  const userId = body.user_id ?? user?.id ?? (typeof event?.user === 'string' ? event.user : undefined);
  if (typeof teamId === 'string') fields.teamId = teamId;
  if (typeof userId === 'string') fields.userId = userId;
  return fields;
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
