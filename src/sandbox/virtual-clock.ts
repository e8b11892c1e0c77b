/**
 * The sandbox's "now": real time plus an offset that only grows. Fast-forwarding moves the offset, so the app
 * (deps.now), the fake Slack (message timestamps, users.info offsets) and the scheduler all agree on the pretend
 * time while seconds keep ticking normally. It never goes backwards: schedules computed at a later pretend time
 * would otherwise all look due again.
 */
export class VirtualClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** How far ahead of real time the sandbox is, in ms. */
  get aheadMs(): number {
    return this.offsetMs;
  }

  /**
   * Picks up a saved pretend time after a restart: the saved lead over real time, and never earlier than the
   * pretend time last saved (the computer's clock may have been set back meanwhile).
   */
  restore(saved: { aheadMs: number; nowMs: number }): void {
    this.offsetMs = Math.max(this.offsetMs, saved.aheadMs, saved.nowMs - this.realNow());
  }

  /** Moves the clock to `instant` if that is later than now; earlier instants are ignored. */
  advanceTo(instant: Date): void {
    const delta = instant.getTime() - this.nowMs();
    if (delta > 0) this.offsetMs += delta;
  }
}
