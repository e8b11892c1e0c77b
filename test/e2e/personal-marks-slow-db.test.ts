import type { KnownBlock } from '@slack/types';
import { expect, it } from 'vitest';
import { useAppBesideALock } from '../helpers/locked-table.js';
import { TEAM, USERS } from '../helpers/slack-app-harness.js';
import { describeOnPostgres } from '../helpers/test-database.js';

/**
 * The marks on a level card ("your level") read the assessments table. When that table is locked (a long
 * migration, a stuck batch job) the card must still come at once, without the marks, and the log must say why.
 */
describeOnPostgres('personal marks with a locked assessments table', (database) => {
  const app = useAppBesideALock(database);

  it('sends the level card within a second, without marks, and logs the slow read with its context', async () => {
    const { slack, lockTable } = app();
    await slack.command('nats', { user: USERS.en }); // the language is remembered: the card goes in the ack itself
    // Where the person stands is remembered for a minute too; as once that minute has passed, the next card reads it.
    slack.deps.standings.delete(TEAM, USERS.en.id);
    const release = await lockTable('assessments');
    let reply;
    const started = performance.now();
    try {
      reply = (await slack.command('nats senior', { user: USERS.en })).reply;
    } finally {
      await release();
    }
    expect(performance.now() - started).toBeLessThan(1000);
    const card = reply.body as { blocks: KnownBlock[] };
    expect(JSON.stringify(card.blocks)).toContain('NATS / NATS JetStream · Senior');
    expect(JSON.stringify(card.blocks)).not.toContain('Your level');
    expect(slack.logs.join('')).toMatch(/personal marks: database slow, card sent without them.*U0ENGLISH/);
  });
});
