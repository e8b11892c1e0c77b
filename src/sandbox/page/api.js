/* global fetch, EventSource */
import { words } from './words.js';

/** The sandbox's JSON API (src/sandbox/sandbox-api.ts). Every call answers {ok, …} or {ok:false, message}. */

export async function getState(user) {
  const response = await fetch(`/sandbox/api/state?user=${encodeURIComponent(user)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(words().answered(response.status));
  return response.json();
}

export async function post(endpoint, body) {
  try {
    const response = await fetch(`/sandbox/api/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (typeof json.ok === 'boolean') return json;
    return { ok: false, message: words().answered(response.status) };
  } catch {
    return { ok: false, message: words().unreachable };
  }
}

/** Calls `onChange` whenever the server reports a change (and once on connect). Reconnects on its own. */
export function watchChanges(onChange) {
  const source = new EventSource('/sandbox/api/events');
  source.addEventListener('message', () => onChange());
  return () => source.close();
}
