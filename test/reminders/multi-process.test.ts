import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { emitDueOccurrences } from '../../src/db/repositories/checkin-deliveries.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { CHECKIN_EVENT_TYPE } from '../../src/ids.js';
import { describeOnPostgres } from '../helpers/test-database.js';
import { deliveryStats, duplicates, fakeUsers, postsPerDelivery, seedSchedules, TEAM, testSender, userId } from '../helpers/checkins.js';
import { BOT_TOKEN } from '../helpers/test-deps.js';
import { spawnWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';
import { GRACE_MS, computeNextRun, localDateIn } from '../../src/time/check-in-time.js';

/**
 * The guarantees of docs/check-in-delivery.md#guarantees, at small scale, with real processes on real Postgres:
 * N replicas → exactly once (plus a negative control proving the count catches duplicates), kill -9 mid-batch,
 * and pg_terminate_backend of every worker session. One fake Slack, started here, receives every post; we count
 * ACCEPTED posts per delivery id from the message metadata.
 *
 * Needs TEST_DATABASE_URL (CI always sets it; REQUIRE_POSTGRES_TESTS=1 makes its absence an error).
 */

interface WorkerSummary {
  workerId: string;
  passes: number;
  sent: number;
  emitted: number;
  reconciled: number;
  blindResends: number;
  errors: number;
  [key: string]: number | string;
}

type Worker = WorkerProcess;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('scheduler replicas as separate processes on real Postgres', (database) => {
  let fake: FakeSlack;
  let workers: Worker[] = [];
  const appName = `skill_ladder_worker_${randomBytes(4).toString('hex')}`;

  afterEach(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    workers = [];
    killedByTest.clear();
    await fake?.close();
  });

  function startWorker(id: string, options: { leaseSeconds: number; sendTimeoutMs: number; claimBatch?: number; concurrency?: number }): Worker {
    const config = {
      url: database.postgres!.url,
      schema: database.postgres!.schema,
      apiUrl: fake.apiUrl,
      workerId: `${id}-${randomBytes(3).toString('hex')}`,
      applicationName: appName,
      maxRunMs: 90_000,
      ...options,
    };
    const worker = spawnWorkerProcess(config);
    workers.push(worker);
    return worker;
  }

  const killedByTest = new Set<Worker>();

  /** Polls `predicate`; fails at once (with the worker's stderr) if a worker we did not kill has died. */
  async function waitFor(what: string, predicate: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await predicate())) {
      const crashed = workers.find((w) => !killedByTest.has(w) && (w.child.exitCode !== null || w.child.signalCode !== null));
      if (crashed) throw new Error(`worker ${crashed.id} crashed (exit ${crashed.child.exitCode ?? crashed.child.signalCode}) while waiting for ${what}:\n${crashed.stderr.join('').slice(-3000)}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; workers said:\n${workers.map((w) => w.stderr.join('').slice(-2000)).join('\n')}`);
      await sleep(100);
    }
  }

  /** SIGTERM → each worker finishes its pass, prints its summary and exits 0. A crash shows up here. */
  async function stopWorkers(list: Worker[]): Promise<WorkerSummary[]> {
    await Promise.all(list.map((w) => w.ready));
    for (const w of list) {
      killedByTest.add(w);
      w.child.kill('SIGTERM');
    }
    const exits = await Promise.all(list.map((w) => w.exited));
    exits.forEach((exit, i) => expect(exit, `${list[i]!.id} stderr: ${list[i]!.stderr.join('').slice(-2000)}`).toEqual({ code: 0, signal: null }));
    return list.map((w) => w.summary<WorkerSummary>()!);
  }

  const allSettled = (total: number) => async () => {
    const stats = await deliveryStats(database.db);
    return stats.total === total && (stats.byStatus.sent ?? 0) + (stats.byStatus.dead ?? 0) === total;
  };

  const acceptedPosts = () => fake.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean } | undefined)?.ok);

  it('3 processes over 1,000 due schedules: every check-in posted exactly once, none missing', async () => {
    const count = 1000;
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(count) });
    await seedSchedules(database.db, { count, withAssessments: true });
    const started = performance.now();
    const list = [0, 1, 2].map((i) => startWorker(`replica${i}`, { leaseSeconds: 10, sendTimeoutMs: 2000, concurrency: 8, claimBatch: 40 }));
    await waitFor('every delivery to be sent', allSettled(count), 50_000);
    const elapsed = performance.now() - started;
    const summaries = await stopWorkers(list);

    const posts = postsPerDelivery(fake);
    expect(posts.size).toBe(count);
    expect(duplicates(posts)).toEqual({ duplicated: 0, extraPosts: 0, maxCopies: 1 });
    expect(await deliveryStats(database.db)).toEqual({ total: count, byStatus: { sent: count } });
    expect(summaries.reduce((n, s) => n + s.emitted, 0)).toBe(count);
    expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(count);
    expect(summaries.filter((s) => s.sent > 0).length).toBeGreaterThanOrEqual(2); // the work was shared
    const stillDue = await sql<{ n: number }>`select count(*)::int as n from checkin_schedules where next_run_at <= now()`.execute(database.db);
    expect(stillDue.rows[0]!.n).toBe(0);

    const accepted = acceptedPosts();
    const sendWindow = (accepted.at(-1)!.at - accepted[0]!.at) / 1000;
    console.info(
      `[exactly-once] ${count} check-ins, 3 processes: ${(elapsed / 1000).toFixed(1)} s wall (incl. ~1 s process start), ` +
        `${(count / sendWindow).toFixed(0)} posts/s while sending, per worker ${summaries.map((s) => s.sent).join('/')}, duplicates 0`,
    );
  }, 70_000);

  it('3 processes over 300 due follow-ups: each owner\'s DM and each lead\'s DM posted exactly once (docs/follow-ups.md)', async () => {
    const owners = 300;
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(owners * 2) });
    const now = (await sql<{ now: Date }>`select now() as now`.execute(database.db)).rows[0]!.now;
    // Check-ins not due (next week); a follow-up due a minute ago, agreed with a lead (user i + 300) who has a share.
    await seedSchedules(database.db, { count: owners, withAssessments: true, nextRunAt: () => new Date(now.getTime() + 7 * 24 * 3600_000) });
    await database.db.updateTable('checkin_schedules').set({ follow_up_at: new Date(now.getTime() - 60_000) }).where('team_id', '=', TEAM).execute();
    const today = localDateIn('Europe/Madrid', new Date(now.getTime() - 60_000));
    const owner = (i: number) => userId(i);
    const lead = (i: number) => userId(i + owners);
    const ids = Array.from({ length: owners }, (_, i) => i);
    await database.db
      .insertInto('conversation_notes')
      .values(ids.map((i) => ({ team_id: TEAM, owner_id: owner(i), author_id: lead(i), other_id: owner(i), skill_id: i % 2 === 0 ? 'nats' : 'testing', steps: `Steps of ${i}`, follow_up_on: today, created_at: now })))
      .execute();
    await database.db
      .insertInto('growth_shares')
      .values(ids.map((i) => ({ team_id: TEAM, owner_id: owner(i), viewer_id: lead(i), skill_ids: null, expires_at: null, revoked_at: null, dm_channel: null, dm_ts: null, dm_ended_at: null, updated_at: now })))
      .execute();

    const list = [0, 1, 2].map((i) => startWorker(`follow-up${i}`, { leaseSeconds: 10, sendTimeoutMs: 2000, concurrency: 8, claimBatch: 40 }));
    await waitFor('every follow-up to be sent', allSettled(owners * 2), 50_000);
    await stopWorkers(list);

    const posts = postsPerDelivery(fake);
    expect(posts.size).toBe(owners * 2);
    expect(duplicates(posts)).toEqual({ duplicated: 0, extraPosts: 0, maxCopies: 1 });
    expect(await deliveryStats(database.db)).toEqual({ total: owners * 2, byStatus: { sent: owners * 2 } });
    // One DM to each person: the owner's steps, the lead's Open brief.
    const byChannel = new Map<string, number>();
    for (const call of acceptedPosts()) byChannel.set(String((call.args as { channel?: unknown }).channel), (byChannel.get(String((call.args as { channel?: unknown }).channel)) ?? 0) + 1);
    expect([...byChannel.values()].every((n) => n === 1)).toBe(true);
    expect(byChannel.size).toBe(owners * 2);
    const kinds = await database.db.selectFrom('checkin_deliveries').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').orderBy('kind').execute();
    expect(kinds.map((k) => [k.kind, Number(k.n)])).toEqual([
      ['follow_up', owners],
      ['lead_follow_up', owners],
    ]);
    const left = await sql<{ n: number }>`select count(*)::int as n from checkin_schedules where follow_up_at is not null`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
  }, 70_000);

  it('negative control: a naive read-then-write claim, counted the same way, posts duplicates', async () => {
    const count = 300;
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(count) });
    await seedSchedules(database.db, { count });
    await emitDueOccurrences(database.db, { batch: count, graceMs: GRACE_MS, computeNext: computeNextRun });
    const client = testSender(fake, 2000);
    // The bug this design exists to avoid: select pending rows without a lock, send, then mark them sent.
    const naiveWorker = async () => {
      for (;;) {
        const rows = await database.db.selectFrom('checkin_deliveries').select(['id', 'user_id']).where('status', '=', 'pending').orderBy('id').limit(10).execute();
        if (rows.length === 0) return;
        for (const row of rows) {
          await client.chat.postMessage({
            channel: row.user_id,
            text: 'naive check-in',
            metadata: { event_type: CHECKIN_EVENT_TYPE, event_payload: { delivery_id: String(row.id) } },
          });
          await database.db.updateTable('checkin_deliveries').set({ status: 'sent' }).where('id', '=', row.id).execute();
        }
      }
    };
    await Promise.all([naiveWorker(), naiveWorker(), naiveWorker(), naiveWorker()]);
    const posts = postsPerDelivery(fake);
    const dup = duplicates(posts);
    expect(posts.size).toBe(count);
    expect(dup.duplicated).toBeGreaterThan(count / 10);
    console.info(`[negative control] naive claim, 4 workers, ${count} check-ins: ${dup.duplicated} duplicated (${dup.extraPosts} extra posts, up to ${dup.maxCopies} copies)`);
  });

  it('kill -9 of a sender mid-batch, then restart: nothing lost, duplicates within the in-flight bound', async () => {
    const count = 450;
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(count) });
    fake.failNext('chat.postMessage', { delayMs: 15 }, count * 3); // widen the window between "Slack accepted" and "marked sent"
    await seedSchedules(database.db, { count, withAssessments: true });
    const options = { leaseSeconds: 2, sendTimeoutMs: 300, concurrency: 8 };
    const list = [0, 1, 2].map((i) => startWorker(`killable${i}`, options));
    const kills: { worker: string; inFlight: number }[] = [];
    for (const [index, threshold] of [
      [0, 100],
      [1, 250],
    ] as const) {
      await waitFor(`${threshold} posts`, async () => acceptedPosts().length >= threshold, 40_000);
      const victim = list[index]!;
      killedByTest.add(victim);
      victim.child.kill('SIGKILL');
      await victim.exited;
      const inFlight = await database.db
        .selectFrom('checkin_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'sending')
        .where('locked_by', '=', victim.id)
        .executeTakeFirstOrThrow();
      kills.push({ worker: victim.id, inFlight: Number(inFlight.n) });
      list.push(startWorker(`restarted${index}`, options)); // as an orchestrator would
    }
    await waitFor('every delivery to settle', allSettled(count), 40_000);
    const survivors = list.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    const summaries = await stopWorkers(survivors);

    const posts = postsPerDelivery(fake);
    const dup = duplicates(posts);
    const stats = await deliveryStats(database.db);
    const notSent = await database.db.selectFrom('checkin_deliveries').select(['id', 'status', 'last_error', 'attempts', 'blind_resends']).where('status', '!=', 'sent').execute();
    expect(notSent, JSON.stringify(notSent)).toEqual([]);
    expect(stats).toEqual({ total: count, byStatus: { sent: count } });
    expect(posts.size).toBe(count); // none lost
    const inFlightAtKills = kills.reduce((n, k) => n + k.inFlight, 0);
    expect(dup.duplicated).toBeLessThanOrEqual(inFlightAtKills);
    expect(dup.maxCopies).toBeLessThanOrEqual(2);
    const reconciled = summaries.reduce((n, s) => n + s.reconciled, 0);
    console.info(
      `[kill -9] ${count} check-ins, 2 kills (${kills.map((k) => k.inFlight).join(' + ')} rows in flight): 0 lost, ${dup.duplicated} duplicated, ${reconciled} reconciled from the DM, ` +
        `${summaries.reduce((n, s) => n + s.blindResends, 0)} blind re-sends`,
    );
  }, 70_000);

  it('pg_terminate_backend of every worker session mid-run: nothing lost, no worker crashes', async () => {
    const count = 300;
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(count) });
    fake.failNext('chat.postMessage', { delayMs: 5 }, count * 3);
    await seedSchedules(database.db, { count, withAssessments: true });
    const list = [0, 1, 2].map((i) => startWorker(`terminated${i}`, { leaseSeconds: 2, sendTimeoutMs: 300, concurrency: 8 }));
    let terminated = 0;
    for (const threshold of [60, 180]) {
      await waitFor(`${threshold} posts`, async () => acceptedPosts().length >= threshold, 40_000);
      const result = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = ${appName}`.execute(database.db);
      terminated += result.rows[0]!.n;
    }
    await waitFor('every delivery to settle', allSettled(count), 40_000);
    const summaries = await stopWorkers(list); // asserts every worker is alive and exits 0

    const posts = postsPerDelivery(fake);
    const dup = duplicates(posts);
    expect(terminated).toBeGreaterThan(0);
    expect(posts.size).toBe(count);
    expect(await deliveryStats(database.db)).toEqual({ total: count, byStatus: { sent: count } });
    expect(dup.maxCopies).toBeLessThanOrEqual(2);
    console.info(
      `[pg_terminate_backend] ${count} check-ins, ${terminated} sessions killed in 2 rounds: 0 lost, 0 worker crashes, ` +
        `${summaries.reduce((n, s) => n + s.errors, 0)} logged DB errors, ${dup.duplicated} duplicated, ${summaries.reduce((n, s) => n + s.reconciled, 0)} reconciled`,
    );
  }, 70_000);
});
