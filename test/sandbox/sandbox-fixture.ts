import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import type { SandboxSnapshot, SnapshotMessage } from '../../src/sandbox/state-snapshot.js';
import { shippedCatalog } from '../helpers/catalog.js';
import { pgliteTarget, type TestDatabase } from '../helpers/test-database.js';

/** A sandbox on an ephemeral port over a cloned PGlite database, and a small client for its JSON API. */

export const ADA = 'U0SBXADA';
export const ROSA = 'U0SBXROSA';
export const GENERAL = 'C0GENERAL';

export interface SandboxFixture {
  sandbox: Sandbox;
  database: TestDatabase;
  logs: string[];
  post(endpoint: string, body: unknown): Promise<Record<string, unknown> & { ok?: boolean }>;
  state(user?: string): Promise<SandboxSnapshot>;
  /** Polls the state until `check` returns something (the app answers asynchronously, as Slack's apps do). */
  waitFor<T>(user: string, check: (state: SandboxSnapshot) => T | undefined | false | null, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * `memoryDir` keeps the sandbox's conversation and clock there (as `npm start` does in the PGlite folder); `database`
 * reuses a database, which close() then leaves open (a restart: a second sandbox on the same data).
 */
export async function startSandboxFixture(options: { memoryDir?: string; database?: TestDatabase } = {}): Promise<SandboxFixture> {
  const database = options.database ?? (await pgliteTarget().create());
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line) => void logs.push(line) });
  // No Slack settings at all: sandbox mode. The background tick is off; tests move time explicitly.
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'info' });
  const sandbox = await startSandbox({ config, database, catalog: await shippedCatalog(), logger, port: 0, host: '127.0.0.1', tickMs: 0, memoryDir: options.memoryDir });
  const base = `http://127.0.0.1:${sandbox.port}/sandbox/api`;
  const fixture: SandboxFixture = {
    sandbox,
    database,
    logs,
    async post(endpoint, body) {
      const response = await fetch(`${base}/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as Record<string, unknown>;
    },
    async state(user = ADA) {
      const response = await fetch(`${base}/state?user=${user}`);
      return (await response.json()) as SandboxSnapshot;
    },
    async waitFor(user, check, what, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check(await fixture.state(user));
        if (value !== undefined && value !== false && value !== null) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nlogs:\n${logs.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await sandbox.close();
      if (!options.database) await database.close();
    },
  };
  return fixture;
}

export function messagesIn(state: SandboxSnapshot, kind: 'channel' | 'im'): SnapshotMessage[] {
  return state.conversations.find((c) => c.kind === kind)?.messages ?? [];
}

export function dmId(state: SandboxSnapshot): string {
  return state.conversations.find((c) => c.kind === 'im')!.id;
}

export const text = (value: unknown): string => JSON.stringify(value);

/** Modal edits (block_id → action_id → choice) for a complete, valid self-assessment of NATS. */
export function assessmentEdits(overrides: { current?: string; target?: string; goals?: string } = {}): Record<string, Record<string, Record<string, string>>> {
  const ratings = { junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' };
  return {
    ...Object.fromEntries(Object.entries(ratings).map(([level, rating]) => [`assess_rating_${level}`, { value: { selectedOption: rating } }])),
    assess_current: { value: { selectedOption: overrides.current ?? 'senior' } },
    assess_target: { value: { selectedOption: overrides.target ?? 'lead' } },
    ...(overrides.goals !== undefined ? { assess_goals: { value: { value: overrides.goals } } } : {}),
  };
}
