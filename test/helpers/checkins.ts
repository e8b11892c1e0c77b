import { WebClient } from '@slack/web-api';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { senderClientOptions } from '../../src/reminders/sender-client.js';
import type { FakeSlack, FakeSlackUser } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { BOT_TOKEN, quietLogger } from './test-deps.js';

/** Check-in fixtures: people in the fake Slack, bulk-seeded schedules, and what the fake Slack accepted. */

export const TEAM = 'T0FAKE0001';

/** The scheduler's client configuration (retries 0, rejectRateLimitedCalls) with a short timeout for tests. */
export function testSender(fake: FakeSlack, timeoutMs = 1000): WebClient {
  // The Web API client logs failed requests with console.warn; the tests provoke many on purpose.
  return new WebClient(BOT_TOKEN, { ...senderClientOptions(fake.apiUrl, { timeoutMs }), logger: quietLogger() });
}

export function userId(i: number): string {
  return `U${String(i).padStart(8, '0')}`;
}

export function fakeUsers(count: number, options: { locale?: (i: number) => string } = {}): FakeSlackUser[] {
  return Array.from({ length: count }, (_, i) => ({ id: userId(i), teamId: TEAM, name: `user${i}`, tz: 'Europe/Madrid', locale: options.locale?.(i) ?? 'en-US' }));
}

export interface SeedOptions {
  count: number;
  /** next_run_at per schedule; default: one minute ago by the DB clock. */
  nextRunAt?: (i: number) => Date | null;
  weekday?: (i: number) => number;
  localTime?: (i: number) => string;
  tz?: (i: number) => string;
  cadence?: 'weekly' | 'biweekly' | 'monthly';
  paused?: (i: number) => boolean;
  /** Also insert one assessment each (and a user_settings row with the locale). */
  withAssessments?: boolean;
  locale?: (i: number) => string;
  firstUser?: number;
}

/** Bulk-inserts schedules (one statement per table; fast enough for thousands of rows). */
export async function seedSchedules(db: Kysely<Database>, options: SeedOptions): Promise<void> {
  const first = options.firstUser ?? 0;
  const ids = Array.from({ length: options.count }, (_, k) => first + k);
  const now = (await sql<{ now: Date }>`select now() as now`.execute(db)).rows[0]!.now;
  const chunk = 500;
  for (let start = 0; start < ids.length; start += chunk) {
    const slice = ids.slice(start, start + chunk);
    await db
      .insertInto('checkin_schedules')
      .values(
        slice.map((i) => ({
          team_id: TEAM,
          user_id: userId(i),
          cadence: options.cadence ?? 'weekly',
          weekday: options.weekday?.(i) ?? 1,
          local_time: options.localTime?.(i) ?? '10:00',
          tz: options.tz?.(i) ?? 'Europe/Madrid',
          anchor_date: options.cadence === 'biweekly' ? '2026-01-05' : null,
          paused: options.paused?.(i) ?? false,
          next_run_at: options.nextRunAt ? options.nextRunAt(i) : new Date(now.getTime() - 60_000),
          updated_at: now,
        })),
      )
      .execute();
    if (options.withAssessments) {
      await db
        .insertInto('assessments')
        .values(
          slice.map((i) => ({
            team_id: TEAM,
            user_id: userId(i),
            skill_id: i % 2 === 0 ? 'nats' : 'testing',
            role_id: 'dev',
            ratings: JSON.stringify({ junior: 'fully', middle: 'partly' }),
            current_level: 'middle',
            target_level: 'senior',
            target_date: '2027-03-01',
            goals: `Goal for *user ${i}* <!channel>`,
            created_at: new Date(now.getTime() - 21 * 24 * 3600_000),
          })),
        )
        .execute();
      await db
        .insertInto('user_settings')
        .values(slice.map((i) => ({ team_id: TEAM, user_id: userId(i), locale: options.locale?.(i) ?? 'en-US', tz: 'Europe/Madrid', profile_fetched_at: now, updated_at: now })))
        .execute();
    }
  }
}

export async function dbNow(db: Kysely<Database>): Promise<Date> {
  return (await sql<{ now: Date }>`select now() as now`.execute(db)).rows[0]!.now;
}

export interface DeliveryStats {
  total: number;
  byStatus: Record<string, number>;
}

export async function deliveryStats(db: Kysely<Database>): Promise<DeliveryStats> {
  const rows = await db.selectFrom('checkin_deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { total: rows.reduce((sum, r) => sum + Number(r.n), 0), byStatus };
}

/**
 * Counts check-in posts the fake Slack ACCEPTED, per delivery id (from the message metadata). This is the
 * measurement every exactly-once test relies on; the negative control proves it sees duplicates.
 */
export function postsPerDelivery(fake: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.callsTo('chat.postMessage')) {
    const response = call.response as { ok?: boolean } | undefined;
    if (!response?.ok) continue;
    const metadata = call.args.metadata as { event_payload?: { delivery_id?: unknown } } | undefined;
    const id = String(metadata?.event_payload?.delivery_id ?? 'none');
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export function duplicates(counts: Map<string, number>): { duplicated: number; extraPosts: number; maxCopies: number } {
  let duplicated = 0;
  let extraPosts = 0;
  let maxCopies = 0;
  for (const n of counts.values()) {
    if (n > 1) {
      duplicated += 1;
      extraPosts += n - 1;
    }
    maxCopies = Math.max(maxCopies, n);
  }
  return { duplicated, extraPosts, maxCopies };
}
