import type { Catalog } from '../catalog/query.js';
import type { Locale } from '../config.js';
import { localize } from '../i18n/format.js';

/**
 * `/skill export` files (docs/check-in-delivery.md#export): pure functions of the stored data. The JSON file holds
 * every section as read (PERSONAL_DATA_SECTIONS in src/db/repositories/personal-data.ts), so a new table shows up
 * without a change here; the CSV is the assessment history, one row per saved assessment, for a spreadsheet.
 */

export const EXPORT_FORMAT = 'skill-ladder-export';
export const EXPORT_VERSION = 1;

export interface ExportedAssessment {
  id: number | string;
  skill_id: string;
  role_id: string;
  ratings: Record<string, string>;
  current_level: string;
  target_level: string;
  target_date: string | null;
  goals: string;
  created_at: Date;
}

export interface PersonalExportInput {
  teamId: string;
  userId: string;
  exportedAt: Date;
  locale: Locale;
  catalog: Catalog;
  /** Section key → rows, as loaded; `assessments` feeds the CSV too. */
  sections: Record<string, unknown>;
}

export const CSV_COLUMNS = [
  'assessed_at',
  'skill_id',
  'skill_name',
  'role_id',
  'current_level',
  'current_level_name',
  'target_level',
  'target_level_name',
  'target_date',
  'goals',
  'ratings',
] as const;

export function buildExportJson(input: PersonalExportInput): string {
  const document = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exported_at: input.exportedAt, team_id: input.teamId, user_id: input.userId, ...input.sections };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function buildAssessmentCsv(input: PersonalExportInput): string {
  const rows = (input.sections.assessments as ExportedAssessment[] | undefined) ?? [];
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const skill = input.catalog.byId.get(row.skill_id);
    const levelName = (id: string) => {
      const level = skill?.levels.find((l) => l.id === id);
      return level ? localize(level.name, input.locale) : id;
    };
    const cells = [
      row.created_at.toISOString(),
      row.skill_id,
      skill ? localize(skill.name, input.locale) : row.skill_id,
      row.role_id,
      row.current_level,
      levelName(row.current_level),
      row.target_level,
      levelName(row.target_level),
      row.target_date ?? '',
      row.goals,
      JSON.stringify(row.ratings),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  // CRLF, as RFC 4180 says and spreadsheets expect.
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One RFC 4180 cell: quoted when it holds a comma, quote or line break (quotes doubled). A cell a spreadsheet would
 * run as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe, the usual CSV-injection guard.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** File names: the workspace and day, so two exports never overwrite each other in Downloads by surprise. */
export function exportFileNames(input: Pick<PersonalExportInput, 'teamId' | 'exportedAt'>): { json: string; csv: string } {
  const day = input.exportedAt.toISOString().slice(0, 10);
  return { json: `skill-ladder-${input.teamId}-${day}.json`, csv: `skill-ladder-assessments-${input.teamId}-${day}.csv` };
}
