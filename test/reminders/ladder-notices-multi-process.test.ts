import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { hashText } from '../../src/services/requirement-versions.js';
import { describeOnPostgres } from '../helpers/test-database.js';
import { fakeUsers, seedSchedules, TEAM } from '../helpers/checkins.js';
import { BOT_TOKEN } from '../helpers/test-deps.js';
import { spawnWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

/**
 * "The ladder changed" notice exactly once (docs/ladder-changes.md#exactly-once) with real scheduler processes on
 * real Postgres: three replicas race over the same changed assessments, then a restarted replica finds nothing
 * left to send. The workers run test/reminders/worker-script.ts, whose catalog is the test catalog; the seeded
 * assessments hold an older text of "middle", as if data/ had changed since they were made.
 *
 * Needs TEST_DATABASE_URL.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('ladder change notices with scheduler replicas as separate processes', (database) => {
  let fake: FakeSlack | undefined;
  let workers: WorkerProcess[] = [];

  afterEach(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    workers = [];
    await fake?.close();
  });

  function startWorker(id: string): WorkerProcess {
    const config = {
      url: database.postgres!.url,
      schema: database.postgres!.schema,
      apiUrl: fake!.apiUrl,
      workerId: `${id}-${randomBytes(3).toString('hex')}`,
      applicationName: `skill_ladder_ladder_${randomBytes(4).toString('hex')}`,
      leaseSeconds: 10,
      sendTimeoutMs: 2000,
      maxRunMs: 60_000,
    };
    const worker = spawnWorkerProcess(config);
    workers.push(worker);
    return worker;
  }

  async function stop(list: WorkerProcess[]): Promise<void> {
    await Promise.all(list.map((w) => w.ready));
    for (const w of list) w.child.kill('SIGTERM');
    const exits = await Promise.all(list.map((w) => w.exited));
    exits.forEach((exit, i) => expect(exit, list[i]!.stderr.join('').slice(-2000)).toEqual({ code: 0, signal: null }));
  }

  const noticePosts = () =>
    fake!.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean } | undefined)?.ok && String(c.args.text ?? '').includes('ladder changed'));

  it('3 processes, 120 people whose assessed requirement changed: one DM each; a restart sends none again', async () => {
    const count = 120;
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(count) });
    // No check-in is due: only the notices are at stake. Even users assess "nats", odd ones "testing".
    await seedSchedules(database.db, { count, withAssessments: true, nextRunAt: () => null });
    const old = 'Middle work, the way it used to be described';
    const versions = {
      junior: { hash: hashText('Junior work'), text: 'Junior work', name: { en: 'Junior', es: 'Júnior' } },
      middle: { hash: hashText(old), text: old, name: { en: 'Middle', es: 'Intermedio' } },
      senior: { hash: hashText('Senior work'), text: 'Senior work', name: { en: 'Senior', es: 'Sénior' } },
    };
    await database.db.updateTable('assessments').set({ requirement_versions: JSON.stringify(versions), requirements_fingerprint: 'an-older-ladder' }).where('team_id', '=', TEAM).execute();

    const list = [0, 1, 2].map((i) => startWorker(`replica${i}`));
    const until = Date.now() + 40_000;
    for (;;) {
      // The notices' DMs go through the outbox: a notice is settled when its delivery is sent.
      const settled = await database.db
        .selectFrom('checkin_deliveries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('kind', '=', 'ladder_change')
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow();
      if (Number(settled.n) === count) break;
      if (Date.now() > until) throw new Error(`timed out: ${settled.n} of ${count} notices sent\n${list.map((w) => w.stderr.join('').slice(-1500)).join('\n')}`);
      await sleep(100);
    }
    await sleep(500); // more passes by every replica, which must find nothing left
    await stop(list);

    const perUser = new Map<string, number>();
    for (const post of noticePosts()) perUser.set(String(post.args.channel), (perUser.get(String(post.args.channel)) ?? 0) + 1);
    expect(perUser.size).toBe(count);
    expect(Math.max(...perUser.values())).toBe(1);
    const rows = await database.db.selectFrom('ladder_change_notices').select(['status']).execute();
    expect(rows).toHaveLength(count);

    // A restart: a fresh process with the same catalog finds every notice already claimed.
    const restarted = startWorker('restarted');
    await restarted.ready;
    await sleep(1500);
    await stop([restarted]);
    expect(noticePosts()).toHaveLength(count);
  }, 70_000);
});
