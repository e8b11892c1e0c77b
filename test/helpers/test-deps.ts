import type { Logger } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Catalog } from '../../src/catalog/query.js';
import { loadConfig, type Config, type LogLevelName } from '../../src/config.js';
import { createDeps } from '../../src/create-deps.js';
import type { Database } from '../../src/db/schema.js';
import type { Deps } from '../../src/deps.js';
import { createLogger, type LoggerOptions } from '../../src/logger.js';
import { testCatalog } from './catalog.js';

/**
 * The one place tests build what the app runs on: a config that passes the real validation, a real logger that
 * records its lines, and Deps over a real database (every test suite, from the scheduler to Bolt over HTTP).
 */

export const BOT_TOKEN = 'xoxb-test-token-0000';
export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const APP_TOKEN = 'xapp-test-0001';
/** OAuth mode (docs/installations.md): the app's credentials and the key its installations are sealed with. */
export const OAUTH = {
  clientId: '1111111111.2222222222',
  clientSecret: 'test-client-secret-0123456789',
  stateSecret: 'test-state-secret-0123456789',
  encryptionKey: Buffer.alloc(32, 42).toString('base64'),
} as const;
/** Nothing listens here: a Slack call that a test forgot to point at the fake Slack fails at once. */
const NOWHERE = 'http://127.0.0.1:9/api/';

export interface TestConfigOptions {
  /** The fake Slack's Web API URL. */
  apiUrl?: string;
  /** 'http' (signing secret, ephemeral port) for Bolt over HTTP; 'oauth': the same, distributable; 'socket' (app token) otherwise. */
  mode?: 'http' | 'socket' | 'oauth';
  logLevel?: LogLevelName;
}

export function testConfig(options: TestConfigOptions = {}): Config {
  // An explicit Socket Mode (a running app) serves /healthz on an ephemeral port too.
  const common = { SLACK_API_URL: options.apiUrl ?? NOWHERE, LOG_LEVEL: options.logLevel ?? 'debug' };
  if (options.mode === 'oauth') {
    return loadConfig({
      SLACK_CLIENT_ID: OAUTH.clientId,
      SLACK_CLIENT_SECRET: OAUTH.clientSecret,
      SLACK_STATE_SECRET: OAUTH.stateSecret,
      INSTALLATION_ENCRYPTION_KEY: OAUTH.encryptionKey,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      ...common,
    });
  }
  const mode = options.mode === 'http' ? { SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0' } : { SLACK_APP_TOKEN: APP_TOKEN, ...(options.mode === 'socket' ? { PORT: '0' } : {}) };
  return loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, ...mode, ...common });
}

export interface CapturedLogger extends Logger {
  lines: string[];
}

/** A real logger (same redaction and format as production) writing into an array. */
export function captureLogger(level: LogLevelName = 'debug', context?: LoggerOptions['context']): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line) => void lines.push(line) }, 'skill-ladder', context ? { context } : {}) as CapturedLogger;
  logger.lines = lines;
  return logger;
}

/** A logger that drops everything: for parts a test provokes into failing on purpose (the Web API client warns). */
export function quietLogger(): Logger {
  return createLogger('error', { write: () => undefined });
}

export interface TestDepsOptions extends TestConfigOptions {
  /** Default: the tiny bilingual test catalog. */
  catalog?: Catalog;
  logger?: Logger;
  now?: () => Date;
}

export function testDeps(db: Kysely<Database>, options: TestDepsOptions = {}): Deps {
  return createDeps({
    config: testConfig(options),
    db,
    catalog: options.catalog ?? testCatalog(),
    logger: options.logger ?? captureLogger(options.logLevel),
    ...(options.now ? { now: options.now } : {}),
  });
}
