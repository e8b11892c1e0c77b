import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { runReencryptCommand } from '../../src/cli/installations.js';
import { loadConfig } from '../../src/config.js';
import { findInstallation, saveInstallation } from '../../src/db/repositories/installations.js';
import { createTokenCipher, keyIdOf } from '../../src/db/token-cipher.js';
import { describeEachDatabase } from '../helpers/test-database.js';

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const NOW = new Date('2026-12-15T10:00:00Z');
const install = (team: string) => ({
  team: { id: team },
  enterprise: undefined,
  user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
  bot: { token: `xoxb-${team}`, scopes: ['commands'], id: 'B0', userId: 'U0BOT' },
  isEnterpriseInstall: false,
  authVersion: 'v2' as const,
});

describeEachDatabase('reencrypt-installations', (database) => {
  const run = async (env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runReencryptCommand([], {
      loadConfig: async () => loadConfig({ ...env, LOG_LEVEL: 'error' }, 'installations'),
      openDatabase: async () => database, // the fixture closes it
      stdout: { write: (text) => void out.push(text) },
      stderr: { write: (text) => void err.push(text) },
      now: () => NOW,
    });
    return { code, out: out.join(''), err: err.join('') };
  };

  it('moves every row to the current key, after which the previous key can go; a second run has nothing to do', async () => {
    for (const team of ['T0A', 'T0B']) await saveInstallation(database.db, createTokenCipher({ current: OLD }), install(team), NOW);
    const first = await run({ INSTALLATION_ENCRYPTION_KEY: NEW.toString('base64'), INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: OLD.toString('base64') });
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain(`Re-encrypted 2 installations under key ${keyIdOf(NEW)}.`);
    const newOnly = createTokenCipher({ current: NEW });
    expect((await findInstallation(database.db, newOnly, { teamId: 'T0B', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-T0B');
    expect((await run({ INSTALLATION_ENCRYPTION_KEY: NEW.toString('base64') })).out).toContain('Re-encrypted 0 installations');
  });

  it('without the old key it names the rows it cannot open and exits 1', async () => {
    await saveInstallation(database.db, createTokenCipher({ current: OLD }), install('T0A'), NOW);
    const result = await run({ INSTALLATION_ENCRYPTION_KEY: NEW.toString('base64') });
    expect(result.code).toBe(1);
    expect(result.err).toContain('1 installation opens under no configured key (T:T0A); add the key they were written with to INSTALLATION_ENCRYPTION_PREVIOUS_KEYS');
    expect(result.err).not.toContain('xoxb-');
  });
});
