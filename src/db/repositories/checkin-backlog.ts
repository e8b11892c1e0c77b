import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * The check-in backlog for /metrics (README, Operations → Metrics): what is due by the database clock and not sent
 * yet, across every workspace (an operator's number, like the claim itself): due check-ins and follow-ups
 * (docs/follow-ups.md) not yet emitted, pending deliveries whose time has come, and deliveries whose lease expired. Both parts use the partial indexes the
 * scheduler's own queries use.
 */
export async function readCheckinBacklog(db: Kysely<Database>): Promise<{ due: number; oldestDueSeconds: number }> {
  const { rows } = await sql<{ due: number; oldest_due_seconds: number | null }>`
    select count(*)::int as due, extract(epoch from now() - min(due_at))::float8 as oldest_due_seconds
      from (
        select next_run_at as due_at from checkin_schedules
         where not paused and next_run_at is not null and next_run_at <= now()
        union all
        select follow_up_at from checkin_schedules
         where not paused and follow_up_at is not null and follow_up_at <= now()
        union all
        select run_after from checkin_deliveries
         where (status = 'pending' and run_after <= now()) or (status = 'sending' and locked_until < now())
      ) as due`.execute(db);
  const row = rows[0];
  return { due: Number(row?.due ?? 0), oldestDueSeconds: Math.max(0, Number(row?.oldest_due_seconds ?? 0)) };
}
