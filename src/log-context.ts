import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogFields } from './logger.js';

/**
 * The ids of the request being handled (team, user, a request id), carried through every await and timer that
 * request starts. The logger reads them at each entry, so lines Bolt writes itself (authorization failures, "not
 * acknowledged within 3 seconds", errors after ack) say whose request they are about, without Bolt knowing.
 */
export interface LogContext {
  run<T>(fields: LogFields, work: () => T): T;
  current(): LogFields | undefined;
}

export function createLogContext(): LogContext {
  const storage = new AsyncLocalStorage<LogFields>();
  return {
    run: (fields, work) => storage.run({ ...storage.getStore(), ...fields }, work),
    current: () => storage.getStore(),
  };
}
