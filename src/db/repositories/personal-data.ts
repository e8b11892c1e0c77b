import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Everything stored about one person in one workspace, for `/skill export` (docs/check-in-delivery.md#export).
 * One entry per table: a table added later (conversation notes, …) is exported by adding one line to
 * PERSONAL_DATA_SECTIONS, next to its line in forget.ts. Every read filters on team and user.
 */

type Loader = (db: Kysely<Database>, teamId: string, userId: string) => Promise<unknown>;

const settings: Loader = async (db, teamId, userId) =>
  (await db
    .selectFrom('user_settings')
    .select(['locale', 'tz', 'profile_fetched_at', 'created_at', 'updated_at'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) ?? null;

const assessments: Loader = (db, teamId, userId) =>
  db
    .selectFrom('assessments')
    .select(['id', 'skill_id', 'role_id', 'ratings', 'current_level', 'target_level', 'target_date', 'goals', 'requirement_versions', 'created_at'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

const schedule: Loader = async (db, teamId, userId) =>
  (await db
    .selectFrom('checkin_schedules')
    .select([
      'cadence',
      'effective_cadence',
      'weekday',
      'local_time',
      'tz',
      'anchor_date',
      'paused',
      'paused_until',
      'next_run_at',
      'unanswered_checkins',
      'stopped_reason',
      'dm_channel',
      'created_at',
      'updated_at',
    ])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) ?? null;

/** Check-ins are summarised (how many, in which state, first and last sent), not listed one by one. */
const checkinDeliveries: Loader = async (db, teamId, userId) => {
  const rows = await db
    .selectFrom('checkin_deliveries')
    .select(['status', sql<string>`count(*)`.as('count'), sql<Date | null>`min(sent_at)`.as('first_sent_at'), sql<Date | null>`max(sent_at)`.as('last_sent_at')])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .groupBy('status')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
};

const messagesOnRecord: Loader = (db, teamId, userId) =>
  db.selectFrom('sent_messages').select(['channel', 'ts', 'kind', 'created_at']).where('team_id', '=', teamId).where('user_id', '=', userId).orderBy('created_at').execute();

/** Growth pictures shared, both ways, and who opened them (docs/sharing.md): as owner, and as viewer. */
const sharesGiven: Loader = (db, teamId, userId) =>
  db
    .selectFrom('growth_shares')
    .select(['id', 'viewer_id', 'skill_ids', 'expires_at', 'note', 'revoked_at', 'created_at', 'updated_at'])
    .where('team_id', '=', teamId)
    .where('owner_id', '=', userId)
    .orderBy('id')
    .execute();

const openingsOfMyPicture: Loader = (db, teamId, userId) =>
  db.selectFrom('growth_share_views').select(['share_id', 'viewer_id', 'opened_at']).where('team_id', '=', teamId).where('owner_id', '=', userId).orderBy('opened_at').orderBy('id').execute();

const sharesReceived: Loader = (db, teamId, userId) =>
  db
    .selectFrom('growth_shares')
    .select(['id', 'owner_id', 'skill_ids', 'expires_at', 'note', 'revoked_at', 'created_at', 'updated_at'])
    .where('team_id', '=', teamId)
    .where('viewer_id', '=', userId)
    .orderBy('id')
    .execute();

const myOpeningsOfSharedPictures: Loader = (db, teamId, userId) =>
  db.selectFrom('growth_share_views').select(['share_id', 'owner_id', 'opened_at']).where('team_id', '=', teamId).where('viewer_id', '=', userId).orderBy('opened_at').orderBy('id').execute();

/** "The ladder changed" notices about my assessments (docs/ladder-changes.md): which, and whether the DM went. */
const ladderChangeNotices: Loader = (db, teamId, userId) =>
  db
    .selectFrom('ladder_change_notices')
    .select(['skill_id', 'assessment_id', 'status', 'dm_channel', 'slack_ts', 'created_at', 'updated_at'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();

/** The person's conversation notes (docs/one-on-one-brief.md#agreed-next-steps), whoever wrote them. */
const conversationNotes: Loader = (db, teamId, userId) =>
  db
    .selectFrom('conversation_notes')
    .select(['id', 'skill_id', 'author_id', 'other_id', 'steps', 'follow_up_on', 'created_at'])
    .where('team_id', '=', teamId)
    .where('owner_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** The export's sections, in order: key in the JSON file → how to read it. */
export const PERSONAL_DATA_SECTIONS: readonly (readonly [string, Loader])[] = [
  ['settings', settings],
  ['assessments', assessments],
  ['checkin_schedule', schedule],
  ['checkin_deliveries', checkinDeliveries],
  ['messages_on_record', messagesOnRecord],
  ['shares_given', sharesGiven],
  ['openings_of_my_picture', openingsOfMyPicture],
  ['shares_received', sharesReceived],
  ['my_openings_of_shared_pictures', myOpeningsOfSharedPictures],
  ['ladder_change_notices', ladderChangeNotices],
  ['conversation_notes', conversationNotes],
];

/** Reads every section for one person. */
export async function loadPersonalData(db: Kysely<Database>, teamId: string, userId: string): Promise<Record<string, unknown>> {
  const entries = await Promise.all(PERSONAL_DATA_SECTIONS.map(async ([key, load]) => [key, await load(db, teamId, userId)] as const));
  return Object.fromEntries(entries);
}
