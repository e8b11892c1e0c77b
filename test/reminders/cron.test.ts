import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { startReminderCron } from '../../src/reminders/cron.js';
import { fakeUsers, seedSchedules, testSender } from '../helpers/checkins.js';
import { BOT_TOKEN, captureLogger, testDeps } from '../helpers/test-deps.js';
import { useTestDatabase } from '../helpers/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startReminderCron', () => {
  const database = useTestDatabase(); // PGlite: this is about node-cron wiring, not SQL
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(3) });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('rejects an invalid expression with an error that names REMINDER_CRON', () => {
    const deps = testDeps(database.db, { apiUrl: fake.apiUrl });
    expect(() => startReminderCron(deps, testSender(fake), { expression: 'every monday', workerId: 'w' })).toThrow(/REMINDER_CRON "every monday" is not a valid cron expression/);
    expect(() => startReminderCron(deps, testSender(fake), { expression: '*/15 * * * * * *', workerId: 'w' })).toThrow(/REMINDER_CRON/);
  });

  it('ticks a scheduler pass on every slot and stops cleanly', async () => {
    await seedSchedules(database.db, { count: 3, withAssessments: true });
    const logger = captureLogger();
    const deps = testDeps(database.db, { apiUrl: fake.apiUrl, logger });
    const cron = startReminderCron(deps, testSender(fake), { expression: '* * * * * *', workerId: 'cron-test', leaseSeconds: 5, sendTimeoutMs: 1000 });
    try {
      const until = Date.now() + 4000;
      while (fake.callsTo('chat.postMessage').length < 3 && Date.now() < until) await sleep(50);
    } finally {
      await cron.stop();
    }
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
    const sentInLogs = logger.lines
      .filter((line) => line.includes('check-in pass'))
      .reduce((sum, line) => sum + Number(/"sent":(\d+)/.exec(line)?.[1] ?? 0), 0);
    expect(sentInLogs).toBe(3);
    const posted = fake.calls.length;
    await sleep(1200);
    expect(fake.calls.length).toBe(posted); // stopped: no more ticks
  });

  it('logs a failing tick (execution:failed) and keeps ticking', async () => {
    const logger = captureLogger();
    const deps = testDeps(database.db, { apiUrl: fake.apiUrl, logger });
    // A lease shorter than the send timeout makes every pass throw: the tick fails, the process does not.
    const cron = startReminderCron(deps, testSender(fake), { expression: '* * * * * *', workerId: 'cron-fail', leaseSeconds: 1, sendTimeoutMs: 5000 });
    try {
      const until = Date.now() + 3500;
      while (logger.lines.filter((l) => l.includes('check-in tick failed')).length < 2 && Date.now() < until) await sleep(50);
    } finally {
      await cron.stop();
    }
    const failures = logger.lines.filter((l) => l.includes('check-in tick failed'));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures[0]).toContain('leaseSeconds');
  });
});
