import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Installation } from '@slack/bolt';
import { createInstallationStore, findInstallation, NoInstallationError, reencryptInstallations, removeInstallation, saveInstallation } from '../../../src/db/repositories/installations.js';
import { createTokenCipher, keyIdOf, TokenDecryptError } from '../../../src/db/token-cipher.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const NOW = new Date('2026-12-15T10:00:00Z');

const teamInstall = (team: string, token: string, extra: Partial<Installation<'v2', false>['bot']> = {}): Installation<'v2', false> => ({
  team: { id: team, name: `Team ${team}` },
  enterprise: undefined,
  user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
  bot: { token, scopes: ['commands', 'chat:write'], id: 'B0BOT', userId: 'U0BOT', ...extra },
  appId: 'A0APP',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

const orgInstall = (enterprise: string, token: string): Installation<'v2', true> => ({
  team: undefined,
  enterprise: { id: enterprise, name: 'Org' },
  user: { id: 'U0ADMIN', token: 'xoxp-admin-user-token', scopes: ['identify'] },
  bot: { token, scopes: ['commands'], id: 'B0ORG', userId: 'U0ORGBOT' },
  isEnterpriseInstall: true,
  authVersion: 'v2',
});

describeEachDatabase('Slack installation store', (database) => {
  it('stores a workspace install by team id and gives it back whole, tokens included', async () => {
    const cipher = createTokenCipher({ current: NEW_KEY });
    const store = createInstallationStore(database.db, cipher, () => NOW);
    await store.storeInstallation(teamInstall('T0ONE', 'xoxb-one-secret', { refreshToken: 'xoxe-refresh-one', expiresAt: 1_900_000_000 }));
    await store.storeInstallation(teamInstall('T0TWO', 'xoxb-two-secret'));

    const one = await store.fetchInstallation({ teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(one.bot).toMatchObject({ token: 'xoxb-one-secret', refreshToken: 'xoxe-refresh-one', expiresAt: 1_900_000_000, userId: 'U0BOT', scopes: ['commands', 'chat:write'] });
    expect(one.team?.id).toBe('T0ONE');
    // No user token (the app asks for no user scopes): the installing person is not recorded.
    expect(one.user.id).toBe('');
    expect(JSON.stringify((await database.db.selectFrom('slack_installations').select('details').execute()).map((r) => r.details))).not.toContain('U0INSTALLER');
    expect((await store.fetchInstallation({ teamId: 'T0TWO', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-two-secret');
    await expect(store.fetchInstallation({ teamId: 'T0NONE', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toBeInstanceOf(NoInstallationError);
  });

  it('stores an org-wide install by enterprise id and finds it for any workspace of the organisation', async () => {
    const cipher = createTokenCipher({ current: NEW_KEY });
    const store = createInstallationStore(database.db, cipher, () => NOW);
    await store.storeInstallation(orgInstall('E0ORG', 'xoxb-org-secret'));
    const found = await store.fetchInstallation({ teamId: 'T0INORG', enterpriseId: 'E0ORG', isEnterpriseInstall: true } as never);
    expect(found).toMatchObject({ isEnterpriseInstall: true, enterprise: { id: 'E0ORG' }, bot: { token: 'xoxb-org-secret' }, user: { token: 'xoxp-admin-user-token' } });
    // A workspace-level query for a team of that org does not pick up the org install.
    await expect(store.fetchInstallation({ teamId: 'E0ORG', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toBeInstanceOf(NoInstallationError);
    await store.deleteInstallation!({ teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true });
    await expect(store.fetchInstallation({ teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true })).rejects.toBeInstanceOf(NoInstallationError);
  });

  it('a reinstall replaces the row; deleting one workspace leaves the other', async () => {
    const cipher = createTokenCipher({ current: NEW_KEY });
    await saveInstallation(database.db, cipher, teamInstall('T0ONE', 'xoxb-first'), NOW);
    await saveInstallation(database.db, cipher, teamInstall('T0ONE', 'xoxb-second'), NOW);
    await saveInstallation(database.db, cipher, teamInstall('T0TWO', 'xoxb-two'), NOW);
    expect((await findInstallation(database.db, cipher, { teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-second');
    expect(await removeInstallation(database.db, { teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false })).toBe(1);
    expect((await findInstallation(database.db, cipher, { teamId: 'T0TWO', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-two');
  });

  it('tokens are not readable in the database without the key, and the wrong key fails clearly', async () => {
    const cipher = createTokenCipher({ current: NEW_KEY });
    await saveInstallation(database.db, cipher, teamInstall('T0ONE', 'xoxb-plain-secret-123', { refreshToken: 'xoxe-refresh-456', expiresAt: 1 }), NOW);
    const raw = await sql<Record<string, unknown>>`select * from slack_installations`.execute(database.db);
    const dump = JSON.stringify(raw.rows);
    expect(dump).not.toContain('xoxb-plain-secret-123');
    expect(dump).not.toContain('xoxe-refresh-456');
    expect(dump).not.toContain('plain-secret');
    expect(raw.rows[0]!.key_id).toBe(keyIdOf(NEW_KEY));

    const wrong = createTokenCipher({ current: randomBytes(32) });
    const attempt = findInstallation(database.db, wrong, { teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(attempt).rejects.toBeInstanceOf(TokenDecryptError);
    await expect(attempt).rejects.toThrow(`T:T0ONE/bot_token: sealed with key ${keyIdOf(NEW_KEY)}, which is neither INSTALLATION_ENCRYPTION_KEY`);
  });

  it('a ciphertext moved onto another workspace row does not decrypt', async () => {
    const cipher = createTokenCipher({ current: NEW_KEY });
    await saveInstallation(database.db, cipher, teamInstall('T0ONE', 'xoxb-one'), NOW);
    await saveInstallation(database.db, cipher, teamInstall('T0TWO', 'xoxb-two'), NOW);
    const one = await database.db.selectFrom('slack_installations').select('bot_token').where('team_id', '=', 'T0ONE').executeTakeFirstOrThrow();
    await database.db.updateTable('slack_installations').set({ bot_token: one.bot_token }).where('team_id', '=', 'T0TWO').execute();
    await expect(findInstallation(database.db, cipher, { teamId: 'T0TWO', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/does not authenticate/);
  });

  it('rotation: old rows stay readable with the previous key configured, and re-encryption moves them to the new key', async () => {
    const before = createTokenCipher({ current: OLD_KEY });
    await saveInstallation(database.db, before, teamInstall('T0ONE', 'xoxb-one', { refreshToken: 'xoxe-one', expiresAt: 5 }), NOW);
    await saveInstallation(database.db, before, orgInstall('E0ORG', 'xoxb-org'), NOW);
    const after = createTokenCipher({ current: NEW_KEY, previous: [OLD_KEY] });
    // Readable before re-encryption, and a new write already uses the new key.
    expect((await findInstallation(database.db, after, { teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.refreshToken).toBe('xoxe-one');
    await saveInstallation(database.db, after, teamInstall('T0TWO', 'xoxb-two'), NOW);
    // A replica not yet switched over, which was given the new key as a previous key first, reads the new rows too.
    const notYetSwitched = createTokenCipher({ current: OLD_KEY, previous: [NEW_KEY] });
    expect((await findInstallation(database.db, notYetSwitched, { teamId: 'T0TWO', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-two');

    expect(await reencryptInstallations(database.db, after, { now: NOW, pageSize: 1 })).toEqual({ reencrypted: 2, unreadable: [] });
    const keys = await database.db.selectFrom('slack_installations').select('key_id').execute();
    expect(keys.map((k) => k.key_id)).toEqual([keyIdOf(NEW_KEY), keyIdOf(NEW_KEY), keyIdOf(NEW_KEY)]);
    // The old key can now be dropped.
    const newOnly = createTokenCipher({ current: NEW_KEY });
    expect((await findInstallation(database.db, newOnly, { teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false })).bot).toMatchObject({ token: 'xoxb-one', refreshToken: 'xoxe-one' });
    expect((await findInstallation(database.db, newOnly, { teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true })).user.token).toBe('xoxp-admin-user-token');
    expect(await reencryptInstallations(database.db, after, { now: NOW })).toEqual({ reencrypted: 0, unreadable: [] });
  });

  it('re-encryption reports rows no configured key opens and leaves them as they are', async () => {
    await saveInstallation(database.db, createTokenCipher({ current: OLD_KEY }), teamInstall('T0ONE', 'xoxb-one'), NOW);
    const result = await reencryptInstallations(database.db, createTokenCipher({ current: NEW_KEY }), { now: NOW });
    expect(result).toEqual({ reencrypted: 0, unreadable: ['T:T0ONE'] });
  });
});

describe('token cipher', () => {
  it('refuses keys that are not 32 bytes', () => {
    expect(() => createTokenCipher({ current: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
