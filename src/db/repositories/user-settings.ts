import type { Kysely } from 'kysely';
import type { Database, UserSettingsRow } from '../schema.js';

/** Per-user settings and the cached Slack profile (locale, time zone). Every query is scoped by team. */

export async function findUserSettings(db: Kysely<Database>, teamId: string, userId: string): Promise<UserSettingsRow | undefined> {
  return db.selectFrom('user_settings').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertUserProfile(
  db: Kysely<Database>,
  args: { teamId: string; userId: string; locale: string | null; tz: string | null; fetchedAt: Date },
): Promise<void> {
  await db
    .insertInto('user_settings')
    .values({ team_id: args.teamId, user_id: args.userId, locale: args.locale, tz: args.tz, profile_fetched_at: args.fetchedAt, updated_at: args.fetchedAt })
    .onConflict((oc) =>
      oc.columns(['team_id', 'user_id']).doUpdateSet({ locale: args.locale, tz: args.tz, profile_fetched_at: args.fetchedAt, updated_at: args.fetchedAt }),
    )
    .execute();
}

export async function deleteUserSettings(db: Kysely<Database>, teamId: string, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_settings').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteTeamSettings(db: Kysely<Database>, teamId: string): Promise<number> {
  const result = await db.deleteFrom('user_settings').where('team_id', '=', teamId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
