import { sql, type Kysely } from 'kysely';
import type { AssessmentRow, ConversationNoteRow, Database } from '../schema.js';

/**
 * What the check-in messages of one claimed batch need, read in ONE statement for the whole batch instead of two
 * per delivery (docs/check-in-delivery.md#one-batch): each person's cached Slack locale and zone, the latest
 * assessment of each of their skills, and their latest agreed next steps (docs/one-on-one-brief.md#agreed-next-steps).
 * Scoped by (team_id, user_id) pairs.
 */

export interface CheckinPerson {
  teamId: string;
  userId: string;
}

/** The assessment columns a check-in shows. */
export type CheckinAssessment = Pick<AssessmentRow, 'skill_id' | 'role_id' | 'ratings' | 'current_level' | 'target_level' | 'target_date' | 'goals' | 'created_at'>;

export interface CheckinMessageData {
  /** The cached Slack locale (user_settings), null when never fetched. */
  locale: string | null;
  /** The latest assessment of each skill, newest first. */
  assessments: CheckinAssessment[];
  /** The zone to show dates in: the cached Slack zone, else the schedule's; null when neither is known. */
  tz: string | null;
  /** The person's most recent conversation note, of any skill. */
  latestNote: ConversationNoteRow | undefined;
}

/** The map key for a person: workspace and user. */
export function personKey(person: CheckinPerson): string {
  return `${person.teamId}:${person.userId}`;
}

type NoteJson = Omit<ConversationNoteRow, 'created_at' | 'followed_up_at' | 'done_at'> & { created_at: string; followed_up_at: string | null; done_at: string | null };
type Row = { team_id: string; user_id: string; locale: string | null; tz: string | null; note: NoteJson | null } & { [K in keyof CheckinAssessment]: CheckinAssessment[K] | null };

/** One entry per person asked for (an empty one when they have no assessments), keyed by `personKey`. */
export async function loadCheckinMessageData(db: Kysely<Database>, people: readonly CheckinPerson[]): Promise<Map<string, CheckinMessageData>> {
  const result = new Map<string, CheckinMessageData>();
  if (people.length === 0) return result;
  // The people go in as one JSON parameter (jsonb_to_recordset), which pg and PGlite serialise identically.
  const pairs = JSON.stringify(people.map((p) => ({ team_id: p.teamId, user_id: p.userId })));
  const rows = await sql<Row>`
    select p.team_id, p.user_id, us.locale, coalesce(us.tz, s.tz) as tz, to_jsonb(n) as note,
           a.skill_id, a.role_id, a.ratings, a.current_level, a.target_level, a.target_date, a.goals, a.created_at
      from (select distinct team_id, user_id from jsonb_to_recordset(${pairs}::jsonb) as x(team_id text, user_id text)) as p
      left join user_settings us on us.team_id = p.team_id and us.user_id = p.user_id
      left join checkin_schedules s on s.team_id = p.team_id and s.user_id = p.user_id
      left join lateral (
             select * from conversation_notes
              where conversation_notes.team_id = p.team_id and conversation_notes.owner_id = p.user_id
              order by created_at desc, id desc
              limit 1
           ) as n on true
      left join lateral (
             select distinct on (skill_id) skill_id, role_id, ratings, current_level, target_level, target_date, goals, created_at
               from assessments
              where assessments.team_id = p.team_id and assessments.user_id = p.user_id
              order by skill_id, created_at desc, id desc
           ) as a on true
     order by p.team_id, p.user_id, a.created_at desc nulls last, a.skill_id`.execute(db);
  for (const row of rows.rows) {
    const key = personKey({ teamId: row.team_id, userId: row.user_id });
    let entry = result.get(key);
    if (!entry) {
      entry = { locale: row.locale, tz: row.tz, assessments: [], latestNote: row.note ? noteFromJson(row.note) : undefined };
      result.set(key, entry);
    }
    if (row.skill_id === null) continue;
    entry.assessments.push({
      skill_id: row.skill_id,
      role_id: row.role_id!,
      ratings: row.ratings!,
      current_level: row.current_level!,
      target_level: row.target_level!,
      target_date: row.target_date,
      goals: row.goals!,
      created_at: row.created_at!,
    });
  }
  return result;
}

/** A note as `to_jsonb` gives it back: timestamps as text. */
function noteFromJson(note: NoteJson): ConversationNoteRow {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return { ...note, created_at: new Date(note.created_at), followed_up_at: date(note.followed_up_at), done_at: date(note.done_at) };
}
