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

  /** Moves the clock to `instant` if that is later than now; earlier instants are ignored. */
  advanceTo(instant: Date): void {
    const delta = instant.getTime() - this.nowMs();
    if (delta > 0) this.offsetMs += delta;
  }
}
