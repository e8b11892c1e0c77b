import { expect, it } from 'vitest';
import { claimDeliveries, emitDueOccurrences, releaseHeldDeliveries } from '../../../src/db/repositories/checkin-deliveries.js';
import { GRACE_MS, computeNextRun } from '../../../src/time/check-in-time.js';
import { describeEachDatabase } from '../../helpers/test-database.js';
import { seedSchedules } from '../../helpers/checkins.js';

/** The shutdown sweep (docs/check-in-delivery.md#shutting-down): a stopping worker gives back what it still holds. */
describeEachDatabase('releaseHeldDeliveries', (database) => {
  it("gives back only this worker's leases, marked uncertain and claimable at once, attempts kept", async () => {
    await seedSchedules(database.db, { count: 3 });
    await emitDueOccurrences(database.db, { batch: 10, graceMs: GRACE_MS, computeNext: computeNextRun });
    const mine = await claimDeliveries(database.db, { workerId: 'stopping', batch: 2, leaseSeconds: 60 });
    const theirs = await claimDeliveries(database.db, { workerId: 'other', batch: 10, leaseSeconds: 60 });
    expect([mine.length, theirs.length]).toEqual([2, 1]);

    expect(await releaseHeldDeliveries(database.db, { workerId: 'stopping', error: 'uncertain: shutdown while sending' })).toBe(2);
    expect(await releaseHeldDeliveries(database.db, { workerId: 'stopping', error: 'uncertain: again' })).toBe(0);

    const rows = await database.db.selectFrom('checkin_deliveries').select(['id', 'status', 'locked_by', 'locked_until', 'attempts', 'last_error']).orderBy('id').execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { id } of mine) {
      expect(byId.get(id)).toMatchObject({ status: 'pending', locked_by: null, locked_until: null, attempts: 1, last_error: 'uncertain: shutdown while sending' });
    }
    expect(byId.get(theirs[0]!.id)).toMatchObject({ status: 'sending', locked_by: 'other' });
    // Another replica takes them now, not a lease later, and sees the mark that makes it look in the DM first.
    const next = await claimDeliveries(database.db, { workerId: 'next', batch: 10, leaseSeconds: 60 });
    expect(next.map((row) => row.id).sort()).toEqual(mine.map((row) => row.id).sort());
    expect(next.every((row) => row.last_error?.startsWith('uncertain:') && row.attempts === 2)).toBe(true);
  });
});
