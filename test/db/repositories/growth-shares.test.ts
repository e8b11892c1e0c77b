import { expect, it } from 'vitest';
import { deleteTeamData, deleteUserData } from '../../../src/db/repositories/forget.js';
import {
  countAnonymousViews,
  listSharesGiven,
  listSharesReceived,
  logShareView,
  markShareDmEnded,
  revokeShare,
  saveShareDm,
  upsertShare,
} from '../../../src/db/repositories/growth-shares.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

const TEAM = 'T0SHARE1';
const OTHER = 'T0SHARE2';
const at = (iso: string) => new Date(iso);

describeEachDatabase('growth shares SQL', (database) => {
  const share = (owner: string, viewer: string, extra: Partial<Parameters<typeof upsertShare>[1]> = {}) =>
    upsertShare(database.db, { teamId: TEAM, ownerId: owner, viewerId: viewer, skillIds: ['nats'], expiresAt: at('2027-01-01T00:00:00Z'), note: 'hi', now: at('2026-12-01T00:00:00Z'), ...extra });

  it('sharing again with the same person changes the one share (and lifts a revocation), never adds a second', async () => {
    const first = await share('UOWNER', 'UVIEW');
    await saveShareDm(database.db, TEAM, first.share.id, { channel: 'D1', ts: '1.1' });
    await revokeShare(database.db, TEAM, 'UOWNER', first.share.id, at('2026-12-02T00:00:00Z'));
    const again = await share('UOWNER', 'UVIEW', { skillIds: null, expiresAt: null, note: '' });
    expect(again.share.id).toBe(first.share.id);
    expect(again.share).toMatchObject({ skill_ids: null, expires_at: null, revoked_at: null, note: '', dm_ts: null });
    expect(again.previousDm).toEqual({ channel: 'D1', ts: '1.1' });
    expect(await listSharesReceived(database.db, TEAM, 'UVIEW')).toHaveLength(1);
  });

  it('a revocation and a DM marked ended are kept to the owner and the workspace', async () => {
    const { share: row } = await share('UOWNER', 'UVIEW');
    expect(await revokeShare(database.db, TEAM, 'USOMEONE', row.id, at('2026-12-02T00:00:00Z'))).toBeUndefined();
    expect(await revokeShare(database.db, OTHER, 'UOWNER', row.id, at('2026-12-02T00:00:00Z'))).toBeUndefined();
    expect(await markShareDmEnded(database.db, OTHER, row.id, at('2026-12-02T00:00:00Z'))).toBe(false);
    expect(await markShareDmEnded(database.db, TEAM, row.id, at('2026-12-02T00:00:00Z'))).toBe(true);
    expect(await markShareDmEnded(database.db, TEAM, row.id, at('2026-12-03T00:00:00Z'))).toBe(false);
  });

  it('counts openings per share, with the last one', async () => {
    const { share: row } = await share('UOWNER', 'UVIEW');
    await share('UOWNER', 'UOTHERVIEW');
    await logShareView(database.db, row, at('2026-12-03T10:00:00Z'));
    await logShareView(database.db, row, at('2026-12-04T10:00:00Z'));
    const given = await listSharesGiven(database.db, TEAM, 'UOWNER');
    expect(given.map((g) => [g.viewer_id, g.opened, g.last_opened_at?.toISOString() ?? null]).sort()).toEqual([
      ['UOTHERVIEW', 0, null],
      ['UVIEW', 2, '2026-12-04T10:00:00.000Z'],
    ]);
    expect(await listSharesGiven(database.db, OTHER, 'UOWNER')).toEqual([]);
  });

  it("a viewer's forget deletes the shares they received and their name from the log; the owner keeps the count", async () => {
    const { share: row } = await share('UOWNER', 'UVIEW');
    await logShareView(database.db, row, at('2026-12-03T10:00:00Z'));
    const { share: theirs } = await share('UVIEW', 'UOWNER');
    const counts = await deleteUserData(database.db, TEAM, 'UVIEW');
    expect(counts.shares).toBe(2);
    expect(await database.db.selectFrom('growth_shares').selectAll().execute()).toEqual([]);
    const log = await database.db.selectFrom('growth_share_views').selectAll().execute();
    expect(log).toEqual([expect.objectContaining({ owner_id: 'UOWNER', viewer_id: null, share_id: null })]);
    expect(await countAnonymousViews(database.db, TEAM, 'UOWNER')).toBe(1);
    expect(theirs.id).toBeGreaterThan(0);
  });

  it("an owner's forget deletes their shares and their whole log; other workspaces are untouched", async () => {
    const { share: row } = await share('UOWNER', 'UVIEW');
    await logShareView(database.db, row, at('2026-12-03T10:00:00Z'));
    const elsewhere = await upsertShare(database.db, { teamId: OTHER, ownerId: 'UOWNER', viewerId: 'UVIEW', skillIds: null, expiresAt: null, note: '', now: at('2026-12-01T00:00:00Z') });
    await logShareView(database.db, elsewhere.share, at('2026-12-03T10:00:00Z'));
    await deleteUserData(database.db, TEAM, 'UOWNER');
    expect(await database.db.selectFrom('growth_shares').select('team_id').execute()).toEqual([{ team_id: OTHER }]);
    expect(await database.db.selectFrom('growth_share_views').select('team_id').execute()).toEqual([{ team_id: OTHER }]);
  });

  it('uninstall purges every share and every opening of the workspace', async () => {
    const { share: row } = await share('UOWNER', 'UVIEW');
    await logShareView(database.db, row, at('2026-12-03T10:00:00Z'));
    await share('UVIEW', 'UOWNER');
    await upsertShare(database.db, { teamId: OTHER, ownerId: 'UOWNER', viewerId: 'UVIEW', skillIds: null, expiresAt: null, note: '', now: at('2026-12-01T00:00:00Z') });
    expect((await deleteTeamData(database.db, TEAM)).shares).toBe(2);
    expect(await database.db.selectFrom('growth_shares').select('team_id').execute()).toEqual([{ team_id: OTHER }]);
    expect(await database.db.selectFrom('growth_share_views').selectAll().execute()).toEqual([]);
  });
});

