import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/query.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { actionRoutes } from '../../src/listeners/actions/index.js';
import { routeTable } from '../../src/listeners/dispatch.js';
import { eventRoutes } from '../../src/listeners/events/index.js';
import { registerListeners } from '../../src/listeners/index.js';
import { createLogger } from '../../src/logger.js';

const deps = { config: loadConfig({}), db: undefined, catalog: buildCatalog([]), logger: createLogger('error'), now: () => new Date() } as unknown as Deps;

describe('listener dispatch', () => {
  it('finds exact ids first, then patterns in order; nothing for an unknown or missing id', () => {
    const find = routeTable<string>([
      [/^open(:[a-z]+)?$/, 'pattern'],
      ['open', 'exact'],
      ['share', 'share'],
    ]);
    expect(find('open')).toBe('exact');
    expect(find('open:next')).toBe('pattern');
    expect(find('share')).toBe('share');
    expect(find('share:x')).toBeUndefined();
    expect(find(undefined)).toBeUndefined();
  });

  it('registers one Bolt listener per kind of payload however many rows the tables have', () => {
    const registered: string[] = [];
    const recorder = Object.fromEntries(['command', 'action', 'view', 'event', 'options', 'shortcut', 'use'].map((kind) => [kind, () => registered.push(kind)]));
    registerListeners(recorder as unknown as App, deps);
    expect(actionRoutes(deps).length).toBeGreaterThan(10);
    expect(eventRoutes(deps).length).toBeGreaterThan(3);
    // Bolt runs every listener's matchers on every request: this list is what each request pays for.
    expect(registered.sort()).toEqual(['action', 'action', 'command', 'event', 'options', 'shortcut', 'view', 'view']);
  });
});
