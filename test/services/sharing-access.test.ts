import { expect, it } from 'vitest';
import { revokeShare, upsertShare } from '../../src/db/repositories/growth-shares.js';
import { addConversationNote } from '../../src/db/repositories/conversation-notes.js';
import { checkShare, loadBriefAssessments, loadSharedPictures, mayRecordNote } from '../../src/services/sharing-access.js';
import { checkinTimeOn } from '../../src/time/check-in-time.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { testDeps } from '../helpers/test-deps.js';

/**
 * The one gate (docs/sharing.md#the-access-check): both of its read paths — one share for **Open**, every share for
 * App Home's "Shared with me" — refuse a revoked, an expired, another workspace's and another person's share, and
 * never return the owner's data for them.
 */

const TEAM = 'T0GATE1';
const OTHER = 'T0GATE2';
const NOW = new Date('2026-12-10T12:00:00Z');
const reader = { locale: 'en' as const, tz: 'Europe/London' };

describeEachDatabase('the access check on every read path', (database) => {
  const deps = (now = NOW) => testDeps(database.db, { now: () => now });

  async function setUp(terms: { expiresAt?: Date | null; revoked?: boolean } = {}) {
    await database.db
      .insertInto('assessments')
      .values({ team_id: TEAM, user_id: 'UOWNER', skill_id: 'nats', role_id: 'dev', ratings: JSON.stringify({ junior: 'fully' }), current_level: 'junior', target_level: 'senior', target_date: null, goals: 'SECRET GOALS', submission_key: 'k1', created_at: new Date('2026-12-01T00:00:00Z') })
      .execute();
    const { share } = await upsertShare(database.db, { teamId: TEAM, ownerId: 'UOWNER', viewerId: 'UVIEWER', skillIds: null, expiresAt: terms.expiresAt === undefined ? new Date('2026-12-24T00:00:00Z') : terms.expiresAt, note: '', now: new Date('2026-12-09T00:00:00Z') });
    if (terms.revoked) await revokeShare(database.db, TEAM, 'UOWNER', share.id, new Date('2026-12-10T00:00:00Z'));
    return share;
  }

  /** Both read paths, as `who` in `team`. */
  async function readAs(shareId: number, who = 'UVIEWER', team = TEAM, now = NOW) {
    const one = await loadSharedPictures(deps(now), team, who, { shareId }, reader);
    const all = await loadSharedPictures(deps(now), team, who, 'all', reader);
    return { one, all, leaked: JSON.stringify([one.pictures, all.pictures]).includes('SECRET GOALS') };
  }

  it('lets the viewer in while the share holds, on both paths, with the owner\'s data for the shared skills', async () => {
    const share = await setUp();
    const { one, all, leaked } = await readAs(share.id);
    expect(one.pictures).toHaveLength(1);
    expect(all.pictures).toHaveLength(1);
    expect(leaked).toBe(true);
    expect(one.pictures[0]).toMatchObject({ ownerId: 'UOWNER', expiresOn: '2026-12-24', skills: [expect.objectContaining({ ratings: { junior: 'fully' } })] });
  });

  it('refuses a revoked share on both paths', async () => {
    const share = await setUp({ revoked: true });
    const { one, all, leaked } = await readAs(share.id);
    expect([one.pictures, all.pictures, leaked]).toEqual([[], [], false]);
    expect(one.ended.map((e) => e.reason)).toEqual(['revoked']);
  });

  it('refuses an expired share on both paths, by the clock passed in (the second it ends)', async () => {
    const share = await setUp({ expiresAt: new Date('2026-12-24T00:00:00Z') });
    expect((await readAs(share.id, 'UVIEWER', TEAM, new Date('2026-12-23T23:59:59Z'))).one.pictures).toHaveLength(1);
    const { one, all, leaked } = await readAs(share.id, 'UVIEWER', TEAM, new Date('2026-12-24T00:00:00Z'));
    expect([one.pictures, all.pictures, leaked]).toEqual([[], [], false]);
    expect(all.ended.map((e) => e.reason)).toEqual(['expired']);
  });

  it('refuses the same share id read from another workspace, and by anyone but its viewer', async () => {
    const share = await setUp({ expiresAt: null });
    const elsewhere = await readAs(share.id, 'UVIEWER', OTHER);
    expect([elsewhere.one.pictures, elsewhere.all.pictures, elsewhere.leaked, elsewhere.one.notFound]).toEqual([[], [], false, true]);
    const someoneElse = await readAs(share.id, 'USOMEONE');
    expect([someoneElse.one.pictures, someoneElse.all.pictures, someoneElse.leaked, someoneElse.one.notFound]).toEqual([[], [], false, true]);
    const owner = await readAs(share.id, 'UOWNER');
    expect(owner.leaked).toBe(false);
  });

  it('conversation notes: read and recorded only while the share holds, only for the shared skills, only in its workspace', async () => {
    const share = await setUp({ expiresAt: new Date('2026-12-24T00:00:00Z') });
    for (const skillId of ['nats', 'sql']) {
      await addConversationNote(database.db, { teamId: TEAM, ownerId: 'UOWNER', authorId: 'UOWNER', otherId: null, skillId, steps: `SECRET STEPS ${skillId}`, followUpOn: null, now: NOW }, checkinTimeOn);
    }
    await upsertShare(database.db, { teamId: TEAM, ownerId: 'UOWNER', viewerId: 'UVIEWER', skillIds: ['nats'], expiresAt: share.expires_at, note: '', now: NOW });
    const rows = await loadBriefAssessments(deps(), TEAM, 'UVIEWER', 'UOWNER');
    expect(rows !== 'not_shared' && rows.notes.map((n) => n.steps)).toEqual(['SECRET STEPS nats']);
    expect(await mayRecordNote(deps(), TEAM, 'UVIEWER', 'UOWNER', 'nats')).toBe(true);
    expect(await mayRecordNote(deps(), TEAM, 'UVIEWER', 'UOWNER', 'sql')).toBe(false);
    expect(await mayRecordNote(deps(), OTHER, 'UVIEWER', 'UOWNER', 'nats')).toBe(false);
    expect(await mayRecordNote(deps(), TEAM, 'USOMEONE', 'UOWNER', 'nats')).toBe(false);
    expect(await mayRecordNote(deps(), TEAM, 'UOWNER', 'UOWNER', 'sql')).toBe(true);
    const ended = deps(new Date('2026-12-24T00:00:00Z'));
    expect(await loadBriefAssessments(ended, TEAM, 'UVIEWER', 'UOWNER')).toBe('not_shared');
    expect(await mayRecordNote(ended, TEAM, 'UVIEWER', 'UOWNER', 'nats')).toBe(false);
  });

  it('only the shared skills: a share of one skill never carries another', async () => {
    await setUp();
    await upsertShare(database.db, { teamId: TEAM, ownerId: 'UOWNER', viewerId: 'UVIEWER', skillIds: ['sql'], expiresAt: null, note: '', now: NOW });
    const { all } = await readAs(0);
    expect(all.pictures[0]!.skills).toEqual([]);
  });
});

it('checkShare: holds, revoked, expired, not found', () => {
  const base = { id: 1, team_id: TEAM, owner_id: 'O', viewer_id: 'V', skill_ids: null, expires_at: null, note: '', revoked_at: null, dm_channel: null, dm_ts: null, dm_ended_at: null, created_at: NOW, updated_at: NOW };
  expect(checkShare(base, TEAM, 'V', NOW)).toBe('holds');
  expect(checkShare({ ...base, revoked_at: NOW }, TEAM, 'V', NOW)).toBe('revoked');
  expect(checkShare({ ...base, expires_at: NOW }, TEAM, 'V', NOW)).toBe('expired');
  expect(checkShare(base, OTHER, 'V', NOW)).toBe('not_found');
  expect(checkShare(base, TEAM, 'O', NOW)).toBe('not_found');
  expect(checkShare(undefined, TEAM, 'V', NOW)).toBe('not_found');
});
