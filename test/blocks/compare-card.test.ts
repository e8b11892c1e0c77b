import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock, StaticSelect } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCommandReply, isCatalogIntent } from '../../src/blocks/command-reply.js';
import { buildCompareCard } from '../../src/blocks/compare-card.js';
import { decodeCompareRef, encodeCompareRef, type CompareRef } from '../../src/blocks/compare-ref.js';
import { changesBetween, renderRuns, wordsOf } from '../../src/blocks/marked-diff.js';
import { buildLevelCard, buildSkillOverview } from '../../src/blocks/skill-cards.js';
import type { Skill } from '../../src/catalog/schema.js';
import { parseSkillCommand } from '../../src/command/parse-skill-command.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import { localize } from '../../src/i18n/format.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';

const catalog = await shippedCatalog();
const nats = catalog.byId.get('nats')!;

const sections = (blocks: KnownBlock[]) => blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '');
const contexts = (blocks: KnownBlock[]) => blocks.filter((b): b is ContextBlock => b.type === 'context').flatMap((b) => b.elements.map((e) => ('text' in e ? e.text : '')));
const actions = (blocks: KnownBlock[]) => blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements);
const buttons = (blocks: KnownBlock[]) => actions(blocks).filter((e): e is Button => e.type === 'button');
const headerOf = (blocks: KnownBlock[]) => (blocks[0] as HeaderBlock).text.text;

const LOOKALIKES: Record<string, string> = { '\u2217': '*', '\uFF3F': '_', '\u223C': '~', '\u02CB': '`' };
const unescape = (text: string) =>
  text
    .replace(/[\u2217\uFF3F\u223C\u02CB]/g, (char) => LOOKALIKES[char]!)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Reads a marked line back as a person would: ~struck~ runs are the old text only, *bold* runs the new text only,
 * the rest both. Throws if a marker is left open (formatting that would break in Slack).
 */
function readMarked(line: string): { older: string[]; newer: string[] } {
  const older: string[] = [];
  const newer: string[] = [];
  let rest = line;
  while (rest !== '') {
    const run = /^(~[^~]+~|\*[^*]+\*|[^*~]+)/.exec(rest);
    if (!run) throw new Error(`unbalanced marker in ${JSON.stringify(line)} at ${JSON.stringify(rest)}`);
    const text = run[1]!;
    const words = wordsOf(unescape(text.startsWith('~') || text.startsWith('*') ? text.slice(1, -1) : text));
    if (text.startsWith('~')) older.push(...words);
    else if (text.startsWith('*')) newer.push(...words);
    else {
      older.push(...words);
      newer.push(...words);
    }
    rest = rest.slice(text.length);
  }
  return { older, newer };
}

/** The marked line of a pair's section: the last line (first text plain, second marked). */
const markedLineOf = (section: string) => section.split('\n').at(-1)!;

