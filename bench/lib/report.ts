/** What every benchmark hands back to bench/run.ts: a markdown section plus its targets, judged mechanically. */

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  /** undefined when the benchmark could not produce the number (it is reported as "not measured"). */
  met: boolean | undefined;
}

export interface SectionResult {
  title: string;
  markdown: string;
  targets: TargetCheck[];
}

export interface BenchContext {
  quick: boolean;
  /** Progress lines on stderr, so stdout carries only the results. */
  progress(line: string): void;
}

export function check(what: string, target: string, measured: string, met: boolean | undefined): TargetCheck {
  return { what, target, measured, met };
}
