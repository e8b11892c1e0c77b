import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Child processes for the benchmarks: servers, load generators and scheduler workers each get their own process
 * (and event loop), talk to the parent over IPC, and are always killed by pid when the benchmark ends.
 */

/** USER_HZ for /proc CPU times: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

export interface ChildMessage {
  type: string;
  [key: string]: unknown;
}

export interface Child {
  readonly pid: number;
  send(message: ChildMessage): void;
  /**
   * Resolves with the next message of `type` (or of any of several types), or rejects when the child exits first
   * or time runs out.
   */
  next<T extends ChildMessage>(type: string | string[], timeoutMs?: number): Promise<T>;
  /** The child's stderr so far (its logs), for error messages and warning counts. */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * True when the benchmark itself runs compiled (`npm run bench`: tsc, then `node dist/bench/run.js`), as
 * production runs: then every child runs compiled too. Under tsx (`npx tsx bench/run.ts`, for quick experiments)
 * the children run under tsx as well, and their numbers include tsx's loader.
 */
export const COMPILED = import.meta.url.endsWith('.js');

/** The compiled tree's root (dist/), from this file's place in it (dist/bench/lib/child.js). */
const DIST_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs one of the benchmark's TypeScript files (a path like `bench/servers/app.ts`) with an IPC channel: its
 * compiled JavaScript under plain node when the benchmark runs compiled, else the source under tsx. `env` is added
 * to the parent's environment.
 */
export function spawnScript(script: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Child {
  const entry = COMPILED ? [path.join(DIST_ROOT, script.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', script];
  return wrap(spawn(process.execPath, [...nodeArgs, ...entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] }));
}

function wrap(proc: ChildProcess): Child {
  let log = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail only: a misbehaving child must not fill the parent's memory.
    log = (log + chunk.toString('utf8')).slice(-200_000);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const inbox: ChildMessage[] = [];
  const waiters: { types: string[]; resolve: (m: ChildMessage) => void }[] = [];
  proc.on('message', (raw) => {
    const message = raw as ChildMessage;
    const waiter = waiters.find((w) => w.types.includes(message.type));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    } else inbox.push(message);
  });
  return {
    pid: proc.pid ?? -1,
    send: (message) => {
      proc.send(message);
    },
    next: <T extends ChildMessage>(type: string | string[], timeoutMs = 120_000) => {
      const types = Array.isArray(type) ? type : [type];
      const queued = inbox.findIndex((m) => types.includes(m.type));
      if (queued >= 0) return Promise.resolve(inbox.splice(queued, 1)[0] as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`child ${proc.pid} sent no "${types.join('" or "')}" within ${timeoutMs} ms\n${log.slice(-3000)}`));
        }, timeoutMs);
        const waiter = {
          types,
          resolve: (m: ChildMessage) => {
            clearTimeout(timer);
            resolve(m as T);
          },
        };
        waiters.push(waiter);
        void exited.then(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          clearTimeout(timer);
          reject(new Error(`child ${proc.pid} exited (code ${proc.exitCode}) before sending "${types.join('" or "')}"\n${log.slice(-3000)}`));
        });
      });
    },
    stderr: () => log,
    stop: async (graceMs = 5000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process from /proc (Linux), in bytes; NaN elsewhere. */
export function rssOf(pid: number): Promise<number> {
  return procStatus(pid, 'VmRSS');
}

/**
 * Peak resident set size since the process started (VmHWM). Not `process.resourceUsage().maxRSS`: Linux carries
 * that over from the parent across fork + exec, so a child would report its parent's peak.
 */
export function peakRssOf(pid: number): Promise<number> {
  return procStatus(pid, 'VmHWM');
}

async function procStatus(pid: number, field: string): Promise<number> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1];
    return kb ? Number(kb) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. */
export async function cpuMsOf(pid: number): Promise<number> {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ")"; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Busy and total CPU time of the whole machine so far, in ms, from /proc/stat. */
export async function machineCpuMs(): Promise<{ busy: number; total: number }> {
  try {
    const { readFile } = await import('node:fs/promises');
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const ticks = line.split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: ((total - idle) * 1000) / CLOCK_TICKS, total: (total * 1000) / CLOCK_TICKS };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/**
 * CPU time used so far by processes that are NOT ours: neither this process nor its descendants, nor Postgres
 * (which serves us). On a shared machine this is the noise in every number; the benchmarks report it and re-run a
 * measurement that had too much of it. Processes that exit between two snapshots are missed (an underestimate).
 */
export async function foreignCpuSnapshot(): Promise<Map<number, number>> {
  const entries = await processes();
  const parent = new Map(entries.map((e) => [e.pid, e.ppid]));
  const ours = (pid: number) => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  return new Map(entries.filter((e) => e.comm !== 'postgres' && !ours(e.pid)).map((e) => [e.pid, e.cpu]));
}

/** CPU time so far of every Postgres process (server and backends), by pid. */
export async function postgresCpuSnapshot(): Promise<Map<number, number>> {
  return new Map((await processes()).filter((e) => e.comm === 'postgres').map((e) => [e.pid, e.cpu]));
}

/** CPU ms used between two snapshots; a process that started in between counts in full. */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, cpu] of after) used += cpu - (before.get(pid) ?? 0);
  return used;
}

async function processes(): Promise<{ pid: number; ppid: number; comm: string; cpu: number }[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const entries: { pid: number; ppid: number; comm: string; cpu: number }[] = [];
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    const fields = stat.slice(close + 2).split(' ');
    entries.push({
      pid: Number(name),
      comm: stat.slice(stat.indexOf('(') + 1, close),
      ppid: Number(fields[1]),
      cpu: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS,
    });
  }
  return entries;
}

/** Share of the machine's cores that foreign processes used between two snapshots taken `wallMs` apart. */
export function foreignShare(before: Map<number, number>, after: Map<number, number>, wallMs: number): number {
  return cpuDelta(before, after) / (wallMs * os.cpus().length);
}
