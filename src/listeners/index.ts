import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { actionRoutes } from './actions/index.js';
import { commandRoutes } from './commands/index.js';
import { dispatchBy } from './dispatch.js';
import { eventRoutes } from './events/index.js';
import { acknowledgeUnhandled } from './unhandled.js';
import { viewRoutes } from './views/index.js';

/**
 * One Bolt listener per kind of payload, each dispatching by id from its table (dispatch.ts), so a request costs the
 * same however many buttons, modals and events the app has. Whatever no table names is acknowledged at once
 * (unhandled.ts). A new button, modal or event is a row in its folder's table.
 */
export function registerListeners(app: App, deps: Deps): void {
  for (const [name, handler] of commandRoutes(deps)) app.command(name, handler);
  app.action({ type: 'block_actions' }, dispatchBy(({ body }) => body.actions[0]?.action_id, actionRoutes(deps), acknowledgeUnhandled()));
  app.view({ type: 'view_submission' }, dispatchBy(({ view }) => view.callback_id, viewRoutes(deps), acknowledgeUnhandled()));
  app.event(/.*/, dispatchBy(({ event }) => event.type, eventRoutes(deps), async () => undefined)); // events are acked by Bolt
  // Nothing of ours answers these; Slack still waits for an answer to each.
  app.view({ type: 'view_closed' }, acknowledgeUnhandled());
  app.options({ type: 'block_suggestion' }, acknowledgeUnhandled({ options: [] }));
  app.shortcut(/.*/, acknowledgeUnhandled());
  app.action({ type: 'interactive_message' }, acknowledgeUnhandled());
}
