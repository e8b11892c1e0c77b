import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// Back off when check-ins are ignored: `cadence` stays what the person chose; `effective_cadence` is the slower one
// in force after unanswered check-ins (null: the chosen one), and `unanswered_checkins` counts the check-ins sent
// in a row with no response since.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('checkin_schedules')
    .addColumn('effective_cadence', 'text', (col) => col.check(sql`effective_cadence in ('weekly', 'biweekly', 'monthly')`))
    .addColumn('unanswered_checkins', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin_schedules').dropColumn('effective_cadence').dropColumn('unanswered_checkins').execute();
}
