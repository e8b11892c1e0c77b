import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock, StaticSelect } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCommandReply, isCatalogIntent } from '../../src/blocks/command-reply.js';
import { buildLevelCard, buildSkillOverview } from '../../src/blocks/skill-cards.js';
import { localize } from '../../src/i18n/format.js';
import { parseSkillCommand } from '../../src/command/parse-skill-command.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/config.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';

const catalog = await shippedCatalog();
const nats = catalog.byId.get('nats')!;

/** The reply to typed text, as the command listener builds it for catalog intents. */
function replyTo(text: string, locale: Locale = 'en') {
  const intent = parseSkillCommand(text, catalog);
  if (!isCatalogIntent(intent)) throw new Error(`"${text}" reads stored data`);
  return buildCommandReply(intent, catalog, locale);
}

const texts = (blocks: KnownBlock[]) =>
  blocks
    .flatMap((b) => {
      if (b.type === 'header') return [(b as HeaderBlock).text.text];
      if (b.type === 'section') return [(b as SectionBlock).text?.text ?? ''];
      if (b.type === 'context') return (b as ContextBlock).elements.map((e) => ('text' in e ? e.text : ''));
      return [];
    })
    .join('\n');
const actions = (blocks: KnownBlock[]) => blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements);
const buttons = (blocks: KnownBlock[]) => actions(blocks).filter((e): e is Button => e.type === 'button');

describe('level card', () => {
  const card = buildLevelCard({ skill: nats, levelId: 'senior', locale: 'en' });

  it('shows the skill and level, where it sits on the ladder, and the profile metadata', () => {
    expect((card.blocks[0] as HeaderBlock).text.text).toBe('NATS / NATS JetStream · Senior');
    const all = texts(card.blocks);
    expect(all).toContain('Level 3 of 5');
    expect(all).toContain('Backend Development');
    expect(all).toContain('Message Queues &amp; Event Streaming');
    expect(all).toContain('Updated 17 Mar 2026');
  });

  it('shows what Senior expects for each role, then what Lead adds', () => {
    const all = texts(card.blocks);
    const expects = all.indexOf('What Senior expects');
    const toReach = all.indexOf('To reach Lead');
    expect(expects).toBeGreaterThan(-1);
    expect(toReach).toBeGreaterThan(expects);
    for (const role of nats.roles) {
      const senior = nats.levels[2]!.requirements.find((r) => r.role === role.id)!;
      const lead = nats.levels[3]!.requirements.find((r) => r.role === role.id)!;
      expect(all.indexOf(localize(senior.text, 'en'))).toBeGreaterThan(expects);
      expect(all.indexOf(localize(senior.text, 'en'))).toBeLessThan(toReach);
      expect(all.indexOf(localize(lead.text, 'en'))).toBeGreaterThan(toReach);
    }
    expect(all.match(/Required/g)).toHaveLength(4);
  });

  it('has ◀ Middle and Lead ▶ buttons pointing at those cards, a role filter, assess and share', () => {
    const labels = buttons(card.blocks).map((b) => [b.text.text, b.value]);
    expect(labels).toEqual([
      ['◀ Middle', 'nats:middle'],
      ['Lead ▶', 'nats:lead'],
      ['Assess myself', 'nats:senior'],
      ['Share in channel', 'nats:senior'],
    ]);
    const select = actions(card.blocks).find((e): e is StaticSelect => e.type === 'static_select')!;
    expect(select.options!.map((o) => o.text.text)).toEqual(['All roles', 'Backend Developer (Elixir)', 'Backend Developer (Go)']);
    expect(card.text).toBe('NATS / NATS JetStream: what Senior expects, and what the next level adds');
  });

  it('handles the bottom and top of the ladder', () => {
    const junior = buildLevelCard({ skill: nats, levelId: 'junior', locale: 'en' });
    expect(buttons(junior.blocks).map((b) => b.text.text)).toEqual(['Middle ▶', 'Assess myself', 'Share in channel']);
    expect(texts(junior.blocks)).toContain('Junior is where this ladder starts.');
    const principal = buildLevelCard({ skill: nats, levelId: 'principal', locale: 'en' });
    expect(buttons(principal.blocks).map((b) => b.text.text)).toEqual(['◀ Lead', 'Assess myself', 'Share in channel']);
    expect(texts(principal.blocks)).toContain('Principal is the top of this ladder');
    expect(texts(principal.blocks)).not.toContain('To reach');
  });

  it('filters to one role, keeping the filter in the navigation', () => {
    const go = buildLevelCard({ skill: nats, levelId: 'senior', roleId: 'go', locale: 'en' });
    const all = texts(go.blocks);
    expect(all).toContain('Backend Developer (Go)');
    expect(all).not.toContain('Backend Developer (Elixir)');
    expect(buttons(go.blocks).map((b) => b.value)).toEqual(['nats:middle:go', 'nats:lead:go', 'nats:senior:go', 'nats:senior:go']);
    const select = actions(go.blocks).find((e): e is StaticSelect => e.type === 'static_select')!;
    expect(select.initial_option?.text.text).toBe('Backend Developer (Go)');
  });

  it('speaks Spanish, with the date in Spanish', () => {
    const es = buildLevelCard({ skill: nats, levelId: 'senior', locale: 'es' });
    const all = texts(es.blocks);
    expect(all).toContain('Nivel 3 de 5');
    expect(all).toContain('Qué se espera de Senior');
    expect(all).toContain('Para llegar a Lead');
    expect(all).toContain('Actualizado el 17 mar 2026');
    expect(all).toContain('Obligatorio');
    expect(buttons(es.blocks).map((b) => b.text.text)).toContain('Autoevaluarme');
  });

  it('when shared: attributed to the sharer and without buttons', () => {
    const shared = buildLevelCard({ skill: nats, levelId: 'senior', locale: 'en', sharedBy: 'U123' });
    expect(actions(shared.blocks)).toEqual([]);
    expect(texts(shared.blocks)).toContain('Shared by <@U123>');
  });
});

