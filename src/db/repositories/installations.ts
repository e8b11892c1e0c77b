import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Database, SlackInstallationRow } from '../schema.js';
import type { TokenCipher } from '../token-cipher.js';

/**
 * The OAuth installation store (docs/installations.md): Bolt's InstallationStore contract over `slack_installations`.
 * A workspace install is stored and found by team id; an org-wide Enterprise Grid install by enterprise id (Bolt asks
 * with `isEnterpriseInstall: true` for every workspace of that organisation). Tokens are sealed with the cipher
 * before they reach the database and opened after; the rest of the Installation is kept as it came. Deadlines come
 * from the pool (db/client.ts), as for every other query.
 */

type AnyInstallation = Installation<'v1' | 'v2', boolean>;
type Query = Pick<InstallationQuery<boolean>, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>;

/** Nothing is installed for the team (or organisation) a request came from. */
export class NoInstallationError extends Error {
  constructor(readonly key: string) {
    super(`no installation for ${key}`);
    this.name = 'NoInstallationError';
  }
}

type SecretColumn = 'bot_token' | 'bot_refresh_token' | 'user_token' | 'user_refresh_token';

/** `E:<enterprise>` for an org-wide install, `T:<team>` otherwise; undefined when the query names neither. */
export function installationKey(query: Query): string | undefined {
  if (query.isEnterpriseInstall) return query.enterpriseId ? `E:${query.enterpriseId}` : undefined;
  return query.teamId ? `T:${query.teamId}` : undefined;
}

/** Each envelope is bound to its row and column (see token-cipher.ts). */
const context = (key: string, column: SecretColumn) => `${key}/${column}`;

function keyOfInstallation(installation: AnyInstallation): string {
  const key = installationKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall === true });
  if (!key) throw new Error('an installation names neither its team nor its enterprise');
  return key;
}

/**
 * The installation without its tokens (they go to their own, sealed columns). The installing person's id is kept only
 * beside a user token, which needs it; the app asks for no user scopes, so no person is recorded in the store.
 */
function withoutSecrets(installation: AnyInstallation): unknown {
  const { bot, user, ...rest } = installation;
  const { token: _bt, refreshToken: _br, ...botRest } = bot ?? ({} as NonNullable<AnyInstallation['bot']>);
  const { token: userToken, refreshToken: _ur, ...userRest } = user;
  return { ...rest, ...(bot ? { bot: botRest } : {}), user: userToken ? userRest : { ...userRest, id: '' } };
}

function sealed(cipher: TokenCipher, key: string, installation: AnyInstallation): Record<SecretColumn, string | null> {
  const seal = (column: SecretColumn, value: string | undefined) => (value ? cipher.encrypt(value, context(key, column)) : null);
  return {
    bot_token: seal('bot_token', installation.bot?.token),
    bot_refresh_token: seal('bot_refresh_token', installation.bot?.refreshToken),
    user_token: seal('user_token', installation.user.token),
    user_refresh_token: seal('user_refresh_token', installation.user.refreshToken),
  };
}

function opened(cipher: TokenCipher, row: SlackInstallationRow): AnyInstallation {
  const open = (column: SecretColumn) => {
    const value = row[column];
    return value ? cipher.decrypt(value, context(row.installation_key, column)) : undefined;
  };
  const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as AnyInstallation;
  const botToken = open('bot_token');
  const botRefresh = open('bot_refresh_token');
  const userToken = open('user_token');
  const userRefresh = open('user_refresh_token');
  return {
    ...details,
    ...(details.bot && botToken ? { bot: { ...details.bot, token: botToken, ...(botRefresh ? { refreshToken: botRefresh } : {}) } } : {}),
    user: { ...details.user, token: userToken, ...(userRefresh ? { refreshToken: userRefresh } : {}) },
  } as AnyInstallation;
}

/** Saves an installation (a first install, a reinstall, or Bolt saving a refreshed token), sealed under the current key. */
export async function saveInstallation(db: Kysely<Database>, cipher: TokenCipher, installation: AnyInstallation, now: Date): Promise<void> {
  const key = keyOfInstallation(installation);
  const values = {
    team_id: installation.isEnterpriseInstall ? null : (installation.team?.id ?? null),
    enterprise_id: installation.enterprise?.id ?? null,
    is_enterprise_install: installation.isEnterpriseInstall === true,
    details: JSON.stringify(withoutSecrets(installation)),
    ...sealed(cipher, key, installation),
    key_id: cipher.currentKeyId,
    updated_at: now,
  };
  await db
    .insertInto('slack_installations')
    .values({ installation_key: key, installed_at: now, ...values })
    .onConflict((oc) => oc.column('installation_key').doUpdateSet(values))
    .execute();
}