describe('comparison card, every pair of levels × every role × both languages', () => {
  const places = nats.levels.map((_, i) => i + 1);
  for (const locale of SUPPORTED_LOCALES) {
    for (const from of places) {
      for (const to of places) {
        it(`${locale} ${from} → ${to}`, () => {
          for (const role of [undefined, ...nats.roles]) {
            const ref: CompareRef = { kind: 'levels', skill: 'nats', from, to, role: role?.id };
            const card = buildCompareCard({ skill: nats, ref, locale });
            const label = `${encodeCompareRef(ref)} ${locale}`;
            assertValidMessage(card, label);
            const fromLevel = nats.levels[from - 1]!;
            const toLevel = nats.levels[to - 1]!;
            expect(headerOf(card.blocks)).toBe(`NATS / NATS JetStream · ${localize(fromLevel.name, locale)} → ${localize(toLevel.name, locale)}`);
            const roles = role ? [role] : nats.roles;
            const texts = sections(card.blocks);
            expect(texts).toHaveLength(roles.length);
            roles.forEach((r, i) => {
              const older = localize(fromLevel.requirements.find((q) => q.role === r.id)!.text, locale);
              const newer = localize(toLevel.requirements.find((q) => q.role === r.id)!.text, locale);
              expect(texts[i]).toContain(`*${localize(r.name, locale)}*`);
              if (from === to) {
                expect(texts[i]).toContain(older); // one text, unmarked
                expect(texts[i]).not.toMatch(/~|\*[^*\n]*\*\n?$/);
                return;
              }
              // Never loses a word of either text: both can be read back from the marked line.
              expect(readMarked(markedLineOf(texts[i]!))).toEqual({ older: wordsOf(older), newer: wordsOf(newer) });
              expect(texts[i]).toContain(`\n${older}\n`); // the first level's text, plain
            });
            const summaries = contexts(card.blocks).filter((text) => /words?|palabras?|say the same|dicen lo mismo/.test(text));
            if (from === to) expect(contexts(card.blocks).join('\n')).toMatch(/Same level on both sides|El mismo nivel a ambos lados/);
            else expect(summaries).toHaveLength(roles.length);
          }
        });
      }
    }
  }

  it('reads Senior → Lead for Go: Senior plain, the Lead text in bold, the Senior text struck, and a summary', () => {
    const card = buildCompareCard({ skill: nats, ref: { kind: 'levels', skill: 'nats', from: 3, to: 4, role: 'go' }, locale: 'en' });
    const [go] = sections(card.blocks);
    expect(go).toBe(
      [
        '*Backend Developer (Go)*',
        '*Senior* · _Required_',
        'Designs high-throughput NATS/JetStream architectures in Go services. Implements consumer groups, key-value stores, and stream mirroring for resilient event-driven systems. Mentors team on messaging patterns.',
        '*Lead* · _Required_',
        '~Designs high-throughput NATS/JetStream architectures in Go services. Implements consumer groups, key-value stores, and stream mirroring for resilient event-driven systems. Mentors team on messaging patterns.~ *Makes architectural decisions on NATS / NATS JetStream at the product level. Defines standards. Conducts design reviews and determines the technical roadmap.*',
      ].join('\n'),
    );
    expect(contexts(card.blocks)).toContain('From Senior to Lead: 22 words new, 24 words no longer said.');
    expect(contexts(card.blocks)).toContain('*bold*: new at Lead · ~struck~: no longer said at Lead');
    expect(buttons(card.blocks).map((b) => [b.text.text, b.action_id, b.value])).toEqual([
      ['◀ Middle → Senior', 'open_compare:prev', 'nats:2..3:go'],
      ['Lead → Principal ▶', 'open_compare:next', 'nats:4..5:go'],
      ['⇄ Swap', 'open_compare:swap', 'nats:4..3:go'],
      ['Back to Senior', 'open_level:back', 'nats:senior:go'],
      ['Assess myself', 'assess_open', 'nats:senior:go'],
      ['Share in channel', 'share_compare', 'nats:3..4:go'],
    ]);
    const filter = actions(card.blocks).find((e): e is StaticSelect => e.type === 'static_select')!;
    expect(filter.action_id).toBe('filter_compare');
    expect(filter.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['All roles', 'nats:3..4'],
      ['Backend Developer (Elixir)', 'nats:3..4:elixir'],
      ['Backend Developer (Go)', 'nats:3..4:go'],
    ]);
    expect(filter.initial_option?.value).toBe('nats:3..4:go');
  });

  it('marks a reworded sentence word by word: Principal Go → Principal Elixir', () => {
    const card = buildCompareCard({ skill: nats, ref: { kind: 'roles', skill: 'nats', level: 5, roles: ['go', 'elixir'] }, locale: 'en' });
    expect(headerOf(card.blocks)).toBe('NATS / NATS JetStream · Principal: Backend Developer (Go) → Backend Developer (Elixir)');
    const [principal] = sections(card.blocks);
    expect(principal!.startsWith('*Principal*\n*Backend Developer (Go)* · _Required_\n')).toBe(true);
    expect(markedLineOf(principal!)).toBe(
      'Defines NATS / NATS JetStream strategy at ~the~ company level. Evaluates new technologies and approaches. Establishes enterprise standards and reference architectures.',
    );
    expect(contexts(card.blocks)).toContain('Only Backend Developer (Elixir): 0 words · only Backend Developer (Go): 1 word.');
    expect(buttons(card.blocks).map((b) => [b.text.text, b.value])).toEqual([
      ['◀ Lead', 'nats:4:go..elixir'],
      ['⇄ Swap', 'nats:5:elixir..go'],
      ['Back to Principal', 'nats:principal:go'],
      ['Assess myself', 'nats:principal:go'],
      ['Share in channel', 'nats:5:go..elixir'],
    ]);
  });

  it('far apart (Junior vs Principal) steps only as far as the ladder goes; the top has no ▶', () => {
    const card = buildCompareCard({ skill: nats, ref: { kind: 'levels', skill: 'nats', from: 1, to: 5 }, locale: 'es' });
    assertValidMessage(card);
    expect(buttons(card.blocks).map((b) => b.text.text)).toEqual(['⇄ Invertir', 'Volver a Junior', 'Autoevaluarme', 'Compartir en el canal']);
    expect(contexts(card.blocks)).toContain('*Niveles 1 → 5 de 5*');
  });

  it('equal levels: each text once, no marks, a note that nothing changes, and no swap', () => {
    const card = buildCompareCard({ skill: nats, ref: { kind: 'levels', skill: 'nats', from: 2, to: 2 }, locale: 'en' });
    expect(contexts(card.blocks)).toContain('Same level on both sides: Middle does not change.');
    expect(buttons(card.blocks).map((b) => b.text.text)).toEqual(['◀ Junior → Junior', 'Senior → Senior ▶', 'Back to Middle', 'Assess myself', 'Share in channel']);
  });

  it('a role present at only one level says so instead of marking everything new', () => {
    const skill: Skill = { ...nats, levels: nats.levels.map((level) => (level.id === 'senior' ? { ...level, requirements: level.requirements.filter((r) => r.role !== 'elixir') } : level)) };
    for (const [from, to, expected] of [
      [3, 4, 'Only Lead lists this role; Senior has no expectations for it.'],
      [4, 3, 'Only Lead lists this role; Senior has no expectations for it.'],
    ] as const) {
      const card = buildCompareCard({ skill, ref: { kind: 'levels', skill: 'nats', from, to, role: 'elixir' }, locale: 'en' });
      assertValidMessage(card);
      expect(contexts(card.blocks)).toContain(expected);
      expect(sections(card.blocks)[0]).toContain('\n*Senior*\n—');
      expect(sections(card.blocks)[0]).not.toMatch(/~/);
    }
  });

  it('shared copies carry no buttons and say who shared them', () => {
    const card = buildCompareCard({ skill: nats, ref: { kind: 'levels', skill: 'nats', from: 3, to: 4 }, locale: 'en', sharedBy: 'U1' });
    expect(actions(card.blocks)).toEqual([]);
    expect(contexts(card.blocks)).toContain('Shared by <@U1>');
  });
});

