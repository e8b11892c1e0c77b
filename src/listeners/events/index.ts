import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { handleAppHomeOpened } from './app-home-opened.js';
import { handleDirectMessage } from './direct-message.js';
import { handleUserChange } from './user-change.js';
import { handleWorkspaceRemoved } from './workspace-removed.js';

export function registerEvents(app: App, deps: Deps): void {
  app.event('app_home_opened', handleAppHomeOpened(deps));
  app.event('app_uninstalled', handleWorkspaceRemoved(deps));
  app.event('tokens_revoked', handleWorkspaceRemoved(deps));
  app.event('user_change', handleUserChange(deps));
  // Subscribed as `message.im` in manifest.yml: only messages in the app's own DM reach us.
  app.event('message', handleDirectMessage(deps));
}
