import type { WebClient } from '@slack/web-api';
import type { Deps } from '../deps.js';
import { findSchedule, hasActiveSchedulesOutsideTeam } from '../db/repositories/checkin-schedules.js';
import { runSchedulerPass, type SchedulerPassResult } from '../reminders/run.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * Runs the real check-in scheduler (reminders/run.ts) against the sandbox's pretend time. Two ways in:
 *  - a ticker, like reminders/cron.ts but passing the virtual "now", so a check-in set for two minutes from now
 *    arrives in two minutes even after the clock was moved forward (node-cron would use the database clock);
 *  - fast-forward to an instant: one pass at each due occurrence on the way (in order), then the clock stops at
 *    the target. A pass run only at the target would find a check-in from three days earlier past its 2-hour
 *    grace and skip it, exactly as production does after an outage; walking the occurrences shows what people
 *    would have received over that time.
 * Both take the same lock, so a tick never races a fast-forward.
 */

export interface FastForwardResult {
  from: string;
  to: string;
  passes: number;
  sent: number;
  skipped: number;
  errors: number;
}

/** A runaway guard: a daily check-in over a fortnight is 14 passes. */
const MAX_PASSES = 60;

export class SchedulerControl {
  private lock: Promise<unknown> = Promise.resolve();
  private ticker: NodeJS.Timeout | undefined;
  private refusalLogged = false;

  constructor(
    private readonly options: { deps: Deps; client: WebClient; clock: VirtualClock; teamId: string; userIds: readonly string[]; workerId: string },
  ) {}

  /** Ticks every `intervalMs` (the sandbox's stand-in for REMINDER_CRON). */
  startTicker(intervalMs: number): void {
    this.ticker = setInterval(() => {
      void this.exclusive(() => this.pass()).catch((error: unknown) => {
        // A refusal holds until the database changes: say it once, not every tick.
        if (error instanceof SandboxRefusal && this.refusalLogged) return;
        this.refusalLogged ||= error instanceof SandboxRefusal;
        this.options.deps.logger.error('sandbox: check-in tick failed', error);
      });
    }, intervalMs);
    this.ticker.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    await this.lock.catch(() => undefined);
  }

  /**
   * The next time `userId` gets a scheduled DM — a check-in or the follow-up of a 1:1 (docs/follow-ups.md) — or null
   * when none is scheduled (never assessed, paused, or off with no follow-up).
   */
  async nextCheckin(userId: string): Promise<Date | null> {
    const schedule = await findSchedule(this.options.deps.db, this.options.teamId, userId);
    if (!schedule || schedule.paused) return null;
    const times = [schedule.next_run_at, schedule.follow_up_at].filter((t): t is Date => t !== null);
    return times.length === 0 ? null : new Date(Math.min(...times.map((t) => t.getTime())));
  }

  fastForward(target: Date): Promise<FastForwardResult> {
    return this.exclusive(async () => {
      // Refuse up front, not only when a pass is due: moving the clock past a real workspace's check-ins would
      // make the next tick treat them as due.
      await this.refuseForeignSchedules();
      const { clock, deps } = this.options;
      const from = clock.now();
      const totals = { passes: 0, sent: 0, skipped: 0, errors: 0 };
      let previousDue: number | undefined;
      for (let i = 0; i < MAX_PASSES; i += 1) {
        const due = await this.earliestDue(target);
        if (!due) break;
        // The pass did not move the schedule on (an error, or a database clock far behind): stop, do not spin.
        if (previousDue !== undefined && due.getTime() <= previousDue) {
          deps.logger.warn('sandbox: fast-forward stopped, a check-in stayed due after a pass', { due: due.toISOString() });
          break;
        }
        previousDue = due.getTime();
        clock.advanceTo(due);
        add(totals, await this.pass());
      }
      clock.advanceTo(target);
      return { from: from.toISOString(), to: clock.now().toISOString(), ...totals };
    });
  }

  private async pass(): Promise<SchedulerPassResult> {
    await this.refuseForeignSchedules();
    const { deps, client, clock, workerId } = this.options;
    return runSchedulerPass(deps, client, { workerId, now: clock.now() });
  }

  /** The earliest pending check-in of the sandbox's people at or before `limit`. */
  private async earliestDue(limit: Date): Promise<Date | undefined> {
    let earliest: Date | undefined;
    for (const userId of this.options.userIds) {
      const next = await this.nextCheckin(userId);
      if (next && next.getTime() <= limit.getTime() && (!earliest || next < earliest)) earliest = next;
    }
    return earliest;
  }

  /**
   * The scheduler works on every schedule in the database, and the fake Slack knows only the sandbox's people: a
   * real workspace's check-ins would "fail" with user_not_found and be stopped for good. So when the database holds
   * another workspace's active schedules (the sandbox started on a database a real deployment uses), refuse.
   */
  private async refuseForeignSchedules(): Promise<void> {
    if (await hasActiveSchedulesOutsideTeam(this.options.deps.db, this.options.teamId)) {
      throw new SandboxRefusal(
        'This database holds check-in schedules of a real workspace, so the sandbox will not run the scheduler on it. Start the sandbox with an empty PGLITE_DIR (and no DATABASE_URL).',
      );
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.catch(() => undefined).then(work);
    this.lock = run;
    return run;
  }
}

/** An operation the sandbox declines on purpose; its message is meant for the person using the page. */
export class SandboxRefusal extends Error {
  override readonly name = 'SandboxRefusal';
}

function add(totals: { passes: number; sent: number; skipped: number; errors: number }, result: SchedulerPassResult): void {
  totals.passes += 1;
  totals.sent += result.sent + result.reconciled;
  totals.skipped += result.skipped;
  totals.errors += result.errors;
}
