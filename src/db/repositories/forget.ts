import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { MessageRef } from './sent-messages.js';

/**
 * Deleting people's data: one person in one workspace, or a whole workspace. Check-in deliveries go with their
 * schedule (on delete cascade); shares go whether the person gave or received them; so do "the ladder changed"
 * notices (docs/ladder-changes.md).
 */

export interface DeletedCounts {
  assessments: number;
  schedules: number;
  settings: number;
  /** Records of our messages dropped (for a person: the ones already deleted from Slack). */
  messages: number;
  /** Shares of a growth picture deleted: given and received (docs/sharing.md#forgetting). */
  shares: number;
  /** Conversation notes deleted (the person's own; in others' notes only their id is emptied). */
  notes: number;
  /** OAuth installations deleted (uninstall only: a person's forget never removes the workspace's install). */
  installations?: number;
}

/**
 * Deletes everything about one person in one workspace, in one transaction. Of the records of our messages, only
 * `removedMessages` go (the ones already deleted from Slack): a message Slack would not delete stays recorded, so
 * `/skill forget` again can retry it rather than leave it in the DM with no way back to it.
 */
export async function deleteUserData(db: Kysely<Database>, teamId: string, userId: string, removedMessages: readonly MessageRef[] = []): Promise<DeletedCounts> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('ladder_change_notices').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    const assessments = await trx.deleteFrom('assessments').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    await trx.deleteFrom('checkin_deliveries').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    const schedules = await trx.deleteFrom('checkin_schedules').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    const settings = await trx.deleteFrom('user_settings').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    // As a viewer: their name leaves the owners' view logs (the owners keep the count), and the shares they received go.
    await trx.updateTable('growth_share_views').set({ viewer_id: null }).where('team_id', '=', teamId).where('viewer_id', '=', userId).execute();
    const received = await trx.deleteFrom('growth_shares').where('team_id', '=', teamId).where('viewer_id', '=', userId).executeTakeFirst();
    // As an owner: their shares and every record of who opened them.
    await trx.deleteFrom('growth_share_views').where('team_id', '=', teamId).where('owner_id', '=', userId).execute();
    const given = await trx.deleteFrom('growth_shares').where('team_id', '=', teamId).where('owner_id', '=', userId).executeTakeFirst();
    // Conversation notes (docs/one-on-one-brief.md#forgetting): the owner's go; in others' notes their id is emptied.
    const notes = await trx.deleteFrom('conversation_notes').where('team_id', '=', teamId).where('owner_id', '=', userId).executeTakeFirst();
    await trx.updateTable('conversation_notes').set({ author_id: null }).where('team_id', '=', teamId).where('author_id', '=', userId).execute();
    await trx.updateTable('conversation_notes').set({ other_id: null }).where('team_id', '=', teamId).where('other_id', '=', userId).execute();
    const messages =
      removedMessages.length === 0
        ? undefined
        : await trx
            .deleteFrom('sent_messages')
            .where('team_id', '=', teamId)
            .where('user_id', '=', userId)
            .where((eb) => eb(eb.refTuple('channel', 'ts'), 'in', removedMessages.map((m) => eb.tuple(m.channel, m.ts))))
            .executeTakeFirst();
    return {
      assessments: Number(assessments.numDeletedRows),
      schedules: Number(schedules.numDeletedRows),
      settings: Number(settings.numDeletedRows),
      messages: Number(messages?.numDeletedRows ?? 0),
      shares: Number(received.numDeletedRows) + Number(given.numDeletedRows),
      notes: Number(notes.numDeletedRows),
    };
  });
}

/**
 * Deletes a whole workspace's data (the app was uninstalled: its token can no longer delete messages in Slack), and
 * its OAuth installation with it, in the same transaction, so a reinstall starts clean (docs/installations.md#uninstalling).
 * `enterpriseId`: the app was uninstalled from an org-wide install, whose installation goes too.
 */
export async function deleteTeamData(db: Kysely<Database>, teamId: string, options: { orgWideEnterpriseId?: string } = {}): Promise<DeletedCounts> {
  return db.transaction().execute(async (trx) => {
    const installations = await trx
      .deleteFrom('slack_installations')
      .where((eb) =>
        options.orgWideEnterpriseId
          ? eb.or([eb('team_id', '=', teamId), eb.and([eb('team_id', 'is', null), eb('enterprise_id', '=', options.orgWideEnterpriseId)])])
          : eb('team_id', '=', teamId),
      )
      .executeTakeFirst();
    await trx
      .deleteFrom('slack_org_workspaces')
      .where((eb) => (options.orgWideEnterpriseId ? eb.or([eb('team_id', '=', teamId), eb('enterprise_id', '=', options.orgWideEnterpriseId)]) : eb('team_id', '=', teamId)))
      .execute();
    await trx.deleteFrom('ladder_change_notices').where('team_id', '=', teamId).execute();
    const assessments = await trx.deleteFrom('assessments').where('team_id', '=', teamId).executeTakeFirst();
    await trx.deleteFrom('checkin_deliveries').where('team_id', '=', teamId).execute();
    const schedules = await trx.deleteFrom('checkin_schedules').where('team_id', '=', teamId).executeTakeFirst();
    const settings = await trx.deleteFrom('user_settings').where('team_id', '=', teamId).executeTakeFirst();
    const messages = await trx.deleteFrom('sent_messages').where('team_id', '=', teamId).executeTakeFirst();
    await trx.deleteFrom('growth_share_views').where('team_id', '=', teamId).execute();
    const shares = await trx.deleteFrom('growth_shares').where('team_id', '=', teamId).executeTakeFirst();
    const notes = await trx.deleteFrom('conversation_notes').where('team_id', '=', teamId).executeTakeFirst();
    return {
      assessments: Number(assessments.numDeletedRows),
      schedules: Number(schedules.numDeletedRows),
      settings: Number(settings.numDeletedRows),
      messages: Number(messages.numDeletedRows),
      shares: Number(shares.numDeletedRows),
      notes: Number(notes.numDeletedRows),
      installations: Number(installations.numDeletedRows),
    };
  });
}
