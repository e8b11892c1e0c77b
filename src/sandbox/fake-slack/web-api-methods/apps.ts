/** apps.connections.open: a Socket Mode WebSocket URL (the app-level token is checked by web-api.ts). */
import { ok, type WebApiMethods } from '../api-result.js';
import type { SocketModeServer } from '../socket-mode-server.js';

export function appsMethods({ socketMode }: { socketMode: SocketModeServer }): WebApiMethods {
  return { 'apps.connections.open': () => ok({ url: socketMode.issueUrl() }) };
}
