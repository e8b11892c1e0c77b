import type { Migration } from 'kysely';
import * as createUserSettings from './2026-11-23T18-00-00_create_user_settings.js';
import * as createAssessmentsAndSchedules from './2026-11-23T19-00-00_create_assessments_and_schedules.js';
import * as createCheckinDeliveries from './2026-11-23T19-30-00_create_checkin_deliveries.js';
import * as dueIndexWithId from './2026-11-23T20-00-00_due_index_with_id.js';
import * as assessmentSubmissionKey from './2026-12-02T09-00-00_assessment_submission_key.js';
import * as createSentMessages from './2026-12-10T09-00-00_create_sent_messages.js';
import * as createGrowthShares from './2026-12-11T09-00-00_create_growth_shares.js';
import * as checkinBackoff from './2026-12-12T09-00-00_checkin_backoff.js';
import * as checkinPausedUntil from './2026-12-12T09-10-00_checkin_paused_until.js';
import * as ladderChangeNotices from './2026-12-13T09-00-00_ladder_change_notices.js';
import * as createConversationNotes from './2026-12-14T09-00-00_create_conversation_notes.js';
import * as createSlackInstallations from './2026-12-15T09-00-00_create_slack_installations.js';
import * as followUpDeliveries from './2026-12-16T09-00-00_follow_up_deliveries.js';
import * as sentExportFiles from './2026-12-16T09-10-00_sent_export_files.js';

/**
 * Every migration, by name, in order. Listed here (rather than read from the folder) so the same list works under
 * tsx, vitest and the compiled build. Add new files at the end; never edit a migration that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T18-00-00_create_user_settings': createUserSettings,
  '2026-11-23T19-00-00_create_assessments_and_schedules': createAssessmentsAndSchedules,
  '2026-11-23T19-30-00_create_checkin_deliveries': createCheckinDeliveries,
  '2026-11-23T20-00-00_due_index_with_id': dueIndexWithId,
  '2026-12-02T09-00-00_assessment_submission_key': assessmentSubmissionKey,
  '2026-12-10T09-00-00_create_sent_messages': createSentMessages,
  '2026-12-11T09-00-00_create_growth_shares': createGrowthShares,
  '2026-12-12T09-00-00_checkin_backoff': checkinBackoff,
  '2026-12-12T09-10-00_checkin_paused_until': checkinPausedUntil,
  '2026-12-13T09-00-00_ladder_change_notices': ladderChangeNotices,
  '2026-12-14T09-00-00_create_conversation_notes': createConversationNotes,
  '2026-12-15T09-00-00_create_slack_installations': createSlackInstallations,
  '2026-12-16T09-00-00_follow_up_deliveries': followUpDeliveries,
  '2026-12-16T09-10-00_sent_export_files': sentExportFiles,
};
