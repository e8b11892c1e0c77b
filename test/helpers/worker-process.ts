import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A scheduler replica as a separate process (test/reminders/worker-script.ts under tsx), for the tests that prove the
 * outbox's guarantees with real processes. The worker prints `{"ready":true}` once its SIGTERM handler is installed
 * and its summary as the last line of stdout when it exits.
 */

const WORKER_SCRIPT = 'test/reminders/worker-script.ts';

export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  /** Resolves once the worker has loaded and installed its SIGTERM handler (or has exited). */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: string[];
  stderr: string[];
  /** The summary the worker printed last, parsed; undefined until it has. */
  summary<T>(): T | undefined;
}

/** Starts a worker with `config` (the JSON worker-script.ts reads; its `workerId` names it). */
export function spawnWorkerProcess(config: { workerId: string } & Record<string, unknown>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout.push(chunk.toString());
    if (stdout.join('').includes('"ready":true')) markReady();
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    id: config.workerId,
    child,
    ready: Promise.race([ready, exited.then(() => undefined)]),
    exited,
    stdout,
    stderr,
    summary: <T>() => {
      const last = stdout.join('').trim().split('\n').at(-1);
      return last ? (JSON.parse(last) as T) : undefined;
    },
  };
}
