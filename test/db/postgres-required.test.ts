import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/test-database.js';

// CI sets REQUIRE_POSTGRES_TESTS=1: then the real-Postgres half must run, not be skipped silently.
describe('test databases', () => {
  it.runIf(process.env.REQUIRE_POSTGRES_TESTS === '1')('include real Postgres when CI requires it', () => {
    expect(databaseTargets().map((t) => t.name)).toContain('postgres');
  });
  it('always include PGlite', () => {
    expect(databaseTargets().map((t) => t.name)).toContain('pglite');
  });
});
