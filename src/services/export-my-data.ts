import type { WebClient } from '@slack/web-api';
import { buildAssessmentCsv, buildExportJson, exportFileNames, type PersonalExportInput } from '../blocks/personal-export.js';
import type { Locale } from '../config.js';
import type { Deps } from '../deps.js';
import { loadPersonalData } from '../db/repositories/personal-data.js';
import { recordSentMessage } from '../db/repositories/sent-messages.js';
import { assessmentMessagesFor } from '../i18n/assessment-messages.js';

/**
 * `/skill export` and "Export my data" (docs/check-in-delivery.md#export): everything stored about the person in
 * this workspace, as a JSON file and a CSV of the assessment history, uploaded to their DM with files.uploadV2
 * (files.getUploadURLExternal → POST the bytes → files.completeUploadExternal, which shares both files in one
 * message). Throws when Slack refuses; the caller tells the person.
 */
export async function exportMyData(deps: Deps, client: WebClient, args: { teamId: string; userId: string; locale: Locale }): Promise<void> {
  const sections = await loadPersonalData(deps.db, args.teamId, args.userId);
  const input: PersonalExportInput = { teamId: args.teamId, userId: args.userId, exportedAt: deps.now(), locale: args.locale, catalog: deps.catalog, sections };
  const names = exportFileNames(input);
  const t = assessmentMessagesFor(args.locale);
  const opened = await client.conversations.open({ users: args.userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel id');
  const uploaded = await client.filesUploadV2({
    channel_id: channel,
    initial_comment: t.exportComment,
    file_uploads: [
      { content: buildExportJson(input), filename: names.json, title: names.json },
      { content: buildAssessmentCsv(input), filename: names.csv, title: names.csv },
    ],
  });
  // The files hold all of the person's data: on record, so `/skill forget` deletes them (files.delete) with the rest.
  for (const id of uploadedFileIds(uploaded)) await recordSentMessage(deps.db, { teamId: args.teamId, userId: args.userId, channel, ts: id, kind: 'export_file' });
  deps.logger.info('personal data exported', { teamId: args.teamId, userId: args.userId, sections: Object.keys(sections).length });
}

/** The file ids in files.uploadV2's answer: one completeUploadExternal result per call, each with its files. */
function uploadedFileIds(answer: unknown): string[] {
  const results = (answer as { files?: unknown }).files;
  if (!Array.isArray(results)) return [];
  return results.flatMap((result: unknown) => {
    const files = (result as { files?: unknown })?.files;
    return Array.isArray(files) ? files.map((f: unknown) => (f as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string' && /^F[A-Z0-9]{1,30}$/.test(id)) : [];
  });
}
