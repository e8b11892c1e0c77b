/** Slack message timestamps (`1700000000.000100`): seconds and microseconds, unique per channel and ordered. */

/** Slack ts `1700000000.000100` → integer microseconds (exact: < 2^53 for any realistic date). */
export function tsMicros(ts: string): number {
  const [sec = '0', frac = ''] = ts.split('.');
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

export function microsToTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}
