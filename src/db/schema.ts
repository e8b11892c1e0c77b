import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as kysely sees it. Every table carries `team_id`: every query is scoped by workspace.
 * Table interfaces are used only here; queries return the `*Row` aliases.
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UserSettingsTable {
  team_id: string;
  user_id: string;
  /** Slack locale as reported by users.info (e.g. `es-ES`); null until known. */
  locale: string | null;
  /** IANA time zone from users.info (e.g. `Europe/Madrid`); never an offset. */
  tz: string | null;
  /** When locale/tz were last fetched from Slack, for the cache TTL. */
  profile_fetched_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface Database {
  user_settings: UserSettingsTable;
  assessments: AssessmentsTable;
  checkin_schedules: CheckinSchedulesTable;
  checkin_deliveries: CheckinDeliveriesTable;
  sent_messages: SentMessagesTable;
  growth_shares: GrowthSharesTable;
  growth_share_views: GrowthShareViewsTable;
  ladder_change_notices: LadderChangeNoticesTable;
  conversation_notes: ConversationNotesTable;
  slack_installations: SlackInstallationsTable;
  slack_org_workspaces: SlackOrgWorkspacesTable;
}

export type UserSettingsRow = Selectable<UserSettingsTable>;
export type NewUserSettingsRow = Insertable<UserSettingsTable>;
export type UserSettingsRowUpdate = Updateable<UserSettingsTable>;

/** A level rating: how well the person meets that level's expectation for their role. */
export type Rating = 'not_yet' | 'partly' | 'fully';
export type Cadence = 'weekly' | 'biweekly' | 'monthly' | 'off';

/**
 * What a person states in one assessment, as the modal validates it and the repository stores it. Adding a field
 * to the assessment starts here (see the README, "Adding a modal field").
 */
export interface AssessmentContent {
  roleId: string;
  /** level id → rating. */
  ratings: Record<string, Rating>;
  currentLevel: string;
  targetLevel: string;
  /** YYYY-MM-DD, or null when no target date was set. */
  targetDate: string | null;
  goals: string;
}

/** When the person wants their check-ins, chosen in the same modal and stored on their schedule. */
export interface CheckinChoice {
  cadence: Cadence;
  /** ISO weekday, Monday = 1. */
  weekday: number;
  /** HH:MM, 24 h, in the person's zone. */
  localTime: string;
}

export interface AssessmentsTable {
  id: Generated<number>;
  team_id: string;
  user_id: string;
  skill_id: string;
  role_id: string;
  /** level id → rating. */
  ratings: ColumnType<Record<string, Rating>, string, string>;
  current_level: string;
  target_level: string;
  /** YYYY-MM-DD, or null when no target date was set. */
  target_date: string | null;
  goals: Generated<string>;
  /** What identifies one press of Save (the modal's view id); null for rows not made from a modal. */
  submission_key: string | null;
  /** The requirement texts this assessment was made against, per level (docs/ladder-changes.md); null: unknown (older rows). */
  requirement_versions: ColumnType<RequirementVersions | null, string | null | undefined, string | null>;
  /** A hash over `requirement_versions`' hashes, so the scheduler finds changed ladders in SQL; null with it. */
  requirements_fingerprint: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

/** One level's requirement for the assessed role, as it read when the person assessed it. */
export interface RequirementVersion {
  /** sha256 (hex) of the English text: the version's identity. */
  hash: string;
  /** The text as the catalog had it (a string, or language → text). */
  text: string | Record<string, string>;
  /** The level's name then, to say which level was removed. */
  name: string | Record<string, string>;
}

/** level id → the requirement version it was assessed against. */
export type RequirementVersions = Record<string, RequirementVersion>;

export interface CheckinSchedulesTable {
  id: Generated<number>;
  team_id: string;
  user_id: string;
  cadence: Cadence;
  /** ISO weekday, Monday = 1. */
  weekday: number;
  /** HH:MM, 24 h, in `tz`. */
  local_time: string;
  /** IANA zone; never an offset. */
  tz: string;
  /** Local date that fixes the phase of a two-weekly cadence. */
  anchor_date: string | null;
  paused: Generated<boolean>;
  /** The next occurrence; null when off or stopped. */
  next_run_at: Date | null;
  dm_channel: string | null;
  /** Why sending stopped for good (e.g. Slack said `user_not_found`); null while healthy. */
  stopped_reason: string | null;
  /** The slower cadence in force after unanswered check-ins; null: `cadence`, the chosen one (docs/time-zones.md#back-off). */
  effective_cadence: Exclude<Cadence, 'off'> | null;
  /** Check-ins sent in a row with no response since. */
  unanswered_checkins: Generated<number>;
  /** "Pause until…": the first local day check-ins may come again (YYYY-MM-DD); null when not set (docs/time-zones.md#pause-until). */
  paused_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the owner's earliest pending follow-up is due (their check-in time on its date); null when none (docs/follow-ups.md). */
  follow_up_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'cancelled';

/**
 * What a delivery carries (docs/follow-ups.md): the check-in (with the owner's follow-ups of that day folded in when
 * `follow_up_on` is set), the owner's follow-up alone, the lead's short follow-up DM, or a "the ladder changed" notice
 * (docs/ladder-changes.md#exactly-once).
 */
export type DeliveryKind = 'checkin' | 'follow_up' | 'lead_follow_up' | 'ladder_change';

export interface CheckinDeliveriesTable {
  id: Generated<number>;
  team_id: string;
  user_id: string;
  schedule_id: number;
  occurrence_at: Timestamp;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  blind_resends: Generated<number>;
  run_after: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_by: string | null;
  locked_until: Date | null;
  dm_channel: string | null;
  slack_ts: string | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
  kind: Generated<DeliveryKind>;
  /** The owner's local date (YYYY-MM-DD) whose agreed follow-ups this DM shows; null for a check-in alone. */
  follow_up_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** The ladder notice this delivery tells (kind `ladder_change`); null otherwise. */
  notice_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type AssessmentRow = Selectable<AssessmentsTable>;
export type NewAssessmentRow = Insertable<AssessmentsTable>;
export type CheckinScheduleRow = Selectable<CheckinSchedulesTable>;
export type NewCheckinScheduleRow = Insertable<CheckinSchedulesTable>;
export type CheckinDeliveryRow = Selectable<CheckinDeliveriesTable>;

/** What a message we keep track of was: each carries the person's levels and goals (or, for an export, everything). */
/** `export_file`: a file `/skill export` left in the DM; its row's `ts` holds Slack's file id. */
export type SentMessageKind = 'confirmation' | 'checkin' | 'export_file';

/** Where each of our messages that holds a person's data was posted, so `/skill forget` can delete it from Slack. */
export interface SentMessagesTable {
  team_id: string;
  user_id: string;
  /** The DM channel id (`D…`), as Slack returned it. */
  channel: string;
  /** Slack's message timestamp: with the channel, the message's identity. For an `export_file`, the file id. */
  ts: string;
  kind: SentMessageKind;
  created_at: Generated<Date>;
}

export type SentMessageRow = Selectable<SentMessagesTable>;

/**
 * An owner lets a viewer see their growth picture (docs/sharing.md): some skills or all, until a time or until
 * revoked. One row per (team, owner, viewer): sharing again changes it. Read only through services/sharing-access.ts.
 */
export interface GrowthSharesTable {
  id: Generated<number>;
  team_id: string;
  owner_id: string;
  viewer_id: string;
  /** Skill ids shared; null = all the owner's skills. */
  skill_ids: ColumnType<string[] | null, string | null, string | null>;
  /** Null: until the owner revokes it. */
  expires_at: Date | null;
  note: Generated<string>;
  revoked_at: Date | null;
  /** The DM that told the viewer, so it can be updated when the share ends. */
  dm_channel: string | null;
  dm_ts: string | null;
  /** When that DM was changed to say the share ended (null while it still offers Open). */
  dm_ended_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** One opening of a shared picture. viewer_id is emptied when the viewer forgets themselves; the count stays. */
export interface GrowthShareViewsTable {
  id: Generated<number>;
  team_id: string;
  /** Null once the share itself is deleted (the viewer forgot themselves). */
  share_id: number | null;
  owner_id: string;
  viewer_id: string | null;
  opened_at: Date;
}

export type GrowthShareRow = Selectable<GrowthSharesTable>;
export type GrowthShareViewRow = Selectable<GrowthShareViewsTable>;

/** `queued`: its DM is in the check-in outbox, whose delivery row holds the outcome; `sending`/`sent`/`failed`: notices from before the outbox carried them. */
export type LadderChangeNoticeStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'nothing';

/**
 * One "the ladder changed" notice per (assessment, catalog fingerprint), claimed before the DM is sent
 * (docs/ladder-changes.md#exactly-once). `nothing`: the ladder changed only in ways that need no DM (a level added).
 */
export interface LadderChangeNoticesTable {
  id: Generated<number>;
  team_id: string;
  user_id: string;
  skill_id: string;
  assessment_id: number;
  catalog_fingerprint: string;
  status: LadderChangeNoticeStatus;
  last_error: string | null;
  dm_channel: string | null;
  slack_ts: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type LadderChangeNoticeRow = Selectable<LadderChangeNoticesTable>;

/** What two people agreed in a 1:1, as the owner's note; append-only (docs/one-on-one-brief.md#agreed-next-steps). */
export interface ConversationNotesTable {
  id: Generated<number>;
  team_id: string;
  owner_id: string;
  /** Who wrote it (the owner or the lead); null once that person forgot themselves. */
  author_id: string | null;
  /** The other person in the conversation; null once they forgot themselves. */
  other_id: string | null;
  skill_id: string;
  steps: string;
  /** YYYY-MM-DD, or null. */
  follow_up_on: ColumnType<string | null, string | null, string | null>;
  created_at: Generated<Date>;
  /** When its follow-up was put in the outbox, and by which delivery (the owner's); null while pending or without a date. */
  followed_up_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  follow_up_delivery_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the owner pressed Done on the follow-up. */
  done_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export type ConversationNoteRow = Selectable<ConversationNotesTable>;

/**
 * One installation of the app in OAuth mode (docs/installations.md): a workspace (`team_id`) or, for an org-wide
 * Enterprise Grid install, an organisation (`enterprise_id`, `team_id` null). Token columns hold AES-256-GCM envelopes
 * (db/token-cipher.ts), never a token; `details` is the rest of Bolt's Installation, tokens removed.
 */
export interface SlackInstallationsTable {
  /** `T:<team id>` for a workspace install, `E:<enterprise id>` for an org-wide one. */
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: boolean;
  details: ColumnType<unknown, string, string>;
  bot_token: string | null;
  bot_refresh_token: string | null;
  user_token: string | null;
  user_refresh_token: string | null;
  /** The key the row's tokens were last written with (re-encryption looks for rows not under the current key). */
  key_id: string;
  installed_at: Generated<Date>;
  updated_at: Timestamp;
}
export type SlackInstallationRow = Selectable<SlackInstallationsTable>;

/** A workspace seen under an org-wide install, and its organisation (docs/installations.md#org-wide-installs-and-the-scheduler). */
export interface SlackOrgWorkspacesTable {
  team_id: string;
  enterprise_id: string;
  seen_at: Timestamp;
}
