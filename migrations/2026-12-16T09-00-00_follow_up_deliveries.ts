import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// Follow-ups of agreed next steps go through the check-in outbox (docs/follow-ups.md):
//  - a schedule keeps the instant of its owner's earliest pending follow-up (`follow_up_at`), due like `next_run_at`;
//  - a delivery says what it carries (`kind`) and, for a follow-up, the owner's local date whose notes it shows;
//    the lead's short DM is a delivery of its own on the owner's schedule, so one occurrence is unique per recipient;
//  - `cancelled`: a delivery nobody should get any more (the share ended, the notes were done or forgotten);
//  - a note records when its follow-up was put in the outbox (and by which delivery) and when the owner marked it done.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin_schedules').addColumn('follow_up_at', 'timestamptz').execute();
  await sql`create index checkin_schedules_follow_up_due on checkin_schedules (follow_up_at, id) where follow_up_at is not null`.execute(db);

  await db.schema
    .alterTable('checkin_deliveries')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('checkin').check(sql`kind in ('checkin', 'follow_up', 'lead_follow_up')`))
    .addColumn('follow_up_on', 'date')
    .execute();
  await sql`alter table checkin_deliveries drop constraint checkin_deliveries_status_check`.execute(db);
  await sql`alter table checkin_deliveries add constraint checkin_deliveries_status_check check (status in ('pending', 'sending', 'sent', 'dead', 'cancelled'))`.execute(db);
  await sql`alter table checkin_deliveries drop constraint checkin_deliveries_one_per_occurrence`.execute(db);
  await db.schema.alterTable('checkin_deliveries').addUniqueConstraint('checkin_deliveries_one_per_recipient', ['schedule_id', 'occurrence_at', 'user_id']).execute();

  await db.schema
    .alterTable('conversation_notes')
    .addColumn('followed_up_at', 'timestamptz')
    .addColumn('follow_up_delivery_id', 'bigint')
    .addColumn('done_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversation_notes').dropColumn('followed_up_at').dropColumn('follow_up_delivery_id').dropColumn('done_at').execute();
  await db.deleteFrom('checkin_deliveries').where('kind', '<>', 'checkin').execute();
  await db.deleteFrom('checkin_deliveries').where('status', '=', 'cancelled').execute();
  await db.schema.alterTable('checkin_deliveries').dropConstraint('checkin_deliveries_one_per_recipient').execute();
  await db.schema.alterTable('checkin_deliveries').addUniqueConstraint('checkin_deliveries_one_per_occurrence', ['schedule_id', 'occurrence_at']).execute();
  await sql`alter table checkin_deliveries drop constraint checkin_deliveries_status_check`.execute(db);
  await sql`alter table checkin_deliveries add constraint checkin_deliveries_status_check check (status in ('pending', 'sending', 'sent', 'dead'))`.execute(db);
  await db.schema.alterTable('checkin_deliveries').dropColumn('kind').dropColumn('follow_up_on').execute();
  await sql`drop index checkin_schedules_follow_up_due`.execute(db);
  await db.schema.alterTable('checkin_schedules').dropColumn('follow_up_at').execute();
}
