import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Deleting people's data: one person in one workspace, or a whole workspace. Check-in deliveries go with their schedule (on delete cascade). */

export interface DeletedCounts {
  assessments: number;
  schedules: number;
  settings: number;
}

export async function deleteUserData(db: Kysely<Database>, teamId: string, userId: string): Promise<DeletedCounts> {
  return db.transaction().execute(async (trx) => {
    const assessments = await trx.deleteFrom('assessments').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    await trx.deleteFrom('checkin_deliveries').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    const schedules = await trx.deleteFrom('checkin_schedules').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    const settings = await trx.deleteFrom('user_settings').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    return { assessments: Number(assessments.numDeletedRows), schedules: Number(schedules.numDeletedRows), settings: Number(settings.numDeletedRows) };
  });
}

export async function deleteTeamData(db: Kysely<Database>, teamId: string): Promise<DeletedCounts> {
  return db.transaction().execute(async (trx) => {
    const assessments = await trx.deleteFrom('assessments').where('team_id', '=', teamId).executeTakeFirst();
    await trx.deleteFrom('checkin_deliveries').where('team_id', '=', teamId).execute();
    const schedules = await trx.deleteFrom('checkin_schedules').where('team_id', '=', teamId).executeTakeFirst();
    const settings = await trx.deleteFrom('user_settings').where('team_id', '=', teamId).executeTakeFirst();
    return { assessments: Number(assessments.numDeletedRows), schedules: Number(schedules.numDeletedRows), settings: Number(settings.numDeletedRows) };
  });
}
