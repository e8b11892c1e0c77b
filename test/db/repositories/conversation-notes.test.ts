import { expect, it } from 'vitest';
import { addConversationNote, listLatestNotes } from '../../../src/db/repositories/conversation-notes.js';
import { deleteTeamData, deleteUserData } from '../../../src/db/repositories/forget.js';
import { checkinTimeOn } from '../../../src/time/check-in-time.js';
import { describeEachDatabase } from '../../helpers/test-database.js';

const TEAM = 'T0NOTES1';
const OTHER = 'T0NOTES2';

describeEachDatabase('conversation notes SQL', (database) => {
  const note = (extra: Partial<Parameters<typeof addConversationNote>[1]> = {}) =>
    addConversationNote(database.db, { teamId: TEAM, ownerId: 'UADA', authorId: 'UANA', otherId: 'UADA', skillId: 'nats', steps: 'Lead the design review', followUpOn: '2027-01-10', now: new Date('2026-12-02T10:00:00Z'), ...extra }, checkinTimeOn).then((saved) => saved.note);
  const all = () => database.db.selectFrom('conversation_notes').selectAll().where('team_id', 'in', [TEAM, OTHER]).orderBy('id').execute();

  it('keeps every note (append-only) and lists the newest per skill, only in its workspace', async () => {
    await note();
    await note({ steps: 'Pair on consumers', now: new Date('2026-12-09T10:00:00Z') });
    await note({ skillId: 'go', followUpOn: null });
    await note({ teamId: OTHER, steps: 'elsewhere', now: new Date('2026-12-20T10:00:00Z') });
    const latest = await listLatestNotes(database.db, TEAM, 'UADA');
    expect(latest.map((n) => [n.skill_id, n.steps])).toEqual([
      ['nats', 'Pair on consumers'],
      ['go', 'Lead the design review'],
    ]);
    expect(latest[0]!.follow_up_on).toBe('2027-01-10');
    expect(latest[1]!.follow_up_on).toBeNull();
    expect(await listLatestNotes(database.db, TEAM, 'UANA')).toEqual([]);
    await deleteTeamData(database.db, TEAM);
    await deleteTeamData(database.db, OTHER);
  });

  it("the owner's forget deletes their notes; the author's forget empties their id and the owner keeps the note; uninstall purges", async () => {
    await note();
    await note({ ownerId: 'UANA', authorId: 'UANA', otherId: 'UADA', steps: "Ana's own" });
    await note({ teamId: OTHER });
    expect((await deleteUserData(database.db, TEAM, 'UANA')).notes).toBe(1);
    expect((await all()).filter((n) => n.team_id === TEAM)).toEqual([expect.objectContaining({ owner_id: 'UADA', author_id: null, other_id: 'UADA', steps: 'Lead the design review' })]);
    expect((await deleteUserData(database.db, TEAM, 'UADA')).notes).toBe(1);
    expect((await all()).map((n) => n.team_id)).toEqual([OTHER]);
    expect((await deleteTeamData(database.db, OTHER)).notes).toBe(1);
    expect(await all()).toEqual([]);
  });
});
