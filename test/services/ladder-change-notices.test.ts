import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/query.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { startFakeSlack, type FakeSlack } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import { saveAssessment } from '../../src/services/assessments.js';
import { assessedAgainstOlderText } from '../../src/services/requirement-versions.js';
import { findLatestAssessment } from '../../src/db/repositories/assessments.js';
import { ACTION } from '../../src/ids.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { fakeUsers, TEAM, testSender, userId } from '../helpers/checkins.js';
import { BOT_TOKEN, testDeps } from '../helpers/test-deps.js';
import { LADDER_BEFORE, ladderCatalog, type LadderShape } from '../helpers/ladder-catalog.js';

const CHANGED: LadderShape = {
  levels: [
    LADDER_BEFORE.levels[0]!,
    { id: 'middle', text: 'Designs streams and durable consumers for a service and explains acknowledgements and redelivery.' },
    // senior removed, staff added
    { id: 'staff', text: 'Sets messaging standards across teams.' },
  ],
};

describeEachDatabase('the ladder changed: one DM per changed assessment', (database) => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, users: fakeUsers(4, { locale: (i) => (i === 1 ? 'es-ES' : 'en-US') }) });
    client = testSender(fake);
  });
  afterEach(async () => {
    await fake.close();
  });

  const deps = (catalog: Catalog) => testDeps(database.db, { apiUrl: fake.apiUrl, catalog });
  const assess = (catalog: Catalog, user: number, key = `V${user}`) =>
    saveAssessment(deps(catalog), {
      teamId: TEAM,
      userId: userId(user),
      skillId: 'nats',
      tz: 'Europe/Madrid',
      submissionKey: key,
      value: { roleId: 'dev', ratings: { junior: 'fully', middle: 'partly', senior: 'not_yet' }, currentLevel: 'junior', targetLevel: 'middle', targetDate: null, goals: '', cadence: 'off', weekday: 1, localTime: '10:00' },
    });
  const pass = (catalog: Catalog, workerId = 'w1') => runSchedulerPass(deps(catalog), client, { workerId, sendTimeoutMs: 1500 });
  const notices = () => database.db.selectFrom('ladder_change_notices').selectAll().orderBy('id').execute();

  it('stores the requirement texts the assessment was made against, and sends nothing while they hold', async () => {
    const before = ladderCatalog(LADDER_BEFORE);
    const { assessment } = await assess(before, 0);
    expect(Object.keys(assessment.requirement_versions!)).toEqual(['junior', 'middle', 'senior']);
    expect(assessment.requirement_versions!.middle!.text).toBe(LADDER_BEFORE.levels[1]!.text);
    expect(assessment.requirement_versions!.middle!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(assessment.requirements_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await pass(before);
    expect(fake.dmsTo(userId(0))).toHaveLength(0);
    expect(await notices()).toHaveLength(0);
    expect(assessedAgainstOlderText(before, assessment)).toBe(false);
  });

  it('a changed and a removed level: one DM with the change marked and Re-assess, never again (other replicas, a restart)', async () => {
    await assess(ladderCatalog(LADDER_BEFORE), 0);
    await assess(ladderCatalog(LADDER_BEFORE), 1);
    const after = ladderCatalog(CHANGED);
    await Promise.all([pass(after, 'w1'), pass(after, 'w2'), pass(after, 'w3')]);
    await pass(after, 'restarted');

    const [english] = fake.dmsTo(userId(0));
    expect(fake.dmsTo(userId(0))).toHaveLength(1);
    assertValidMessage(english as { text?: unknown; blocks?: unknown });
    const text = JSON.stringify(english!.blocks);
    expect(text).toContain('The NATS ladder changed');
    expect(text).toContain('*Middle*: changed');
    expect(text).toContain('Designs streams and *durable* consumers for a service and explains ~acknowledgements.~ *acknowledgements and redelivery.*');
    expect(text).toContain('*Senior*: removed from the ladder');
    expect(text).toContain('~Runs clusters in production and plans capacity.~');
    expect(text).not.toContain('Staff');
    expect(text).not.toContain('Junior');
    const button = (english!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!.elements![0]!;
    expect(button).toMatchObject({ action_id: ACTION.assess, value: 'nats' });

    const [spanish] = fake.dmsTo(userId(1));
    expect(fake.dmsTo(userId(1))).toHaveLength(1);
    expect(JSON.stringify(spanish!.blocks)).toContain('La escalera de NATS cambió');
    expect(JSON.stringify(spanish!.blocks)).toContain('Volver a evaluar');
    expect((await notices()).map((n) => n.status)).toEqual(['queued', 'queued']);
    // The outbox carried them: one delivery each, sent.
    expect(await database.db.selectFrom('checkin_deliveries').select(['kind', 'status']).execute()).toEqual([
      { kind: 'ladder_change', status: 'sent' },
      { kind: 'ladder_change', status: 'sent' },
    ]);

    const latest = await findLatestAssessment(database.db, TEAM, userId(0), 'nats');
    expect(assessedAgainstOlderText(after, latest!)).toBe(true);
    // Re-assessing against the new ladder clears the mark and brings no new notice.
    const { assessment } = await assess(after, 0, 'V0-again');
    expect(assessedAgainstOlderText(after, assessment)).toBe(false);
    await pass(after);
    expect(fake.dmsTo(userId(0))).toHaveLength(1);
  });

  it('a level added, a skill renamed, a new role: no DM and no mark', async () => {
    const { assessment } = await assess(ladderCatalog(LADDER_BEFORE), 0);
    const added = ladderCatalog({ skillName: 'NATS messaging', extraRole: true, levels: [...LADDER_BEFORE.levels, { id: 'staff', text: 'Sets standards.' }] });
    await pass(added);
    await pass(added);
    expect(fake.dmsTo(userId(0))).toHaveLength(0);
    expect((await notices()).map((n) => n.status)).toEqual(['nothing']);
    expect(assessedAgainstOlderText(added, assessment)).toBe(false);
  });

  it('a skill removed, and assessments saved before versions were recorded: nothing', async () => {
    await assess(ladderCatalog(LADDER_BEFORE), 0);
    await database.db.updateTable('assessments').set({ requirement_versions: null, requirements_fingerprint: null }).where('team_id', '=', TEAM).where('user_id', '=', userId(0)).execute();
    await pass(ladderCatalog(CHANGED));
    expect(fake.dmsTo(userId(0))).toHaveLength(0);
    await assess(ladderCatalog(LADDER_BEFORE), 2);
    // Person 2 assessed with versions; the skill then leaves the catalog: nothing left to re-assess, no DM.
    await pass({ skills: [], byId: new Map() } satisfies Catalog);
    expect(fake.dmsTo(userId(2))).toHaveLength(0);
  });

  it('the assessed role removed from the skill: no DM and no mark (nothing to re-assess against)', async () => {
    const { assessment } = await assess(ladderCatalog(LADDER_BEFORE), 0);
    const noDev = ladderCatalog({ ...CHANGED, withoutDev: true });
    await pass(noDev);
    expect(fake.dmsTo(userId(0))).toHaveLength(0);
    expect(await notices()).toHaveLength(0);
    expect(assessedAgainstOlderText(noDev, assessment)).toBe(false);
  });

  it('a permanent Slack error: the delivery is dead with its reason, and the notice is never sent again', async () => {
    await assess(ladderCatalog(LADDER_BEFORE), 0);
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const after = ladderCatalog(CHANGED);
    await pass(after);
    await pass(after);
    expect(fake.dmsTo(userId(0))).toHaveLength(0);
    expect((await notices()).map((n) => n.status)).toEqual(['queued']);
    const deliveries = await database.db.selectFrom('checkin_deliveries').select(['kind', 'status', 'last_error']).execute();
    expect(deliveries).toEqual([{ kind: 'ladder_change', status: 'dead', last_error: expect.stringContaining('channel_not_found') }]);
  });

  it('an unclear answer from Slack (HTTP 500): retried as the outbox does, looked for in the DM first, and sent once', async () => {
    await assess(ladderCatalog(LADDER_BEFORE), 0);
    fake.failNext('chat.postMessage', { status: 500 });
    const after = ladderCatalog(CHANGED);
    const first = await pass(after);
    expect(first.sent).toBe(0);
    // The retry waits a few seconds; bring it forward instead of sleeping.
    await database.db.updateTable('checkin_deliveries').set({ run_after: new Date(Date.now() - 1000) }).execute();
    expect((await pass(after)).sent).toBe(1);
    expect(await pass(after)).toMatchObject({ sent: 0, claimed: 0 });
    expect(fake.dmsTo(userId(0))).toHaveLength(1);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);
  });
});
