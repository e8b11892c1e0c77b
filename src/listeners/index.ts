import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { acknowledgeUnhandled, type HandledIds } from './unhandled.js';
import { registerViews } from './views/index.js';

export function registerListeners(app: App, deps: Deps): void {
  // Global middleware runs before any listener whenever it is registered; it reads the lists at request time.
  // A new kind of listener (app.options, app.shortcut, view_closed) must be added to HandledIds and unhandled.ts.
  const handled: HandledIds = { actions: [], viewSubmissions: [] };
  app.use(acknowledgeUnhandled(handled));
  registerCommands(app, deps);
  handled.actions.push(...registerActions(app, deps));
  registerEvents(app, deps);
  handled.viewSubmissions.push(...registerViews(app, deps));
}
