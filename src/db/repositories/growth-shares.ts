import type { Kysely } from 'kysely';
import type { Database, GrowthShareRow } from '../schema.js';

/**
 * Shares of a growth picture and the log of their openings. Every query is scoped by team. Whether a share still
 * holds (not revoked, not expired) is decided in one place, services/sharing-access.ts; these functions only store.
 */

export interface ShareTerms {
  teamId: string;
  ownerId: string;
  viewerId: string;
  /** null = all the owner's skills. */
  skillIds: string[] | null;
  /** null = until revoked. */
  expiresAt: Date | null;
  note: string;
  now: Date;
}

/**
 * Shares with a person, or changes the existing share with them (one row per owner and viewer: never a duplicate).
 * Returns the row and the DM that announced the previous terms, if any, so the caller can retire it.
 */
export async function upsertShare(db: Kysely<Database>, terms: ShareTerms): Promise<{ share: GrowthShareRow; previousDm: { channel: string; ts: string } | undefined }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('growth_shares')
      .select(['dm_channel', 'dm_ts', 'dm_ended_at'])
      .where('team_id', '=', terms.teamId)
      .where('owner_id', '=', terms.ownerId)
      .where('viewer_id', '=', terms.viewerId)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      skill_ids: terms.skillIds === null ? null : JSON.stringify(terms.skillIds),
      expires_at: terms.expiresAt,
      note: terms.note,
      revoked_at: null,
      dm_channel: null,
      dm_ts: null,
      dm_ended_at: null,
      updated_at: terms.now,
    };
    const share = await trx
      .insertInto('growth_shares')
      .values({ team_id: terms.teamId, owner_id: terms.ownerId, viewer_id: terms.viewerId, created_at: terms.now, ...values })
      .onConflict((oc) => oc.columns(['team_id', 'owner_id', 'viewer_id']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    const previousDm = before?.dm_channel && before.dm_ts && !before.dm_ended_at ? { channel: before.dm_channel, ts: before.dm_ts } : undefined;
    return { share, previousDm };
  });
}

/** Where the viewer's DM about this share was posted. */
export async function saveShareDm(db: Kysely<Database>, teamId: string, shareId: number, dm: { channel: string; ts: string }): Promise<void> {
  await db.updateTable('growth_shares').set({ dm_channel: dm.channel, dm_ts: dm.ts }).where('team_id', '=', teamId).where('id', '=', shareId).execute();
}

/** Marks the viewer's DM as updated to say the share ended. Returns false when another request did it first. */
export async function markShareDmEnded(db: Kysely<Database>, teamId: string, shareId: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('growth_shares')
    .set({ dm_ended_at: at })
    .where('team_id', '=', teamId)
    .where('id', '=', shareId)
    .where('dm_ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes one of the owner's shares now. Undefined when it is not theirs (or not in this workspace). */
export async function revokeShare(db: Kysely<Database>, teamId: string, ownerId: string, shareId: number, at: Date): Promise<GrowthShareRow | undefined> {
  return db
    .updateTable('growth_shares')
    .set({ revoked_at: at, updated_at: at })
    .where('team_id', '=', teamId)
    .where('owner_id', '=', ownerId)
    .where('id', '=', shareId)
    .returningAll()
    .executeTakeFirst();
}

export async function findShare(db: Kysely<Database>, teamId: string, shareId: number): Promise<GrowthShareRow | undefined> {
  return db.selectFrom('growth_shares').selectAll().where('team_id', '=', teamId).where('id', '=', shareId).executeTakeFirst();
}

/** The one share from `ownerId` to `viewerId` (owner and viewer are unique together), held or not: the caller's access check decides. */
export async function findShareBetween(db: Kysely<Database>, teamId: string, ownerId: string, viewerId: string): Promise<GrowthShareRow | undefined> {
  return db.selectFrom('growth_shares').selectAll().where('team_id', '=', teamId).where('owner_id', '=', ownerId).where('viewer_id', '=', viewerId).executeTakeFirst();
}

/** Shares a person received, newest first (held or not: the caller's access check decides). */
export async function listSharesReceived(db: Kysely<Database>, teamId: string, viewerId: string): Promise<GrowthShareRow[]> {
  return db.selectFrom('growth_shares').selectAll().where('team_id', '=', teamId).where('viewer_id', '=', viewerId).orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
}

export interface ShareWithViews extends GrowthShareRow {
  opened: number;
  last_opened_at: Date | null;
}

/** Shares a person gave, newest first, with how many times each was opened and when last. */
export async function listSharesGiven(db: Kysely<Database>, teamId: string, ownerId: string): Promise<ShareWithViews[]> {
  const rows = await db
    .selectFrom('growth_shares as s')
    .leftJoin('growth_share_views as v', (join) => join.onRef('v.share_id', '=', 's.id').onRef('v.team_id', '=', 's.team_id'))
    .selectAll('s')
    .select((eb) => [eb.fn.count<string>('v.id').as('opened'), eb.fn.max('v.opened_at').as('last_opened_at')])
    .where('s.team_id', '=', teamId)
    .where('s.owner_id', '=', ownerId)
    .groupBy('s.id')
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, opened: Number(row.opened), last_opened_at: row.last_opened_at ? new Date(row.last_opened_at) : null }));
}

/** Openings of an owner's picture by people who have since deleted their data: counted, never named. */
export async function countAnonymousViews(db: Kysely<Database>, teamId: string, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('growth_share_views')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('team_id', '=', teamId)
    .where('owner_id', '=', ownerId)
    .where('viewer_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records one opening: which share, who opened it, when. Nothing else about the viewer. */
export async function logShareView(db: Kysely<Database>, share: Pick<GrowthShareRow, 'id' | 'team_id' | 'owner_id' | 'viewer_id'>, at: Date): Promise<void> {
  await db.insertInto('growth_share_views').values({ team_id: share.team_id, share_id: share.id, owner_id: share.owner_id, viewer_id: share.viewer_id, opened_at: at }).execute();
}

/** The viewer DMs of a person's shares (given or received) that still offer Open: to retire them when the share goes. */
export async function listOpenShareDms(db: Kysely<Database>, teamId: string, userId: string): Promise<GrowthShareRow[]> {
  return db
    .selectFrom('growth_shares')
    .selectAll()
    .where('team_id', '=', teamId)
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('viewer_id', '=', userId)]))
    .where('dm_ts', 'is not', null)
    .where('dm_ended_at', 'is', null)
    .execute();
}

/**
 * Shares that ended (expired by `asOf`, or revoked when updating the DM failed) whose viewer DM still offers Open,
 * across workspaces (the scheduler serves them all; each row carries its team_id, and marking it is scoped by team).
 */
export async function listEndedOpenDms(db: Kysely<Database>, asOf: Date, limit: number): Promise<GrowthShareRow[]> {
  return db
    .selectFrom('growth_shares')
    .selectAll()
    .where((eb) => eb.or([eb('expires_at', '<=', asOf), eb('revoked_at', 'is not', null)]))
    .where('dm_ts', 'is not', null)
    .where('dm_ended_at', 'is', null)
    .orderBy('team_id')
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** How many shares a person gave or received (what `/skill forget` would delete). */
export async function countSharesOf(db: Kysely<Database>, teamId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('growth_shares')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('team_id', '=', teamId)
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('viewer_id', '=', userId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
