import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, signSlackRequest } from './slack-payloads.js';

/**
 * Delivers requests to the Bolt app's `/slack/events` the way Slack does: signed with the app's signing secret
 * and the real current time, so Bolt's signature check runs exactly as in production. What comes back is the
 * ack: an empty body, a message (slash commands) or a `response_action` (modal submissions).
 */

export interface BoltAnswer {
  status: number;
  body: string;
}

export interface BoltForwarder {
  sendForm(body: string): Promise<BoltAnswer>;
  sendJson(body: string, headers?: Record<string, string>): Promise<BoltAnswer>;
}

/** Slack gives up on an app after 3 s; Bolt's own watchdog answers 404 at 3.001 s. Wait a little longer than that. */
const TIMEOUT_MS = 5000;

export function createBoltForwarder(options: { eventsUrl: string; signingSecret: string; realNowMs?: () => number }): BoltForwarder {
  const realNowMs = options.realNowMs ?? Date.now;
  const send = async (body: string, contentType: string, extra: Record<string, string> = {}): Promise<BoltAnswer> => {
    const headers = { 'content-type': contentType, ...signSlackRequest(options.signingSecret, body, Math.floor(realNowMs() / 1000)), ...extra };
    const response = await fetch(options.eventsUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { status: response.status, body: await response.text() };
  };
  return {
    sendForm: (body) => send(body, FORM_CONTENT_TYPE),
    sendJson: (body, headers) => send(body, JSON_CONTENT_TYPE, headers),
  };
}
