import pg from 'pg';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { describeOnPostgres } from '../helpers/test-database.js';

/**
 * The marks on a level card ("your level") read the assessments table. When that table is locked (a long
 * migration, a stuck batch job) the card must still come at once, without the marks, and the log must say why.
 */
describeOnPostgres('personal marks with a locked assessments table', (database) => {
  let appDatabase: DatabaseHandle;
  let slack: SlackAppHarness;
  let locker: pg.Client;

  beforeAll(async () => {
    const { url, schema } = database.postgres!;
    appDatabase = createPostgresDatabase({ url, schema, logger: createLogger('error', { write: () => undefined }) });
    slack = await startSlackAppHarness({ database: { ...database, ...appDatabase, db: appDatabase.db, ping: appDatabase.ping } });
    locker = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await slack?.close();
    await appDatabase?.close();
  });

  it('sends the level card within a second, without marks, and logs the slow read with its context', async () => {
    await slack.command('nats', { user: USERS.en }); // the language is remembered: the card goes in the ack itself
    // Where the person stands is remembered for a minute too; as once that minute has passed, the next card reads it.
    slack.deps.standings.delete(TEAM, USERS.en.id);
    await locker.query('begin');
    await locker.query('lock table assessments in access exclusive mode');
    let reply;
    const started = performance.now();
    try {
      reply = (await slack.command('nats senior', { user: USERS.en })).reply;
    } finally {
      await locker.query('commit');
    }
    expect(performance.now() - started).toBeLessThan(1000);
    const card = reply.body as { blocks: KnownBlock[] };
    expect(JSON.stringify(card.blocks)).toContain('NATS / NATS JetStream · Senior');
    expect(JSON.stringify(card.blocks)).not.toContain('Your level');
    expect(slack.logs.join('')).toMatch(/personal marks: database slow, card sent without them.*U0ENGLISH/);
  });
});
