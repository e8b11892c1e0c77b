import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import type { Config } from '../config.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

/** The only place that creates database connections: a `pg` pool for Postgres, or PGlite when no URL is given. */

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'postgres' | 'pglite';
  /** A cheap round trip, for /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Postgres only: the pool's connections (total, idle) and the queries waiting for one, for /metrics. */
  poolUsage?(): { total: number; idle: number; waiting: number };
}

interface ErrorLogger {
  error(...message: unknown[]): void;
}

// Types as the app expects them, the same on both engines: dates stay 'YYYY-MM-DD' strings (pg would turn them
// into local-midnight Date objects), int8 counts become numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
const APP_PARSERS: Record<number, (value: string) => unknown> = {
  [DATE_OID]: (value) => value,
  [INT8_OID]: (value) => Number(value),
};

/**
 * Deadlines for every query (docs/database.md). Slack closes a request 3 s after sending it, so a slow database
 * must fail fast and honestly rather than hold a listener: waiting for a pooled connection, waiting for a lock, and
 * running a statement are each bounded, and the server cancels what overruns (so "nothing was saved" is true).
 * Migrations run without them (migrate.ts): building an index on a large table may rightly take minutes.
 */
export interface DatabaseTimeouts {
  /** Waiting for a free connection from the pool (or opening a new one). */
  acquireMs: number;
  /** Waiting for a lock held by someone else; Postgres cancels the statement after this (SQLSTATE 55P03). */
  lockMs: number;
  /** Any one statement; Postgres cancels it after this (SQLSTATE 57014), so it never commits later. */
  statementMs: number;
  /** Client-side backstop for a server that stops answering at all (a dead network path). */
  queryMs: number;
  /** A transaction left open by a bug is ended by the server, so it cannot hold locks forever. */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  acquireMs: 800,
  lockMs: 800,
  statementMs: 1500,
  queryMs: 5000,
  idleInTransactionMs: 10_000,
};

/**
 * For work nobody is waiting on (the check-in scheduler, operator commands, benchmarks' seeding): still bounded, so
 * nothing hangs forever, but loose enough that a busy server or a slow new connection is not an error.
 */
export const BACKGROUND_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  acquireMs: 10_000,
  lockMs: 5_000,
  statementMs: 30_000,
  queryMs: 60_000,
  idleInTransactionMs: 60_000,
};

export interface PostgresOptions {
  url: string;
  timeouts?: Partial<DatabaseTimeouts>;
  /** Run every session with this search_path (tests isolate themselves in a schema). */
  schema?: string;
  maxConnections?: number;
  logger: ErrorLogger;
}

export function createPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      return APP_PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? 'text');
    },
  };
  const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: timeouts.acquireMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    types: types as pg.CustomTypesConfig,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // Without a listener, an idle client's error (e.g. the server restarting) crashes the process.
  pool.on('error', (error) => options.logger.error('postgres pool error (the connection will be replaced)', error.message));
  // A client checked out of the pool (inside a transaction, between statements) has no pool listener: an unheard
  // 'error' when the server ends its session would crash the process.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.logger.error('postgres connection error (the connection will be replaced)', error.message));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ping: () => ping(db),
    poolUsage: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      // kysely only ends the pool if it ever ran a query; end it ourselves otherwise.
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}

export interface PgliteOptions {
  /** Folder to keep the data in; omitted means in memory. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
}

export interface PgliteHandle extends DatabaseHandle {
  /** The whole database as a tarball, to clone it cheaply (tests start from a migrated template). */
  dump(): Promise<Blob>;
}

export async function createPgliteDatabase(options: PgliteOptions): Promise<PgliteHandle> {
  let unlock: (() => Promise<void>) | undefined;
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    unlock = await lockDataDir(options.dataDir);
  }
  let pglite: PGlite;
  try {
    // Loaded here, not at the top: a Postgres deployment never needs PGlite, and importing it costs ~5 MB of idle
    // memory (bench/README.md, idle RSS).
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: APP_PARSERS,
    });
  } catch (error) {
    await unlock?.();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    ping: () => ping(db),
    close: async () => {
      // kysely skips the driver's destroy if it never ran a query, which would leave PGlite open.
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      await unlock?.();
    },
    dump: async () => (await pglite.dumpDataDir('gzip')) as Blob,
  };
}

/**
 * The database the configuration names: Postgres at DATABASE_URL, or else PGlite in PGLITE_DIR. Every entry point
 * (the app, the CLI, `tick`) opens it this way, so they always agree on which database they mean.
 */
export async function openDatabase(config: Pick<Config, 'db'>, logger: ErrorLogger, options: { timeouts?: DatabaseTimeouts } = {}): Promise<DatabaseHandle> {
  if (config.db.url) return createPostgresDatabase({ url: config.db.url, logger, ...(options.timeouts ? { timeouts: options.timeouts } : {}) });
  try {
    return await createPgliteDatabase({ dataDir: config.db.pgliteDir });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
      throw new Error(
        `PGLITE_DIR (${config.db.pgliteDir}): cannot create or write the data folder (${code}). Point PGLITE_DIR at a writable folder, or set DATABASE_URL to use Postgres.`,
        { cause: error },
      );
    }
    throw error;
  }
}

async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
