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
}

export type UserSettingsRow = Selectable<UserSettingsTable>;
export type NewUserSettingsRow = Insertable<UserSettingsTable>;
export type UserSettingsRowUpdate = Updateable<UserSettingsTable>;
