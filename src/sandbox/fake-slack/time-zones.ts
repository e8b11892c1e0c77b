/** Slack's user time-zone fields (`tz_offset`, `tz_label`) for users.info. */

/** The zone's offset from UTC in seconds at `atMs`, computed with Intl (no tz database needed). */
export function tzOffsetSeconds(tz: string, atMs: number): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(atMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(atMs / 1000) * 1000) / 1000);
  } catch {
    return 0;
  }
}

/** The zone's long name, e.g. "Central European Standard Time"; the zone id itself when Intl does not know it. */
export function tzLabelFor(tz: string, atMs: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(new Date(atMs));
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
  } catch {
    return tz;
  }
}