describe('overview', () => {
  it('shows summary, roles, and the 5-level ladder with a gist and a button each', () => {
    const overview = buildSkillOverview({ skill: nats, locale: 'en' });
    const all = texts(overview.blocks);
    expect(all).toContain('Pub/sub, request/reply');
    expect(all).toContain('Backend Developer (Elixir), Backend Developer (Go)');
    expect(all).toContain('*1. Junior*\n• _Backend Developer (Elixir)_: Uses NATS / NATS JetStream at a basic level.\n• _Backend Developer (Go)_: Uses NATS / NATS JetStream at a basic level with gin/echo/fiber.');
    const levelButtons = overview.blocks
      .filter((b): b is SectionBlock => b.type === 'section' && (b as SectionBlock).accessory?.type === 'button')
      .map((b) => (b.accessory as Button).value);
    expect(levelButtons).toEqual(['nats:junior', 'nats:middle', 'nats:senior', 'nats:lead', 'nats:principal']);
  });
});

describe('overview gist per level', () => {
  it('is not one role’s text: Senior shows the Elixir and the Go headline, each with its role', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const senior = buildSkillOverview({ skill: nats, locale })
        .blocks.filter((b): b is SectionBlock => b.type === 'section')
        .map((b) => b.text?.text ?? '')
        .find((text) => text.startsWith('*3. Senior*'))!;
      expect(senior).toContain('_Backend Developer (Elixir)_: Designs NATS JetStream-based messaging for Elixir microservices.');
      expect(senior).toContain('_Backend Developer (Go)_: Designs high-throughput NATS/JetStream architectures in Go services.');
    }
  });

  it('is one unlabelled line when every role says the same', () => {
    const same = { ...nats, levels: nats.levels.map((level) => ({ ...level, requirements: level.requirements.map((r) => ({ ...r, text: `Knows ${level.id}. More.` })) })) };
    expect(texts(buildSkillOverview({ skill: same, locale: 'en' }).blocks)).toContain('*3. Senior*: Knows senior.');
  });

  it('stays valid for the largest ladder the schema allows: 20 levels × 20 roles of long text', () => {
    const roles = Array.from({ length: 20 }, (_, i) => ({ id: `role-${i}`, name: `Backend Developer number ${i} ${'r'.repeat(60)}`, aliases: [] }));
    const levels = Array.from({ length: 20 }, (_, l) => ({
      id: `level-${l}`,
      name: `Level ${l}`,
      aliases: [],
      requirements: roles.map((role) => ({ role: role.id, required: true, text: `${'w'.repeat(400)} for ${role.id}. Second sentence.` })),
    }));
    const big = { ...nats, roles, levels };
    for (const locale of SUPPORTED_LOCALES) {
      const overview = buildSkillOverview({ skill: big, locale });
      assertValidMessage(overview, `overview ${locale}`);
      expect(texts(overview.blocks)).toContain(locale === 'en' ? '…and 17 more roles' : '…y 17 roles más');
    }
  });
});

describe('replies to any command text', () => {
  it('echo user text so it cannot ping, link or format', () => {
    for (const text of ['<!channel>', '<@U123> hi', '<http://evil.example|click me>', '*bold* _it_ ~s~ `c`', 'a & b']) {
      const reply = replyTo(text);
      const all = `${reply.text}\n${texts(reply.blocks)}`;
      expect(all).not.toMatch(/<[!@#]|<http/);
      expect(all).not.toMatch(/\*bold\*|_it_|~s~|`c`/);
      assertValidMessage(reply);
    }
    const reply = replyTo('<!channel>');
    expect(reply.text).toBe('I don\'t know the skill “&lt;!channel&gt;”.');
  });

  it('every skill × level × role × locale renders a valid card containing its requirement text', () => {
    for (const skill of catalog.skills) {
      for (const level of skill.levels) {
        for (const roleId of [undefined, ...skill.roles.map((r) => r.id)]) {
          for (const locale of SUPPORTED_LOCALES) {
            const card = buildLevelCard({ skill, levelId: level.id, roleId, locale });
            assertValidMessage(card, `${skill.id} ${level.id} ${roleId ?? '*'} ${locale}`);
            for (const requirement of level.requirements.filter((r) => !roleId || r.role === roleId)) {
              expect(texts(card.blocks)).toContain(localize(requirement.text, locale));
            }
          }
        }
      }
      for (const locale of SUPPORTED_LOCALES) assertValidMessage(buildSkillOverview({ skill, locale }));
    }
  });

  it('random text in either language always gets a valid, non-empty answer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 4000 }), fc.constantFrom(...SUPPORTED_LOCALES), (text, locale) => {
        const intent = parseSkillCommand(text, catalog);
        if (!isCatalogIntent(intent)) return; // answered from stored data, tested end to end
        const reply = buildCommandReply(intent, catalog, locale);
        expect(reply.text.length).toBeGreaterThan(0);
        assertValidMessage(reply);
      }),
      { numRuns: 200 },
    );
  });

  it('help and list are valid and list the catalog', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const help = buildCommandReply({ kind: 'help' }, catalog, locale);
      assertValidMessage(help);
      expect(texts(help.blocks)).toContain('/skill nats senior');
      const list = buildCommandReply({ kind: 'list' }, catalog, locale);
      assertValidMessage(list);
      expect(texts(list.blocks)).toContain('*Backend Development* › Message Queues &amp; Event Streaming');
    }
  });
});
