/**
 * What a database error means for the person waiting. The only place that knows Postgres error codes and the pg
 * pool's messages, so listeners can say something true without importing pg.
 */

/** SQLSTATE codes Postgres uses when it gives up on a statement we bounded (docs/database.md). */
const CANCELLED_BY_TIMEOUT = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '57P03', // cannot_connect_now: the server is starting up or shutting down
]);

/**
 * True when the database was too slow or too busy and the statement certainly did not take effect: the server
 * cancelled it, or no connection was free so it never ran. "Nothing was saved, try again" is then the truth.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CANCELLED_BY_TIMEOUT.has(code)) return true;
  // The server refused the connection: nothing was sent.
  if (code === 'ECONNREFUSED') return true;
  // pg-pool's message when no connection frees up within connectionTimeoutMillis.
  return /timeout exceeded when trying to connect/i.test(error.message);
}
