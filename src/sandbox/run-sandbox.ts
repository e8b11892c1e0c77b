import type { Logger } from '@slack/bolt';
import type { Catalog } from '../catalog/query.js';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { startSandbox } from './start-sandbox.js';

/**
 * The sandbox's entry: what `npm start` runs when no Slack setting is present and the app is not in production (or
 * SANDBOX=true). src/index.ts imports this file dynamically, behind that decision, so the production path never
 * loads the sandbox or the fake Slack.
 */
export async function runSandbox(parts: { config: Config; database: DatabaseHandle; catalog: Catalog; logger: Logger }): Promise<void> {
  const { database, logger } = parts;
  const { config } = parts;
  // The conversation and clock live beside the data they belong to; with Postgres there is no folder to use.
  const memoryDir = config.db.url === undefined && !config.db.pgliteDir.includes('://') ? config.db.pgliteDir : undefined;
  const sandbox = await startSandbox({ ...parts, memoryDir });
  process.stdout.write(`\nSkill Ladder is running in the local sandbox (a page that plays Slack; not Slack): ${sandbox.url}\n${SETUP_HELP}`);
  const stop = () =>
    void sandbox
      .close()
      .finally(() => database.close())
      .catch((error: unknown) => logger.error('sandbox: shutdown failed', error));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const SETUP_HELP = `
To connect it to your Slack workspace instead:
  1. Create an app at https://api.slack.com/apps → "From an app manifest" → paste manifest.yml.
  2. Install it to your workspace, then copy into .env (see .env.example):
       SLACK_BOT_TOKEN=xoxb-…        (OAuth & Permissions → Bot User OAuth Token)
       SLACK_APP_TOKEN=xapp-…        (Basic Information → App-Level Tokens, scope connections:write) for Socket Mode
     or, for the HTTP receiver instead of Socket Mode:
       SLACK_SIGNING_SECRET=…        (Basic Information → Signing Secret)
  3. Run npm start again.

`;
