import type { ActionsBlock, Button, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/query.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';
import { fillAssessment } from '../helpers/view-state.js';
import { pgliteTarget, useTestDatabase } from '../helpers/test-database.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';

interface Reply {
  text?: string;
  blocks?: KnownBlock[];
  response_type?: string;
  replace_original?: boolean;
}
const bodyOf = (post: { body: unknown }) => post.body as Reply;
const headerOf = (reply: Reply) => (reply.blocks?.find((b) => b.type === 'header') as HeaderBlock | undefined)?.text.text;
/** The text people read in sections (not the labels of the role filter's options). */
const sectionText = (reply: Reply) => (reply.blocks ?? []).filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '').join('\n');
const allText = (reply: Reply) => JSON.stringify(reply.blocks ?? []) + (reply.text ?? '');
const buttonLabels = (reply: Reply) =>
  (reply.blocks ?? []).filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements.filter((e): e is Button => e.type === 'button').map((e) => e.text.text));

describe('/skill end to end through Bolt over HTTP', () => {
  const database = useTestDatabase();
  let slack: SlackAppHarness;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database });
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('answers /skill nats senior with an ephemeral level card, and looks up the language once', async () => {
    const { request, reply } = await slack.command('nats senior');
    expect(request.body).toBe(''); // acked at once, the card follows on the response_url
    const card = bodyOf(reply);
    expect(card.response_type).toBe('ephemeral');
    expect(headerOf(card)).toBe('NATS / NATS JetStream · Senior');
    expect(allText(card)).toContain('To reach Lead');
    expect(buttonLabels(card)).toEqual(['◀ Middle', 'Lead ▶', 'Assess myself', 'Share in channel']);
    assertValidMessage(card);
    const lookups = slack.fake.callsTo('users.info');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.args).toMatchObject({ user: USERS.en.id, include_locale: 'true' });
    // Known now: the next card comes in the ack itself, with no lookup.
    const again = await slack.command('nats');
    expect(JSON.parse(again.request.body)).toMatchObject({ response_type: 'ephemeral', text: 'NATS / NATS JetStream: the skill ladder' });
    expect(slack.fake.callsTo('users.info')).toHaveLength(1);
  });

  it('moves to the next level in place, then filters by role', async () => {
    const { reply } = await slack.command('nats senior');
    const next = await slack.click({ blocks: bodyOf(reply).blocks, ts: reply.messageTs }, /^open_level:next$/);
    expect(bodyOf(next.reply!).replace_original).toBe(true);
    expect(next.reply!.outcome).toBe('replaced');
    expect(headerOf(bodyOf(next.reply!))).toBe('NATS / NATS JetStream · Lead');
    expect(allText(bodyOf(next.reply!))).toContain('To reach Principal');
    const filtered = await slack.click({ blocks: bodyOf(next.reply!).blocks, ts: next.reply!.messageTs }, 'filter_role', { optionValue: 'nats:lead:go' });
    const text = sectionText(bodyOf(filtered.reply!));
    expect(text).toContain('Backend Developer (Go)');
    expect(text).not.toContain('Backend Developer (Elixir)');
    const back = await slack.click({ blocks: bodyOf(filtered.reply!).blocks }, /^open_level:prev$/);
    expect(headerOf(bodyOf(back.reply!))).toBe('NATS / NATS JetStream · Senior');
    expect(sectionText(bodyOf(back.reply!))).not.toContain('Backend Developer (Elixir)');
  });

  it('shares a card visibly in the channel, attributed to the sharer, keeping the ephemeral one', async () => {
    const { reply } = await slack.command('nats sr go');
    const shared = await slack.click({ blocks: bodyOf(reply).blocks }, 'share_card');
    expect(shared.reply!.outcome).toBe('in_channel');
    const card = bodyOf(shared.reply!);
    expect(card.response_type).toBe('in_channel');
    expect(card.replace_original).toBe(false);
    expect(allText(card)).toContain(`Shared by <@${USERS.en.id}>`);
    expect(buttonLabels(card)).toEqual([]);
    expect(slack.fake.messagesIn('C0GENERAL').map((m) => m.via)).toEqual(['response_url']);
  });

  it('shows the overview with a button per level that opens that card', async () => {
    const { reply } = await slack.command('NATS');
    const overview = bodyOf(reply);
    expect(headerOf(overview)).toBe('NATS / NATS JetStream');
    const levelButtons = (overview.blocks ?? []).filter((b): b is SectionBlock => b.type === 'section' && (b as SectionBlock).accessory?.type === 'button');
    expect(levelButtons).toHaveLength(5);
    const opened = await slack.click({ blocks: overview.blocks }, 'open_level', { value: 'nats:principal' });
    expect(headerOf(bodyOf(opened.reply!))).toBe('NATS / NATS JetStream · Principal');
    expect(allText(bodyOf(opened.reply!))).toContain('is the top of this ladder');
  });

  it('answers a Spanish user in Spanish, and a French user in English', async () => {
    const es = await slack.command('nats semi-senior', { user: USERS.es });
    const card = bodyOf(es.reply);
    expect(headerOf(card)).toBe('NATS / NATS JetStream · Middle');
    expect(allText(card)).toContain('Nivel 2 de 5');
    expect(allText(card)).toContain('Para llegar a Senior');
    expect(buttonLabels(card)).toContain('Compartir en el canal');
    const fr = await slack.command('help', { user: USERS.fr });
    expect(allText(bodyOf(fr.reply))).toContain('How to use it');
  });

  it('suggests the skill for a typo, with a button that opens it', async () => {
    const { reply } = await slack.command('nast senior');
    const answer = bodyOf(reply);
    expect(answer.text).toBe('I don\'t know the skill “nast”.');
    expect(buttonLabels(answer)).toEqual(['NATS / NATS JetStream']);
    const opened = await slack.click({ blocks: answer.blocks }, /^open_skill/);
    expect(headerOf(bodyOf(opened.reply!))).toBe('NATS / NATS JetStream');
  });

  it('answers help, list, empty text, unknown level and role, injection and 4,000 random characters clearly', async () => {
    const random = Array.from({ length: 4000 }, (_, i) => String.fromCodePoint(0x20 + ((i * 7919) % 0x2fff))).join('');
    for (const [text, expected] of [
      ['', 'How to use it'],
      ['help', 'How to use it'],
      ['list', 'Skill catalog'],
      ['nats wizard', 'is not a level of NATS / NATS JetStream'],
      ['nats senior rust', 'is not a role in NATS / NATS JetStream'],
      ['<!channel> <@U1> *boom*', '&lt;!channel&gt;'],
      [random, "I don't know the skill"],
    ] as const) {
      const { reply } = await slack.command(text);
      const answer = bodyOf(reply);
      expect(allText(answer)).toContain(expected);
      expect(allText(answer)).not.toContain('<!channel>');
      assertValidMessage(answer, `reply to ${text.slice(0, 20)}`);
    }
  });

  it('answers text longer than any message (40,000+ characters) like any other unknown word, not with "something went wrong"', async () => {
    for (const text of ['x'.repeat(40_001), `kafka ${'wat '.repeat(15_000)}`]) {
      const { request, reply } = await slack.command(text);
      expect(request.status).toBe(200);
      const answer = bodyOf(reply);
      expect(allText(answer)).toContain("I don't know the skill");
      expect(allText(answer)).not.toContain('Something went wrong');
      assertValidMessage(answer, `reply to ${text.length} characters`);
    }
    expect(slack.logs.join('')).not.toContain('unexpected command payload');
  });

  it('refuses a forged signature and a stale timestamp with 401, and does nothing', async () => {
    const repliesBefore = slack.fake.responses.length;
    const body = new URLSearchParams({ command: '/skill', text: 'nats', team_id: 'T1', user_id: 'U1', response_url: slack.fake.createResponseUrl() }).toString();
    const forged = await slack.post(body, 'application/x-www-form-urlencoded', { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await slack.post(body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(`${slack.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(unsigned.status).toBe(401);
    // Bolt routes by path alone, so a query string must not slip past the check either.
    const withQuery = await fetch(`${slack.baseUrl}/slack/events?retry=1`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(withQuery.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.fake.responses).toHaveLength(repliesBefore);
  });

  it("answers Slack's unsigned SSL check, and nothing riding along on it reaches the app", async () => {
    const repliesBefore = slack.fake.responses.length;
    const smuggled = new URLSearchParams({ ssl_check: '1', command: '/skill', text: 'nats', team_id: TEAM, user_id: USERS.en.id, response_url: slack.fake.createResponseUrl() });
    const check = await fetch(`${slack.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: smuggled.toString() });
    expect(check.status).toBe(200);
    expect(await check.text()).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.fake.responses).toHaveLength(repliesBefore);
  });

  it('compares levels from the command, in either language, and steps, swaps and filters in place', async () => {
    const { reply } = await slack.command('nats senior vs lead');
    const card = bodyOf(reply);
    expect(card.response_type).toBe('ephemeral');
    expect(headerOf(card)).toBe('NATS / NATS JetStream · Senior → Lead');
    expect(sectionText(card)).toContain('*Lead* · _Required_\n~Designs high-throughput');
    expect(allText(card)).toContain('From Senior to Lead:');
    expect(buttonLabels(card)).toEqual(['◀ Middle → Senior', 'Lead → Principal ▶', '⇄ Swap', 'Back to Senior', 'Assess myself', 'Share in channel']);
    assertValidMessage(card);

    const next = await slack.click({ blocks: card.blocks, ts: reply.messageTs }, 'open_compare:next');
    expect(next.reply!.outcome).toBe('replaced');
    expect(headerOf(bodyOf(next.reply!))).toBe('NATS / NATS JetStream · Lead → Principal');
    const swapped = await slack.click({ blocks: bodyOf(next.reply!).blocks, ts: next.reply!.messageTs }, 'open_compare:swap');
    expect(headerOf(bodyOf(swapped.reply!))).toBe('NATS / NATS JetStream · Principal → Lead');
    const filtered = await slack.click({ blocks: bodyOf(swapped.reply!).blocks, ts: swapped.reply!.messageTs }, 'filter_compare', { optionValue: 'nats:5..4:go' });
    expect(sectionText(bodyOf(filtered.reply!))).toContain('Backend Developer (Go)');
    expect(sectionText(bodyOf(filtered.reply!))).not.toContain('Backend Developer (Elixir)');
    const back = await slack.click({ blocks: bodyOf(filtered.reply!).blocks, ts: filtered.reply!.messageTs }, 'open_level:back');
    expect(back.reply!.outcome).toBe('replaced');
    expect(headerOf(bodyOf(back.reply!))).toBe('NATS / NATS JetStream · Principal');
    expect(sectionText(bodyOf(back.reply!))).not.toContain('Backend Developer (Elixir)');

    const es = await slack.command('nats comparar senior líder go', { user: USERS.es });
    expect(headerOf(bodyOf(es.reply))).toBe('NATS / NATS JetStream · Senior → Lead');
    expect(allText(bodyOf(es.reply))).toContain('De Senior a Lead:');
    expect(buttonLabels(bodyOf(es.reply))).toContain('⇄ Invertir');
  });

  it('compares two roles at one level, and a typo in a comparison gets the usual suggestion', async () => {
    const { reply } = await slack.command('nats senior go vs elixir');
    expect(headerOf(bodyOf(reply))).toBe('NATS / NATS JetStream · Senior: Backend Developer (Go) → Backend Developer (Elixir)');
    expect(allText(bodyOf(reply))).toContain('Only Backend Developer (Elixir):');
    assertValidMessage(bodyOf(reply));
    const typo = await slack.command('nats senior vs laed');
    expect(bodyOf(typo.reply).text).toBe('“laed” is not a level of NATS / NATS JetStream.');
    expect(buttonLabels(bodyOf(typo.reply))).toEqual(['Lead']);
  });

  it('opens a comparison in place from the level card\'s "Compare with…", and shares it in the channel', async () => {
    const { reply } = await slack.command('nats middle');
    const compared = await slack.click({ blocks: bodyOf(reply).blocks, ts: reply.messageTs }, 'compare_with', { optionValue: 'nats:2..5' });
    expect(compared.reply!.outcome).toBe('replaced');
    expect(headerOf(bodyOf(compared.reply!))).toBe('NATS / NATS JetStream · Middle → Principal');
    assertValidMessage(bodyOf(compared.reply!));
    const before = slack.fake.messagesIn('C0GENERAL').length;
    const shared = await slack.click({ blocks: bodyOf(compared.reply!).blocks }, 'share_compare');
    expect(shared.reply!.outcome).toBe('in_channel');
    const copy = bodyOf(shared.reply!);
    expect(copy.replace_original).toBe(false);
    expect(headerOf(copy)).toBe('NATS / NATS JetStream · Middle → Principal');
    expect(allText(copy)).toContain(`Shared by <@${USERS.en.id}>`);
    expect(buttonLabels(copy)).toEqual([]);
    expect(slack.fake.messagesIn('C0GENERAL')).toHaveLength(before + 1);
  });

  it('answers a stale or forged comparison value with a fresh-card hint, not a crash', async () => {
    const { reply } = await slack.command('nats senior vs lead');
    for (const value of ['nats:3..9', 'nats:3..4:rust', 'kafka:1..2', '<!channel>']) {
      const answer = await slack.click({ blocks: bodyOf(reply).blocks }, 'open_compare:swap', { value });
      expect(answer.reply!.outcome).not.toBe('replaced');
      expect(bodyOf(answer.reply!).text).toBe('That button is out of date. Run `/skill` again to get a fresh card.');
    }
    expect(slack.logs.join('')).toContain('compare action: stale or forged value');
  });

  it('"Assess myself" on a comparison opens the assessment with the compared role', async () => {
    const { reply } = await slack.command('nats senior vs lead go');
    await slack.click({ blocks: bodyOf(reply).blocks }, 'assess_open', { expectReply: false });
    const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal'), 'the assessment modal');
    // The role select starts on the compared role (Elixir is the first role, so ask for Go to make this visible).
    expect(JSON.stringify(modal.blocks)).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"Backend Developer \(Go\)"/);
  });

  it('still answers, in the default language, when Slack fails to tell us the locale', async () => {
    slack.deps.profiles.delete(TEAM, USERS.es.id); // earlier tests taught the app her language
    slack.fake.failNext('users.info', { error: 'internal_error' });
    const { reply } = await slack.command('nats 3', { user: USERS.es });
    expect(headerOf(bodyOf(reply))).toBe('NATS / NATS JetStream · Senior');
    expect(allText(bodyOf(reply))).toContain('Level 3 of 5');
    expect(slack.logs.join('')).toMatch(/users\.info failed.*U0SPANISH/);
  });

  it('/skill assess with no skill opens the only skill in the catalog', async () => {
    const before = slack.fake.responses.length;
    const request = await slack.commandOnly('assess');
    expect(request.status).toBe(200);
    const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal'), 'the assessment modal');
    expect(JSON.parse(String(modal.private_metadata))).toEqual({ skill: 'nats' });
    expect(slack.fake.responses.slice(before)).toEqual([]); // no help, no other reply: the modal is the answer
  });

  it('once the person has assessed themselves, the overview and level cards mark their level and target, and "Compare with…" starts there', async () => {
    const user = USERS.fr; // answered in English; no other test here assesses this person
    const before = await slack.command('nats middle', { user });
    expect(allText(bodyOf(before.reply))).not.toContain('Your level');
    expect(await slack.commandOnly('assess nats', { user })).toMatchObject({ status: 200 });
    const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === user.id && JSON.stringify(v.blocks).includes('"input"')), 'the filled-in modal');
    const saved = await slack.submit(modal, fillAssessment(slack.deps.catalog.byId.get('nats')!, { current: 'middle', target: 'lead' }), { user });
    expect(saved.status).toBe(200);

    const { reply } = await slack.command('nats middle', { user });
    const card = bodyOf(reply);
    expect(allText(card)).toContain('*Level 2 of 5* · *Your level*');
    const compareWith = (card.blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b as ActionsBlock).elements : [])).find((e) => e.action_id === 'compare_with') as { options: { text: { text: string }; value: string }[] };
    expect(compareWith.options.map((o) => [o.text.text, o.value])).toEqual([
      ['Your level → your target: Middle → Lead', 'nats:2..4'],
      ['Junior', 'nats:2..1'],
      ['Senior', 'nats:2..3'],
      ['Principal', 'nats:2..5'],
    ]);
    assertValidMessage(card);
    const overview = await slack.command('nats', { user });
    expect(sectionText(bodyOf(overview.reply))).toContain('*2. Middle* · _Your level_');
    expect(sectionText(bodyOf(overview.reply))).toContain('*4. Lead* · _Your target_');
    const path = await slack.click({ blocks: card.blocks, ts: reply.messageTs }, 'compare_with', { user, optionValue: 'nats:2..4' });
    expect(headerOf(bodyOf(path.reply!))).toBe('NATS / NATS JetStream · Middle → Lead');

    const next = await slack.click({ blocks: card.blocks, ts: reply.messageTs }, /^open_level:next$/, { user, value: 'nats:lead' });
    expect(allText(bodyOf(next.reply!))).toContain('*Level 4 of 5* · *Your target*');
    const shared = await slack.click({ blocks: bodyOf(next.reply!).blocks }, 'share_card', { user });
    expect(allText(bodyOf(shared.reply!))).not.toContain('Your target'); // a shared card keeps the sharer's levels private
  });

  it('GET /healthz answers 200 when the database answers', async () => {
    const response = await fetch(`${slack.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up', slack: 'ok' });
  });
});

describe('/skill assess with several skills in the catalog', () => {
  it('asks which skill, with an Assess button each, and the button opens that skill', async () => {
    const nats = (await shippedCatalog()).byId.get('nats')!;
    const catalog = buildCatalog([nats, { ...nats, id: 'kafka', name: { en: 'Apache Kafka', es: 'Apache Kafka' }, aliases: [] }]);
    const database = await pgliteTarget().create();
    const slack = await startSlackAppHarness({ database, catalog });
    try {
      const { reply } = await slack.command('evaluar', { user: USERS.es });
      const picker = bodyOf(reply);
      expect(picker.text).toBe('¿Qué habilidad quieres evaluar?');
      assertValidMessage(picker);
      const assess = (picker.blocks ?? []).flatMap((b) => ((b as SectionBlock).accessory?.type === 'button' ? [(b as SectionBlock).accessory as Button] : []));
      expect(assess.map((b) => [b.text.text, b.value])).toEqual([
        ['Evaluarme', 'kafka'],
        ['Evaluarme', 'nats'],
      ]);
      await slack.click({ blocks: picker.blocks }, 'assess_open', { user: USERS.es, value: 'kafka', expectReply: false });
      const modal = await slack.waitFor(() => slack.fake.openViews().find((v) => v.callback_id === 'assessment_modal'), 'the assessment modal');
      expect(JSON.parse(String(modal.private_metadata))).toEqual({ skill: 'kafka' });
    } finally {
      await slack.close();
      await database.close();
    }
  });
});

describe('/healthz with the database down', () => {
  it('answers 503', async () => {
    const database = await pgliteTarget().create();
    const slack = await startSlackAppHarness({ database });
    try {
      await database.close();
      const response = await fetch(`${slack.baseUrl}/healthz`);
      const text = await response.clone().text();
      expect(response.status, text).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'down', slack: 'ok' });
    } finally {
      await slack.close();
    }
  });
});
