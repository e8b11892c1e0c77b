/**
 * Waiting for something with a deadline, without pretending to know what happened when the deadline passes: the
 * work may still finish later, so callers get `late` (with the promise, to follow up) rather than "failed".
 */
export type Settled<T> = { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'late'; pending: Promise<T> };

export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'late', pending: promise }), ms);
  });
  const settled = promise.then(
    (value): Settled<T> => ({ kind: 'done', value }),
    (error: unknown): Settled<T> => ({ kind: 'failed', error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The value if it arrives in time, otherwise `fallback` (for answers where a default is as good as a late value). */
export async function valueWithin<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  const settled = await settleWithin(promise, ms);
  return settled.kind === 'done' ? settled.value : fallback;
}
