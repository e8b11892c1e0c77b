import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import from src/ and use Kysely<any>.
// `/skill export` leaves files in the person's DM that hold all their data: they are kept on record with the other
// messages that carry it, so `/skill forget` deletes them too. For an `export_file` row, `ts` holds Slack's file id
// (files.delete takes the file, not the message that shared it).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sent_messages drop constraint sent_messages_kind_check`.execute(db);
  await sql`alter table sent_messages add constraint sent_messages_kind_check check (kind in ('confirmation', 'checkin', 'export_file'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('sent_messages').where('kind', '=', 'export_file').execute();
  await sql`alter table sent_messages drop constraint sent_messages_kind_check`.execute(db);
  await sql`alter table sent_messages add constraint sent_messages_kind_check check (kind in ('confirmation', 'checkin'))`.execute(db);
}
