import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildCatalog } from '../src/catalog/query.js';
import { loadConfig } from '../src/config.js';
import type { Deps } from '../src/deps.js';
import { actionRoutes } from '../src/listeners/actions/index.js';
import { commandRoutes } from '../src/listeners/commands/index.js';
import type { Route } from '../src/listeners/dispatch.js';
import { eventRoutes } from '../src/listeners/events/index.js';
import { viewRoutes } from '../src/listeners/views/index.js';
import { createLogger } from '../src/logger.js';
import { BOT_SCOPES } from '../src/slack-installations.js';

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: { slash_commands: { command: string; description: string; usage_hint?: string }[]; app_home: Record<string, boolean>; bot_user: { display_name: string } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parseYaml(await readFile('manifest.yml', 'utf8')) as Manifest;

/** What the app answers, from the listener tables registerListeners dispatches by. */
function registrations() {
  const deps = { config: loadConfig({}), db: undefined, catalog: buildCatalog([]), logger: createLogger('error'), now: () => new Date() } as unknown as Deps;
  const names = (routes: Route<unknown>[]) => routes.map(([id]) => String(id));
  return { commands: names(commandRoutes(deps)), events: names(eventRoutes(deps)), actions: actionRoutes(deps).length, views: viewRoutes(deps).length };
}

describe('manifest.yml', () => {
  it('declares exactly the slash commands the app handles, and the reverse', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(registrations().commands.sort());
  });

  it('asks for the same bot scopes at OAuth install as the manifest declares', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('subscribes to exactly the bot events the app handles, and the reverse', () => {
    // Bolt listens for `message`; the manifest names where from: the app's DM only (`message.im`).
    const handled = registrations().events.map((name) => (name === 'message' ? 'message.im' : name));
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([...new Set(handled)].sort());
  });

  it('enables interactivity because the app handles actions', () => {
    expect(registrations().actions).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('asks for the scopes the app uses, and no more', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'commands', 'files:write', 'im:history', 'im:write', 'users:read']);
  });

  it('has App Home and the Messages tab, Socket Mode on, and fields within Slack limits', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description!.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description!.length).toBeLessThanOrEqual(4000);
    for (const command of manifest.features.slash_commands) {
      expect(command.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(command.description.length).toBeLessThanOrEqual(2000);
      expect(command.usage_hint!.length).toBeLessThanOrEqual(1000);
    }
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });
});
