import { createHash } from 'node:crypto';

/**
 * Host speed, measured in the same run as everything else. The shared 2-core box's speed swings by up to ~1.6×
 * from one minute to the next (other tenants, frequency scaling), so an absolute CPU figure means little without
 * knowing how fast the machine was at that moment. `calibrate()` runs a fixed, allocation-heavy piece of
 * JavaScript (JSON, strings, a Map, a small hash: the mix a Slack request handler does) on this process's event
 * loop and returns how long it took; a slower minute shows up as a larger number. The run keeps every sample, so
 * RESULTS.md can show each measurement's host speed next to it.
 */

export interface Calibration {
  label: string;
  at: Date;
  /** CPU time of the fixed work (this thread), ms. */
  cpuMs: number;
  /** Wall time of the fixed work, ms: more than cpuMs when the core was taken from us (steal, other load). */
  wallMs: number;
}

const samples: Calibration[] = [];

const PAYLOAD = { type: 'block_actions', user: { id: 'U000000001', team_id: 'T0BENCH' }, actions: [{ action_id: 'card.next', value: 'nats:senior:go' }], blocks: Array.from({ length: 12 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `Line ${i} of a card: *level* and requirement text` } })) };

function fixedWork(): number {
  let checksum = 0;
  const map = new Map<string, number>();
  for (let i = 0; i < 4000; i++) {
    const text = JSON.stringify({ ...PAYLOAD, n: i });
    const parsed = JSON.parse(text) as typeof PAYLOAD & { n: number };
    map.set(`${parsed.user.id}:${parsed.n % 97}`, parsed.blocks.length);
    checksum += text.length + (map.get(`U000000001:${i % 97}`) ?? 0);
    if (i % 8 === 0) checksum += createHash('sha256').update(text).digest()[0]!;
  }
  return checksum;
}

/** Runs the fixed work (best of 3, after one warm-up) and records the sample under `label`. */
export function calibrate(label: string): Calibration {
  fixedWork();
  let best: Calibration | undefined;
  for (let i = 0; i < 3; i++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    fixedWork();
    const wallMs = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    const sample = { label, at: new Date(), cpuMs: (cpu.user + cpu.system) / 1000, wallMs };
    if (!best || sample.wallMs < best.wallMs) best = sample;
  }
  samples.push(best!);
  return best!;
}

/** Every sample of this run, in order. */
export function calibrations(): readonly Calibration[] {
  return samples;
}

/** How much slower than the fastest sample of the run (1.00× = the fastest; 1.5× = a minute 50 % slower). */
export function slowness(sample: Calibration): number {
  const fastest = Math.min(...samples.map((s) => s.wallMs));
  return sample.wallMs / fastest;
}