/** The installation a request or a send belongs to; NoInstallationError when there is none. */
export async function findInstallation(db: Kysely<Database>, cipher: TokenCipher, query: Query): Promise<AnyInstallation> {
  const key = installationKey(query);
  if (!key) throw new NoInstallationError('a request with neither team nor enterprise');
  const row = await db
    .selectFrom('slack_installations')
    .selectAll()
    .where('installation_key', '=', key)
    .where((eb) => (query.isEnterpriseInstall ? eb('team_id', 'is', null) : eb('team_id', '=', query.teamId ?? '')))
    .executeTakeFirst();
  if (!row) throw new NoInstallationError(key);
  return opened(cipher, row);
}

/** Forgets one installation (Bolt's deleteInstallation); returns how many rows went. */
export async function removeInstallation(db: Kysely<Database>, query: Query): Promise<number> {
  const key = installationKey(query);
  if (!key) return 0;
  const result = await db
    .deleteFrom('slack_installations')
    .where('installation_key', '=', key)
    .where((eb) => (query.isEnterpriseInstall ? eb('team_id', 'is', null) : eb('team_id', '=', query.teamId ?? '')))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Re-seals every row not yet under the current key, a page at a time, each row in its own short transaction with a
 * lock so a token Bolt refreshes meanwhile is not overwritten with the old one. Rows that no configured key opens are
 * counted and left as they are (the caller reports them).
 */
export async function reencryptInstallations(
  db: Kysely<Database>,
  cipher: TokenCipher,
  options: { now: Date; pageSize?: number },
): Promise<{ reencrypted: number; unreadable: string[] }> {
  const unreadable: string[] = [];
  let reencrypted = 0;
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('slack_installations')
      .select(['installation_key', 'team_id'])
      .where('key_id', '!=', cipher.currentKeyId)
      .where('installation_key', '>', after)
      .orderBy('installation_key')
      .limit(options.pageSize ?? 100)
      .execute();
    if (page.length === 0) break;
    for (const { installation_key: key } of page) {
      after = key;
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('slack_installations').selectAll().where('installation_key', '=', key).where('key_id', '!=', cipher.currentKeyId).forUpdate().executeTakeFirst();
        if (!row) return false; // re-sealed meanwhile (a refresh, or another run)
        const installation = opened(cipher, row);
        await trx
          .updateTable('slack_installations')
          .set({ ...sealed(cipher, key, installation), key_id: cipher.currentKeyId, updated_at: options.now })
          .where('installation_key', '=', key)
          .where('team_id', 'is not distinct from', row.team_id)
          .execute();
        return true;
      }).catch((error: unknown) => {
        if ((error as Error).name === 'TokenDecryptError') {
          unreadable.push(key);
          return false;
        }
        throw error;
      });
      if (done) reencrypted++;
    }
  }
  return { reencrypted, unreadable };
}

/** Records that a workspace belongs to an organisation that installed the app org-wide. */
export async function rememberOrgWorkspace(db: Kysely<Database>, teamId: string, enterpriseId: string, now: Date): Promise<void> {
  await db
    .insertInto('slack_org_workspaces')
    .values({ team_id: teamId, enterprise_id: enterpriseId, seen_at: now })
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ enterprise_id: enterpriseId, seen_at: now }))
    .execute();
}

/** The organisation of a workspace seen under an org-wide install, if any. */
export async function findOrgOfWorkspace(db: Kysely<Database>, teamId: string): Promise<string | undefined> {
  const row = await db.selectFrom('slack_org_workspaces').select('enterprise_id').where('team_id', '=', teamId).executeTakeFirst();
  return row?.enterprise_id;
}

/** The workspaces seen under an organisation's org-wide install. */
export async function listOrgWorkspaces(db: Kysely<Database>, enterpriseId: string): Promise<string[]> {
  const rows = await db.selectFrom('slack_org_workspaces').select('team_id').where('enterprise_id', '=', enterpriseId).orderBy('team_id').execute();
  return rows.map((row) => row.team_id);
}

/** Bolt's InstallationStore over the functions above. */
export function createInstallationStore(db: Kysely<Database>, cipher: TokenCipher, now: () => Date): InstallationStore {
  return {
    storeInstallation: (installation) => saveInstallation(db, cipher, installation, now()),
    fetchInstallation: (query) => findInstallation(db, cipher, query),
    deleteInstallation: async (query) => {
      await removeInstallation(db, query);
    },
  };
}
