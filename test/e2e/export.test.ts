import { describe, expect, it } from 'vitest';
import { ACTION } from '../../src/ids.js';
import { CSV_COLUMNS } from '../../src/blocks/personal-export.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { databaseTargets } from '../helpers/test-database.js';
import { OTHER_TEAM, TEAM, USERS, type SlackAppHarness, useSlackHarness } from '../helpers/slack-app-harness.js';
import type { Fill } from '../helpers/view-state.js';
import { logShareView, upsertShare } from '../../src/db/repositories/growth-shares.js';

/** RFC 4180, as a spreadsheet reads it: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endCell();
    } else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe.each(databaseTargets())('/skill export, on $name', ({ create }) => {
  let slack: SlackAppHarness;
  let clock = new Date();
  useSlackHarness(create, { now: () => clock }, (started) => (slack = started.slack));

  const assess = (user: (typeof USERS)[keyof typeof USERS], fill: Fill) => slack.assess(user, fill);

  /** The files of the newest file message in the person's DM, downloaded from the fake's links. */
  async function downloadedExport(user = USERS.en) {
    const message = await slack.waitFor(() => [...slack.fake.dmsTo(user.id)].reverse().find((m) => (m as { files?: unknown[] }).files), 'the export message');
    const files = (message as unknown as { files: { name: string; url_private: string; mimetype: string }[] }).files;
    const contents = await Promise.all(files.map(async (f) => ({ ...f, body: await (await fetch(f.url_private)).text() })));
    return { message, json: contents.find((f) => f.name.endsWith('.json'))!, csv: contents.find((f) => f.name.endsWith('.csv'))! };
  }

  it('sends everything stored about me as JSON and CSV to my DM, checked field by field and round-tripped', async () => {
    clock = new Date('2026-11-29T12:00:00Z');
    await assess(USERS.en, { current: 'middle', target: 'senior', goals: 'Learn "JetStream", KV\nand =streams' });
    clock = new Date('2026-12-03T08:00:00Z');
    await assess(USERS.en, { current: 'senior', target: 'lead', goals: 'Lead the NATS migration' });
    await assess(USERS.es, { current: 'junior', target: 'middle', goals: 'Rosa only' }); // someone else: never exported
    await slack.command('pause until 2027-01-10');
    await runSchedulerPass(slack.deps, createSenderClient(slack.deps.config, { timeoutMs: 2000 }), { workerId: 'x', now: new Date('2027-01-11T10:00:00Z') });

    // A share each way, and an opening each way (docs/sharing.md).
    const given = (await upsertShare(slack.deps.db, { teamId: TEAM, ownerId: USERS.en.id, viewerId: USERS.es.id, skillIds: ['nats'], expiresAt: null, note: 'For our 1:1', now: clock })).share;
    const received = (await upsertShare(slack.deps.db, { teamId: TEAM, ownerId: USERS.es.id, viewerId: USERS.en.id, skillIds: null, expiresAt: new Date('2027-02-01T00:00:00Z'), note: '', now: clock })).share;
    await logShareView(slack.deps.db, given, new Date('2027-01-05T10:00:00Z'));
    await logShareView(slack.deps.db, received, new Date('2027-01-06T10:00:00Z'));

    clock = new Date('2027-01-12T09:30:00Z');
    const { reply } = await slack.command('export');
    expect((reply.body as { text: string }).text).toBe('Done: your data is in your direct messages with Skill Ladder (a JSON file and a CSV).');
    expect(slack.fake.callsTo('files.getUploadURLExternal')).toHaveLength(2);
    expect(slack.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);

    const { message, json, csv } = await downloadedExport();
    expect(message.text).toContain('Everything Skill Ladder stores about you in this workspace');
    expect(json.name).toBe(`skill-ladder-${TEAM}-2027-01-12.json`);
    expect(json.mimetype).toBe('application/json');
    expect(csv.name).toBe(`skill-ladder-assessments-${TEAM}-2027-01-12.csv`);

    const data = JSON.parse(json.body);
    expect(data).toMatchObject({ format: 'skill-ladder-export', version: 1, exported_at: '2027-01-12T09:30:00.000Z', team_id: TEAM, user_id: USERS.en.id });
    expect(Object.keys(data)).toEqual([
      'format',
      'version',
      'exported_at',
      'team_id',
      'user_id',
      'settings',
      'assessments',
      'checkin_schedule',
      'checkin_deliveries',
      'messages_on_record',
      'shares_given',
      'openings_of_my_picture',
      'shares_received',
      'my_openings_of_shared_pictures',
      'ladder_change_notices',
      'conversation_notes',
    ]);
    expect(data.ladder_change_notices).toEqual([]);
    expect(data.shares_given).toEqual([
      { id: given.id, viewer_id: USERS.es.id, skill_ids: ['nats'], expires_at: null, note: 'For our 1:1', revoked_at: null, created_at: expect.any(String), updated_at: expect.any(String) },
    ]);
    expect(data.openings_of_my_picture).toEqual([{ share_id: given.id, viewer_id: USERS.es.id, opened_at: '2027-01-05T10:00:00.000Z' }]);
    expect(data.shares_received).toEqual([
      { id: received.id, owner_id: USERS.es.id, skill_ids: null, expires_at: '2027-02-01T00:00:00.000Z', note: '', revoked_at: null, created_at: expect.any(String), updated_at: expect.any(String) },
    ]);
    expect(data.conversation_notes).toEqual([]);
    expect(data.my_openings_of_shared_pictures).toEqual([{ share_id: received.id, owner_id: USERS.es.id, opened_at: '2027-01-06T10:00:00.000Z' }]);
    expect(data.settings).toMatchObject({ locale: 'en-GB', tz: 'Europe/London' });
    expect(data.assessments).toHaveLength(2);
    expect(data.assessments[0]).toMatchObject({
      skill_id: 'nats',
      current_level: 'middle',
      target_level: 'senior',
      goals: 'Learn "JetStream", KV\nand =streams',
      created_at: '2026-11-29T12:00:00.000Z',
    });
    expect(Object.keys(data.assessments[0]).sort()).toEqual(['created_at', 'current_level', 'goals', 'id', 'ratings', 'requirement_versions', 'role_id', 'skill_id', 'target_date', 'target_level']);
    expect(data.assessments[1]).toMatchObject({ current_level: 'senior', target_level: 'lead', created_at: '2026-12-03T08:00:00.000Z' });
    expect(JSON.stringify(data)).not.toContain('Rosa only');
    expect(data.checkin_schedule).toMatchObject({
      cadence: 'weekly',
      effective_cadence: null,
      weekday: 1,
      local_time: '10:00',
      tz: 'Europe/London',
      paused: false,
      paused_until: '2027-01-10',
      next_run_at: '2027-01-18T10:00:00.000Z',
      unanswered_checkins: 1,
    });
    expect(data.checkin_deliveries).toEqual([{ status: 'sent', count: 1, first_sent_at: expect.any(String), last_sent_at: expect.any(String) }]);
    expect(data.messages_on_record.map((m: { kind: string }) => m.kind).sort()).toEqual(['checkin', 'confirmation', 'confirmation']);

    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const first = Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, rows[1]![i]]));
    expect(first).toEqual({
      assessed_at: '2026-11-29T12:00:00.000Z',
      skill_id: 'nats',
      skill_name: 'NATS / NATS JetStream',
      role_id: data.assessments[0].role_id,
      current_level: 'middle',
      current_level_name: 'Middle',
      target_level: 'senior',
      target_level_name: 'Senior',
      target_date: '',
      goals: 'Learn "JetStream", KV\nand =streams',
      ratings: JSON.stringify(data.assessments[0].ratings),
    });
    expect(rows[2]![CSV_COLUMNS.indexOf('goals')]).toBe('Lead the NATS migration');
  });

  it('/skill forget deletes the exported files from my DM too (they hold all my data), and says so in the count', async () => {
    clock = new Date('2026-12-03T08:00:00Z');
    await assess(USERS.en, { current: 'senior', target: 'lead', goals: 'Lead the NATS migration' });
    await slack.command('export');
    await slack.waitFor(() => slack.fake.sharedFiles().length === 2, 'the two files');
    const ids = slack.fake.sharedFiles().map((f) => f.id).sort();
    const { reply } = await slack.command('forget');
    const done = await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks, ts: reply.messageTs }, 'forget_confirm');
    expect(slack.fake.callsTo('files.delete').map((c) => String(c.args.file)).sort()).toEqual(ids);
    expect(slack.fake.sharedFiles()).toEqual([]);
    expect(slack.fake.dmsTo(USERS.en.id).filter((m) => (m as { files?: unknown[] }).files)).toEqual([]);
    expect(JSON.stringify(done.reply!.body)).not.toContain('still in');
    expect(await slack.deps.db.selectFrom('sent_messages').selectAll().where('user_id', '=', USERS.en.id).execute()).toEqual([]);
  });

  it('"Export my data" in App Home, and `/skill exportar` in Spanish; another workspace sees nothing of mine', async () => {
    clock = new Date('2026-11-29T12:00:00Z');
    await assess(USERS.es, { current: 'junior', target: 'middle', goals: '=cmd|calc' });
    const home = await slack.waitFor(() => {
      const view = slack.fake.homeViewFor(USERS.es.id);
      return view && JSON.stringify(view.blocks).includes(ACTION.exportData) ? view : undefined;
    }, 'App Home with the export button');
    expect(JSON.stringify(home.blocks)).toContain('Exportar mis datos');
    await slack.interactWithView(home, ACTION.exportData, { user: USERS.es });
    const fromHome = await downloadedExport(USERS.es);
    expect(fromHome.message.text).toContain('Todo lo que Skill Ladder guarda sobre ti');
    // A goal a spreadsheet would run as a formula is defused in the CSV, kept as typed in the JSON.
    expect(parseCsv(fromHome.csv.body)[1]![CSV_COLUMNS.indexOf('goals')]).toBe("'=cmd|calc");
    expect(JSON.parse(fromHome.json.body).assessments[0].goals).toBe('=cmd|calc');

    const { reply } = await slack.command('exportar', { user: USERS.es });
    expect((reply.body as { text: string }).text).toMatch(/^Hecho: tus datos están en tus mensajes directos/);

    const { reply: other } = await slack.command('export', { user: USERS.es, team: OTHER_TEAM });
    expect((other.body as { text: string }).text).toMatch(/^Hecho/);
    const elsewhere = await downloadedExport(USERS.es);
    const data = JSON.parse(elsewhere.json.body);
    expect(data).toMatchObject({ team_id: OTHER_TEAM, assessments: [], checkin_schedule: null, checkin_deliveries: [], messages_on_record: [] });
    expect(parseCsv(elsewhere.csv.body)).toEqual([[...CSV_COLUMNS]]);
  });
});
