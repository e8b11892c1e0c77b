import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import type { Route } from '../dispatch.js';
import { handleAppHomeOpened } from './app-home-opened.js';
import { handleDirectMessage } from './direct-message.js';
import { handleUserChange } from './user-change.js';
import { handleWorkspaceRemoved } from './workspace-removed.js';

export type EventHandler = Middleware<SlackEventMiddlewareArgs>;

/** A route for one event type, its handler typed for that event. */
const on = <Type extends string>(type: Type, handler: Middleware<SlackEventMiddlewareArgs<Type>>): Route<EventHandler> => [type, handler as unknown as EventHandler];

/** Which handler answers each event type; manifest.yml subscribes to exactly these (a test checks). */
export function eventRoutes(deps: Deps): Route<EventHandler>[] {
  return [
    on('app_home_opened', handleAppHomeOpened(deps)),
    on('app_uninstalled', handleWorkspaceRemoved(deps)),
    on('tokens_revoked', handleWorkspaceRemoved(deps)),
    on('user_change', handleUserChange(deps)),
    // Subscribed as `message.im` in manifest.yml: only messages in the app's own DM reach us.
    on('message', handleDirectMessage(deps)),
  ];
}
