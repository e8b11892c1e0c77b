import { afterEach, beforeEach, expect, it } from 'vitest';
import { findSchedule } from '../../src/db/repositories/checkin-schedules.js';
import { runTickCommand } from '../../src/cli/tick.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { testCatalog } from '../helpers/catalog.js';
import { fakeUsers, seedSchedules, TEAM, testSender, userId } from '../helpers/checkins.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { BOT_TOKEN, testConfig } from '../helpers/test-deps.js';

// Everyone's next check-in is Monday 7 Dec 2026, 10:00 in Madrid (09:00Z).
const spanishWhenOdd = (i: number) => (i % 2 ? 'es-ES' : 'en-GB');

describeEachDatabase('check-in controls: tick --at', (database) => {
  let fake: FakeSlack;
  const schedule = (i = 0) => findSchedule(database.db, TEAM, userId(i));

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(4, { locale: spanishWhenOdd }) });
    await seedSchedules(database.db, { count: 4, withAssessments: true, nextRunAt: () => new Date('2026-12-07T09:00:00Z'), locale: spanishWhenOdd });
  });
  afterEach(async () => {
    await fake.close();
  });

  const io = (out: string[], err: string[]) => ({
    loadConfig: async () => testConfig({ apiUrl: fake.apiUrl, logLevel: 'error' }),
    openDatabase: async () => database, // the fixture's handle: closing it is left to the fixture
    loadCatalog: async () => testCatalog(),
    createClient: () => testSender(fake, 2000),
    stdout: { write: (text: string) => void out.push(text) },
    stderr: { write: (text: string) => void err.push(text) },
  });

  it('runs one pass as if it were that instant: Monday 10:00 Madrid goes out at 09:00Z, not before', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await runTickCommand(['--at', '2026-12-07T08:59:00Z'], io(out, err))).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ at: '2026-12-07T08:59:00.000Z', emitted: 0, sent: 0 });
    expect(await runTickCommand(['--at', '2026-12-07T09:00:00Z', '--worker', 'cli-test'], io(out, err))).toBe(0);
    expect(JSON.parse(out[1]!)).toMatchObject({ emitted: 4, sent: 4, errors: 0 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
    expect((await schedule())!.next_run_at).toEqual(new Date('2026-12-14T09:00:00Z'));
    expect(err).toEqual([]);
  });

  it('rejects an instant without a zone', async () => {
    const err: string[] = [];
    expect(await runTickCommand(['--at', '2026-12-07 09:00'], io([], err))).toBe(2);
    expect(err.join('')).toMatch(/--at must be an ISO instant/);
    expect(await runTickCommand(['--when', 'x'], io([], err))).toBe(2);
  });
});
