import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// Follow-ups of agreed next steps and "the ladder changed" notices go through the check-in outbox
// (docs/follow-ups.md, docs/ladder-changes.md#exactly-once):
//  - a schedule keeps the instant of its owner's earliest pending follow-up (`follow_up_at`), due like `next_run_at`;
//  - a delivery says what it carries (`kind`) and, for a follow-up, the owner's local date whose notes it shows;
//    the lead's short DM is a delivery of its own on the owner's schedule, so one occurrence is unique per recipient;
//  - `cancelled`: a delivery nobody should get any more (the share ended, the notes were done or forgotten);
//  - a note records when its follow-up was put in the outbox (and by which delivery) and when the owner marked it done;
//  - a ladder notice is a delivery of its own (`notice_id`, unique), queued in the transaction that claims the notice.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin_schedules').addColumn('follow_up_at', 'timestamptz').execute();
  await sql`create index checkin_schedules_follow_up_due on checkin_schedules (follow_up_at, id) where follow_up_at is not null`.execute(db);

  await db.schema
    .alterTable('checkin_deliveries')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('checkin').check(sql`kind in ('checkin', 'follow_up', 'lead_follow_up', 'ladder_change')`))
    .addColumn('follow_up_on', 'date')
    .addColumn('notice_id', 'integer', (col) => col.references('ladder_change_notices.id').onDelete('cascade').unique())
    .execute();
  await sql`alter table checkin_deliveries drop constraint checkin_deliveries_status_check`.execute(db);
  await sql`alter table checkin_deliveries add constraint checkin_deliveries_status_check check (status in ('pending', 'sending', 'sent', 'dead', 'cancelled'))`.execute(db);
  await sql`alter table checkin_deliveries drop constraint checkin_deliveries_one_per_occurrence`.execute(db);
  // Scheduled DMs: one per schedule, instant and recipient. A ladder notice is unique by its notice instead.
  await sql`create unique index checkin_deliveries_one_per_recipient on checkin_deliveries (schedule_id, occurrence_at, user_id) where notice_id is null`.execute(db);
  await sql`alter table ladder_change_notices drop constraint ladder_change_notices_status_check`.execute(db);
  await sql`alter table ladder_change_notices add constraint ladder_change_notices_status_check check (status in ('queued', 'sending', 'sent', 'failed', 'nothing'))`.execute(db);

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
  await db.updateTable('ladder_change_notices').set({ status: 'sending' }).where('status', '=', 'queued').execute();
  await sql`alter table ladder_change_notices drop constraint ladder_change_notices_status_check`.execute(db);
  await sql`alter table ladder_change_notices add constraint ladder_change_notices_status_check check (status in ('sending', 'sent', 'failed', 'nothing'))`.execute(db);
  await sql`drop index checkin_deliveries_one_per_recipient`.execute(db);
  await db.schema.alterTable('checkin_deliveries').addUniqueConstraint('checkin_deliveries_one_per_occurrence', ['schedule_id', 'occurrence_at']).execute();
  await sql`alter table checkin_deliveries drop constraint checkin_deliveries_status_check`.execute(db);
  await sql`alter table checkin_deliveries add constraint checkin_deliveries_status_check check (status in ('pending', 'sending', 'sent', 'dead'))`.execute(db);
  await db.schema.alterTable('checkin_deliveries').dropColumn('kind').dropColumn('follow_up_on').dropColumn('notice_id').execute();
  await sql`drop index checkin_schedules_follow_up_due`.execute(db);
  await db.schema.alterTable('checkin_schedules').dropColumn('follow_up_at').execute();
}