describe('the level card offers "Compare with…"', () => {
  it('lists every other level, compared from this one, keeping the role', () => {
    const card = buildLevelCard({ skill: nats, levelId: 'senior', roleId: 'go', locale: 'es' });
    const select = actions(card.blocks).find((e): e is StaticSelect => e.type === 'static_select' && e.action_id === 'compare_with')!;
    expect(select.placeholder?.text).toBe('Comparar con…');
    expect(select.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['Junior', 'nats:3..1:go'],
      ['Middle', 'nats:3..2:go'],
      ['Lead', 'nats:3..4:go'],
      ['Principal', 'nats:3..5:go'],
    ]);
  });
});

describe('personal marks on the level card', () => {
  const compareOptions = (card: { blocks: KnownBlock[] }) =>
    actions(card.blocks)
      .filter((e): e is StaticSelect => e.type === 'static_select' && e.action_id === 'compare_with')
      .flatMap((e) => e.options!.map((o) => [o.text.text, o.value]));

  it('says "your level" and "your target" on those cards only, in both languages', () => {
    const marks = { current: 'middle', target: 'lead' };
    expect(contexts(buildLevelCard({ skill: nats, levelId: 'middle', locale: 'en', marks }).blocks)[0]).toBe('*Level 2 of 5* · *Your level*');
    expect(contexts(buildLevelCard({ skill: nats, levelId: 'lead', locale: 'es', marks }).blocks)[0]).toBe('*Nivel 4 de 5* · *Tu objetivo*');
    expect(contexts(buildLevelCard({ skill: nats, levelId: 'senior', locale: 'en', marks }).blocks)[0]).toBe('*Level 3 of 5*');
    const both = { current: 'senior', target: 'senior' };
    expect(contexts(buildLevelCard({ skill: nats, levelId: 'senior', locale: 'en', marks: both }).blocks)[0]).toBe('*Level 3 of 5* · *Your level · Your target*');
  });

  it('"Compare with…" starts from current against target, without a duplicate value on the current level\'s card', () => {
    const marks = { current: 'middle', target: 'lead' };
    expect(compareOptions(buildLevelCard({ skill: nats, levelId: 'senior', roleId: 'go', locale: 'en', marks }))).toEqual([
      ['Your level → your target: Middle → Lead', 'nats:2..4:go'],
      ['Junior', 'nats:3..1:go'],
      ['Middle', 'nats:3..2:go'],
      ['Lead', 'nats:3..4:go'],
      ['Principal', 'nats:3..5:go'],
    ]);
    const onCurrent = compareOptions(buildLevelCard({ skill: nats, levelId: 'middle', locale: 'es', marks }));
    expect(onCurrent).toEqual([
      ['Tu nivel → tu objetivo: Middle → Lead', 'nats:2..4'],
      ['Junior', 'nats:2..1'],
      ['Senior', 'nats:2..3'],
      ['Principal', 'nats:2..5'],
    ]);
    assertValidMessage(buildLevelCard({ skill: nats, levelId: 'middle', locale: 'es', marks }));
  });

  it('the overview marks both levels on the ladder', () => {
    const overview = buildSkillOverview({ skill: nats, locale: 'es', marks: { current: 'middle', target: 'lead' } });
    const ladder = sections(overview.blocks).filter((text) => /^\*\d\./.test(text));
    expect(ladder.map((line) => line.split('\n')[0])).toEqual(['*1. Junior*', '*2. Middle* · _Tu nivel_', '*3. Senior*', '*4. Lead* · _Tu objetivo_', '*5. Principal*']);
    assertValidMessage(overview);
  });

  it('ignores marks that no longer fit the catalog, and never shows them on a shared card', () => {
    const stale = { current: 'wizard', target: 'lead' };
    expect(compareOptions(buildLevelCard({ skill: nats, levelId: 'senior', locale: 'en', marks: stale }))[0]).toEqual(['Junior', 'nats:3..1']);
    const shared = buildLevelCard({ skill: nats, levelId: 'middle', locale: 'en', marks: { current: 'middle', target: 'lead' }, sharedBy: 'U1' });
    expect(JSON.stringify(shared)).not.toMatch(/Your level|Your target/);
  });
});

