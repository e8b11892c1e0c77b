import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackClients } from '../services/slack-clients.js';
import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/query.js';
import { loadConfigFromEnvironment, type Config } from '../config.js';
import { createDeps } from '../create-deps.js';
import { BACKGROUND_DATABASE_TIMEOUTS, openDatabase, type DatabaseHandle } from '../db/client.js';
import type { Deps } from '../deps.js';
import { createLogger } from '../logger.js';
import { runSchedulerPass } from '../reminders/run.js';
import { createSenderClients } from '../reminders/sender-client.js';

/**
 * `skill-ladder tick [--at <instant>]`: one scheduler pass, now. With `--at 2026-12-07T13:00:00Z` the emit step
 * decides what is due as if the database clock read that instant (to check "does Monday 10:00 in São Paulo go out
 * at 13:00Z?" without waiting for Monday). Deliveries emitted that way are sent immediately; leases and retries
 * still use the real clock. It sends real DMs with SLACK_BOT_TOKEN, or in OAuth mode with each workspace's
 * installation (or to SLACK_API_URL, e.g. a fake Slack).
 * It only sends, so the configuration it checks is what sending needs (the `send` purpose): all problems at once,
 * and no signing secret or app token, which only receiving Slack's requests uses.
 */

export const TICK_USAGE = 'tick [--at <ISO instant, e.g. 2026-12-07T13:00:00Z>] [--worker <id>]';

/** What the command talks to; tests replace any of it. */
export interface TickCommandIo {
  loadConfig(): Promise<Config>;
  openDatabase(config: Config, logger: Logger): Promise<DatabaseHandle>;
  loadCatalog(config: Config): Promise<Catalog>;
  /** The bot token's client, or (OAuth mode) each workspace's from its installation. */
  createClient(config: Config, deps: Deps): WebClient | SlackClients;
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
}

const defaultIo: TickCommandIo = {
  loadConfig: () => loadConfigFromEnvironment('send'),
  openDatabase: (config, logger) => openDatabase(config, logger, { timeouts: BACKGROUND_DATABASE_TIMEOUTS }),
  loadCatalog: (config) => loadCatalog(config.catalogDir),
  createClient: (_config, deps) => createSenderClients(deps),
  stdout: process.stdout,
  stderr: process.stderr,
};

/** Runs the command; resolves to the process exit code (0 ok, 1 the pass had errors, 2 bad arguments). */
export async function runTickCommand(args: string[], overrides: Partial<TickCommandIo> = {}): Promise<number> {
  const io: TickCommandIo = { ...defaultIo, ...overrides };
  let values: { at?: string | undefined; worker?: string | undefined };
  try {
    ({ values } = parseArgs({ args, options: { at: { type: 'string' }, worker: { type: 'string' } }, strict: true }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\nUsage: ${TICK_USAGE}\n`);
    return 2;
  }
  const at = values.at === undefined ? undefined : parseInstant(values.at);
  if (at === null) {
    io.stderr.write(`--at must be an ISO instant with a zone, e.g. 2026-12-07T13:00:00Z (got ${JSON.stringify(values.at)})\n`);
    return 2;
  }
  const config = await io.loadConfig();
  const logger = createLogger(config.logLevel);
  const catalog = await io.loadCatalog(config);
  const database = await io.openDatabase(config, logger);
  try {
    const deps: Deps = createDeps({ config, db: database.db, catalog, logger, now: () => at ?? new Date() });
    const workerId = values.worker ?? `tick-${hostname()}-${process.pid}`;
    const result = await runSchedulerPass(deps, io.createClient(config, deps), { workerId, ...(at ? { now: at } : {}) });
    io.stdout.write(`${JSON.stringify({ at: at?.toISOString() ?? 'database clock', ...result })}\n`);
    return result.errors > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

/** An instant must name its zone (`Z` or `±hh:mm`): a bare local time would depend on the server's TZ. */
function parseInstant(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
