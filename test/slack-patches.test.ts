import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { WebClient, LogLevel, type Logger } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../src/sandbox/fake-slack/fake-slack-server.js';
import { BOT_TOKEN } from './helpers/test-deps.js';

/**
 * The patches to @slack/bolt and @slack/web-api applied at install (patches/, docs/bolt-spread-patch.md). If an
 * upgrade makes one stop applying, `npm ci` fails in patch-package; these tests fail too if the installed packages run
 * without them, and check that the patched code still behaves as before.
 */

const require = createRequire(import.meta.url);
const processPath = require.resolve('@slack/bolt/dist/middleware/process.js');
const appPath = require.resolve('@slack/bolt/dist/App.js');
const webClientPath = require.resolve('@slack/web-api/dist/WebClient.js');

describe('the Bolt spread patch', () => {
  it('is applied to the installed Bolt: no object spread of the arguments in the middleware chain or the listener call', async () => {
    const process = await readFile(processPath, 'utf8');
    const app = await readFile(appPath, 'utf8');
    expect(process).toContain('skill-ladder patch');
    expect(process).not.toContain('...initialArgs');
    expect(app).toContain('skill-ladder patch');
    expect(app).not.toContain('...listenerArgs');
  });

  it('hands each middleware the event arguments plus next, context, client and logger, in order, and still refuses a second next()', async () => {
    const processMiddleware = (require(processPath) as { default: (...args: unknown[]) => Promise<unknown> }).default;
    const initial = { body: { type: 'block_actions' }, payload: { action_id: 'a' }, ack: () => undefined };
    const [context, client, logger] = [{ teamId: 'T1' }, { name: 'client' }, { name: 'logger' }];
    const seen: Record<string, unknown>[] = [];
    const middleware = [
      async (args: Record<string, unknown>) => {
        seen.push(args);
        await (args.next as () => Promise<void>)();
      },
      async (args: Record<string, unknown>) => {
        seen.push(args);
        await (args.next as () => Promise<void>)();
      },
    ];
    let lastRan = false;
    await processMiddleware(middleware, initial, context, client, logger, async () => {
      lastRan = true;
    });
    expect(lastRan).toBe(true);
    expect(seen).toHaveLength(2);
    for (const args of seen) {
      expect(args).toMatchObject({ ...initial, context, client, logger });
      expect(typeof args.next).toBe('function');
    }
    expect(seen[0]).not.toBe(initial); // a copy: a middleware adding a key does not change what the next one gets
    const twice = [
      async (args: Record<string, unknown>) => {
        await (args.next as () => Promise<void>)();
        await (args.next as () => Promise<void>)();
      },
      async () => undefined,
    ];
    await expect(processMiddleware(twice, initial, context, client, logger, async () => undefined)).rejects.toThrow('next() called multiple times');
  });
});

describe("the Web API client's debug lines", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: [] });
  });
  afterAll(async () => {
    await fake.close();
  });

  /** A logger at `level` that keeps its debug lines. */
  const loggerAt = (level: LogLevel): Logger & { lines: string[] } => {
    const lines: string[] = [];
    return { lines, debug: (...m: unknown[]) => lines.push(m.join(' ')), info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => level, setName: () => undefined };
  };

  it('is applied to the installed client', async () => {
    expect(await readFile(webClientPath, 'utf8')).toContain('skill-ladder patch');
  });

  it('serialises request and result bodies only when the logger is at debug, and still logs them then', async () => {
    const quiet = loggerAt(LogLevel.INFO);
    await new WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, logger: quiet }).auth.test();
    expect(quiet.lines.filter((l) => l.includes('http request body') || l.includes('http request result'))).toEqual([]);
    const verbose = loggerAt(LogLevel.DEBUG);
    await new WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, logger: verbose }).auth.test();
    expect(verbose.lines.some((l) => l.includes('http request body'))).toBe(true);
    expect(verbose.lines.some((l) => l.includes('http request result'))).toBe(true);
    expect(verbose.lines.join('\n')).not.toContain(BOT_TOKEN); // still redacted
  });
});