describe('marking in mrkdwn', () => {
  it('escapes &, <, > and neutralises *, _, ~ and ` so they never pair with a marker', () => {
    const runs = changesBetween('Uses <!channel> & *bold* team_practices', 'Uses <!channel> & ~strike~ `code` a*b a_b');
    const line = renderRuns(runs, 3000);
    expect(line).toBe('Uses &lt;!channel&gt; &amp; ~\u2217bold\u2217 team\uFF3Fpractices~ *\u223Cstrike\u223C \u02CBcode\u02CB a\u2217b a\uFF3Fb*');
    expect(readMarked(line)).toEqual({ older: wordsOf('Uses <!channel> & *bold* team_practices'), newer: wordsOf('Uses <!channel> & ~strike~ `code` a*b a_b') });
  });

  it('never opens a marker on whitespace, and closes any marker before a cut', () => {
    const runs = changesBetween('  one  two   three four five ', 'one six   three four  five seven eight nine');
    expect(renderRuns(runs, 3000)).toBe('one ~two~ *six* three four five *seven eight nine*');
    expect(renderRuns(runs, 41)).toBe('one ~two~ *six* three four five *seven* …');
    expect(renderRuns(runs, 40)).toBe('one ~two~ *six* three four five …');
    expect(renderRuns(runs, 20)).toBe('one ~two~ *six* …');
    expect(renderRuns(runs, 5)).toBe('one …');
  });

  it('two long texts with nothing in common are shown whole (removed, then added), quickly, losing no word', () => {
    const older = Array.from({ length: 1200 }, (_, i) => `old${i}`).join(' ');
    const newer = Array.from({ length: 1200 }, (_, i) => `new${i}`).join(' ');
    const started = performance.now();
    const runs = changesBetween(older, newer);
    expect(performance.now() - started).toBeLessThan(500);
    expect(runs.map((run) => [run.kind, run.words.length])).toEqual([
      ['removed', 1200],
      ['added', 1200],
    ]);
    expect(readMarked(renderRuns(runs, 100_000))).toEqual({ older: wordsOf(older), newer: wordsOf(newer) });
  });

  it('property: any two texts can be read back word for word from the marked line, and a cut line stays balanced', () => {
    const word = fc.stringMatching(/^[a-z*_~`<>&.,()/-]{1,8}$/);
    const text = fc.array(word, { maxLength: 40 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 1, max: 400 }), (older, newer, max) => {
        const runs = changesBetween(older, newer);
        expect(readMarked(renderRuns(runs, 100_000))).toEqual({ older: wordsOf(older), newer: wordsOf(newer) });
        const cut = renderRuns(runs, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        readMarked(cut.replace(/ …$/, '')); // throws on an unbalanced marker
      }),
      { numRuns: 300 },
    );
  });

  it('property: any catalog text, of any length, gives a valid comparison in both languages', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6000 }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(text, text, fc.constantFrom(...SUPPORTED_LOCALES), (a, b, locale) => {
        const skill: Skill = {
          ...nats,
          levels: nats.levels.map((level, i) => ({ ...level, requirements: level.requirements.map((r) => ({ ...r, text: i % 2 === 0 ? a : b })) })),
        };
        assertValidMessage(buildCompareCard({ skill, ref: { kind: 'levels', skill: 'nats', from: 1, to: 2 }, locale }));
        assertValidMessage(buildCompareCard({ skill, ref: { kind: 'roles', skill: 'nats', level: 2, roles: ['elixir', 'go'] }, locale }));
      }),
      { numRuns: 40 },
    );
  });

  it('stays valid for the largest ladder the schema allows: 20 levels × 20 roles of 5,000-character texts', () => {
    const roles = Array.from({ length: 20 }, (_, i) => ({ id: `role-${String(i).padStart(2, '0')}-${'r'.repeat(16)}`, name: `Backend Developer number ${i} ${'r'.repeat(60)}`, aliases: [] }));
    const levels = Array.from({ length: 20 }, (_, l) => ({
      id: `level-${String(l).padStart(2, '0')}-${'l'.repeat(15)}`,
      name: `Level ${l} ${'n'.repeat(80)}`,
      aliases: [],
      requirements: roles.map((role, r) => ({ role: role.id, required: r % 2 === 0, text: `${`word${l} & <b> *x* `.repeat(250)}for ${role.id}.` })),
    }));
    const big: Skill = { ...nats, id: 'a-skill-id-of-24-chars-x', roles, levels };
    for (const locale of SUPPORTED_LOCALES) {
      for (const ref of [
        { kind: 'levels', skill: big.id, from: 1, to: 20 },
        { kind: 'levels', skill: big.id, from: 19, to: 20, role: roles[19]!.id },
        { kind: 'levels', skill: big.id, from: 7, to: 7 },
        { kind: 'roles', skill: big.id, level: 10, roles: [roles[0]!.id, roles[19]!.id] },
      ] satisfies CompareRef[]) {
        const card = buildCompareCard({ skill: big, ref, locale });
        assertValidMessage(card, `${encodeCompareRef(ref)} ${locale}`);
        for (const section of sections(card.blocks)) readMarked(markedLineOf(section).replace(/ …$/, ''));
      }
      assertValidMessage(buildLevelCard({ skill: big, levelId: levels[0]!.id, roleId: roles[19]!.id, locale }));
    }
  });
});

describe('comparison references', () => {
  it('round-trip, and refuse anything else', () => {
    for (const ref of [
      { kind: 'levels', skill: 'nats', from: 3, to: 4, role: undefined },
      { kind: 'levels', skill: 'nats', from: 20, to: 1, role: 'go' },
      { kind: 'roles', skill: 'nats', level: 3, roles: ['go', 'elixir'] },
    ] satisfies CompareRef[]) {
      expect(decodeCompareRef(encodeCompareRef(ref))).toEqual(ref);
    }
    for (const bad of ['', 'nats', 'nats:senior', 'nats:0..1', 'nats:3..4:GO', 'nats:3:go', 'nats:3..4:go:x', 42, null, `nats:3..4:${'g'.repeat(30)}`]) {
      expect(decodeCompareRef(bad)).toBeUndefined();
    }
  });

  it('the command replies build the same card as the buttons', () => {
    const intent = parseSkillCommand('nats senior vs lead go', catalog);
    if (!isCatalogIntent(intent)) throw new Error('unexpected');
    expect(buildCommandReply(intent, catalog, 'en')).toEqual(buildCompareCard({ skill: nats, ref: { kind: 'levels', skill: 'nats', from: 3, to: 4, role: 'go' }, locale: 'en' }));
  });
});
