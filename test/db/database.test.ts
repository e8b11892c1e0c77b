import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { deleteTeamSettings, deleteUserSettings, findUserSettings, upsertUserProfile } from '../../src/db/repositories/user-settings.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { describeEachDatabase } from '../helpers/test-database.js';

describeEachDatabase('database', (database) => {

  it('has every migration applied, and migrating again is a no-op', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    const again = await migrateToLatest(database.db);
    expect(again.results).toEqual([]);
  });

  it('stores and refreshes a user profile, keeping dates as Date and text as text', async () => {
    const first = new Date('2026-11-23T10:00:00Z');
    await upsertUserProfile(database.db, { teamId: 'T1', userId: 'U1', locale: 'es-ES', tz: 'Europe/Madrid', fetchedAt: first });
    await upsertUserProfile(database.db, { teamId: 'T1', userId: 'U1', locale: 'es-ES', tz: 'America/Bogota', fetchedAt: new Date('2026-11-24T10:00:00Z') });
    const row = await findUserSettings(database.db, 'T1', 'U1');
    expect(row).toMatchObject({ team_id: 'T1', user_id: 'U1', locale: 'es-ES', tz: 'America/Bogota' });
    expect(row!.profile_fetched_at).toEqual(new Date('2026-11-24T10:00:00Z'));
  });

  it('scopes every query by workspace: the same user id in another team sees nothing', async () => {
    await upsertUserProfile(database.db, { teamId: 'T1', userId: 'U1', locale: 'en-US', tz: 'Europe/London', fetchedAt: new Date() });
    expect(await findUserSettings(database.db, 'T2', 'U1')).toBeUndefined();
    expect(await deleteUserSettings(database.db, 'T2', 'U1')).toBe(0);
    expect(await deleteTeamSettings(database.db, 'T2')).toBe(0);
    expect(await findUserSettings(database.db, 'T1', 'U1')).toBeDefined();
    expect(await deleteTeamSettings(database.db, 'T1')).toBe(1);
  });

  it('answers a health ping', async () => {
    expect(await database.ping()).toBe(true);
  });
});
