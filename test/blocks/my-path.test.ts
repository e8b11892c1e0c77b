import { describe, expect, it } from 'vitest';
import { buildCheckinMessage } from '../../src/blocks/checkin-message.js';
import { buildHomeView, buildMySkillsMessage, buildSavedConfirmation, type MySkillsInput, type SkillSummary } from '../../src/blocks/my-skills.js';
import { buildMyPathModal, compactPathBlocks, expectationsLeft, pathLine, pathOf, type MyPath, type PathStanding } from '../../src/blocks/my-path.js';
import { buildCatalog } from '../../src/catalog/query.js';
import { skillSchema, type Skill } from '../../src/catalog/schema.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import type { Rating } from '../../src/db/schema.js';
import { ACTION } from '../../src/ids.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';

const nats = (await shippedCatalog()).byId.get('nats')!;

/** A bilingual ladder where the `qa` role has no expectation at Senior, to show that such a level has nothing to cover. */
const bilingual: Skill = skillSchema.parse({
  id: 'testing',
  name: { en: 'Testing', es: 'Pruebas' },
  summary: 's',
  domain: 'd',
  category: 'c',
  updated: '2026-03-17',
  roles: [
    { id: 'dev', name: { en: 'Developer', es: 'Desarrollador' } },
    { id: 'qa', name: { en: 'QA engineer', es: 'Ingeniero de QA' } },
  ],
  levels: [
    ['junior', 'Junior', 'Júnior', 'Writes unit tests for own code.', 'Escribe pruebas unitarias de su código.'],
    ['middle', 'Middle', 'Intermedio', 'Writes unit and integration tests for the team.', 'Escribe pruebas unitarias y de integración del equipo.'],
    ['senior', 'Senior', 'Sénior', 'Designs the test strategy of a service.', 'Diseña la estrategia de pruebas de un servicio.'],
    ['lead', 'Lead', 'Líder', 'Designs the test strategy of the product and mentors others.', 'Diseña la estrategia de pruebas del producto y forma a otros.'],
  ].map(([id, en, es, textEn, textEs]) => ({
    id,
    name: { en, es },
    requirements: [
      { role: 'dev', required: true, text: { en: textEn, es: textEs } },
      ...(id === 'senior' ? [] : [{ role: 'qa', required: false, text: { en: `QA: ${textEn}`, es: `QA: ${textEs}` } }]),
    ],
  })),
});

const standing = (currentLevel: string, targetLevel: string, ratings: Partial<Record<string, Rating>>, roleId = 'go'): PathStanding => ({ roleId, currentLevel, targetLevel, ratings });

const ahead = (path: MyPath) => {
  if (path.kind !== 'ahead') throw new Error(`expected a path ahead, got ${path.kind}`);
  return path;
};

const textOf = (blocks: readonly unknown[]) => JSON.stringify(blocks);

describe('pathOf: which expectations are left between the current level and the target', () => {
  it('lists "not yet" and "partly" at every level from current to target, and the ones never rated above current', () => {
    const path = ahead(pathOf(nats, standing('middle', 'principal', { junior: 'fully', middle: 'partly', senior: 'not_yet', lead: 'fully' })));
    expect(path.steps.map((s) => [s.level.id, s.rating])).toEqual([
      ['middle', 'partly'],
      ['senior', 'not_yet'],
      ['principal', 'unrated'],
    ]);
    expect(path.met.map((level) => level.id)).toEqual(['lead']);
    expect(expectationsLeft(path)).toBe(3);
    // Levels below the current one are not on the path, whatever their rating.
    expect(ahead(pathOf(nats, standing('senior', 'lead', { junior: 'not_yet', senior: 'fully', lead: 'partly' }))).steps.map((s) => s.level.id)).toEqual(['lead']);
  });

  it('does not count the current level when it was never rated: the person chose it as theirs', () => {
    const path = ahead(pathOf(nats, standing('senior', 'lead', { lead: 'not_yet' })));
    expect(path.steps.map((s) => s.level.id)).toEqual(['lead']);
    expect(path.met.map((level) => level.id)).toEqual(['senior']);
  });

  it('skips a level that has no expectation for the role', () => {
    const path = ahead(pathOf(bilingual, standing('middle', 'lead', { middle: 'fully', senior: 'not_yet', lead: 'partly' }, 'qa')));
    expect(path.steps.map((s) => s.level.id)).toEqual(['lead']);
  });

  it('is at the target, beyond it, stale or unassessed without throwing', () => {
    expect(pathOf(nats, standing('lead', 'lead', {})).kind).toBe('at-target');
    expect(pathOf(nats, standing('lead', 'middle', {})).kind).toBe('beyond-target');
    expect(pathOf(nats, standing('wizard', 'lead', {})).kind).toBe('stale');
    expect(pathOf(nats, standing('senior', 'archmage', {})).kind).toBe('stale');
    expect(pathOf(nats, standing('senior', 'lead', {}, 'cobol')).kind).toBe('stale');
    expect(pathOf(undefined, standing('senior', 'lead', {})).kind).toBe('stale');
    expect(pathOf(nats, undefined).kind).toBe('unassessed');
    for (const kind of ['at-target', 'beyond-target', 'stale', 'unassessed'] as const) {
      const path = kind === 'at-target' ? pathOf(nats, standing('lead', 'lead', {})) : kind === 'beyond-target' ? pathOf(nats, standing('lead', 'middle', {})) : kind === 'stale' ? pathOf(nats, standing('x', 'y', {})) : pathOf(nats, undefined);
      expect(expectationsLeft(path)).toBeUndefined();
    }
  });
});

describe('My path rendered: modal, compact form, lines', () => {
  const cases: [string, MyPath, { en: RegExp; es: RegExp }][] = [
    ['several levels left', pathOf(bilingual, standing('junior', 'lead', { junior: 'fully', middle: 'partly', senior: 'not_yet', lead: 'not_yet' }, 'dev')), { en: /3 expectations left on your path to Lead/, es: /3 expectativas pendientes en tu camino a Líder/ }],
    ['one left', pathOf(bilingual, standing('senior', 'lead', { senior: 'fully', lead: 'partly' }, 'dev')), { en: /1 expectation left on your path to Lead/, es: /1 expectativa pendiente en tu camino a Líder/ }],
    ['all met', pathOf(bilingual, standing('middle', 'senior', { middle: 'fully', senior: 'fully' }, 'dev')), { en: /Nothing left on your path to Senior/, es: /No te queda nada en el camino a Sénior/ }],
    ['at the target', pathOf(bilingual, standing('senior', 'senior', {}, 'dev')), { en: /You are at your target, Senior/, es: /Ya estás en tu objetivo, Sénior/ }],
    ['target below current', pathOf(bilingual, standing('lead', 'middle', {}, 'dev')), { en: /Your target, Middle, is below your current level, Lead/, es: /Tu objetivo, Intermedio, está por debajo de tu nivel actual, Líder/ }],
    ['stale ids', pathOf(bilingual, standing('gone', 'lead', {}, 'dev')), { en: /levels or roles changed/, es: /los niveles o roles de esta habilidad cambiaron/ }],
    ['not assessed', pathOf(bilingual, undefined), { en: /You haven't assessed this skill yet/, es: /Aún no te has evaluado/ }],
  ];
  for (const locale of SUPPORTED_LOCALES) {
    it.each(cases)(`%s (${locale}): valid modal and message, says where the person stands`, (_name, path, says) => {
      const modal = buildMyPathModal(path, locale);
      assertValidView(modal, `my path ${locale}`);
      expect(textOf(modal.blocks)).toMatch(says[locale]);
      expect(pathLine(path, locale)).toMatch(says[locale]);
      const compact = compactPathBlocks(path, locale);
      if (compact.length > 0) assertValidMessage({ text: 'path', blocks: compact }, `compact path ${locale}`);
    });
  }

  it('shows each expectation left with its rating, and what changes from current to target marked (Spanish texts in Spanish)', () => {
    const path = pathOf(bilingual, standing('middle', 'lead', { middle: 'partly', senior: 'not_yet', lead: 'fully' }, 'dev'));
    const en = textOf(buildMyPathModal(path, 'en').blocks);
    expect(en).toContain('*Middle* · Partly · _Required_\\nWrites unit and integration tests for the team.');
    expect(en).toContain('*Senior* · Not yet · _Required_\\nDesigns the test strategy of a service.');
    expect(en).toContain('Rated fully met on the way: Lead.');
    expect(en).toContain('What changes from Middle to Lead');
    expect(en).toMatch(/~[^~]+~ \*[^*]+\*/); // removed then added words, marked
    const es = textOf(buildMyPathModal(path, 'es').blocks);
    expect(es).toContain('*Intermedio* · En parte · _Obligatorio_\\nEscribe pruebas unitarias y de integración del equipo.');
    expect(es).toContain('Qué cambia de Intermedio a Líder');
    expect(es).toContain('*Diseña la estrategia de pruebas del producto y forma a otros.*');
  });

  it('marks the real catalog change from Lead to Principal the way the comparison card does', () => {
    const path = pathOf(nats, standing('lead', 'principal', { lead: 'fully', principal: 'not_yet' }, 'elixir'));
    const modal = textOf(buildMyPathModal(path, 'en').blocks);
    expect(modal).toContain('From Lead to Principal: 15 words new, 15 words no longer said.');
    expect(modal).toContain('*strategy at company level.');
  });

  it('stays within Slack limits with 20 levels of the longest texts, formatting characters included', () => {
    const long = `${'Designs *bold* _it_ ~str~ `code` <!channel> & more '.repeat(80)}`.slice(0, 3500);
    const huge: Skill = skillSchema.parse({
      ...bilingual,
      name: 'N'.repeat(300),
      roles: [{ id: 'dev', name: 'R'.repeat(300) }],
      levels: Array.from({ length: 20 }, (_, i) => ({ id: `l${i}`, name: `Level ${i} ${'x'.repeat(200)}`, requirements: [{ role: 'dev', required: true, text: `${i} ${long}` }] })),
    });
    const path = pathOf(huge, standing('l0', 'l19', { l0: 'not_yet' }, 'dev'));
    expect(expectationsLeft(path)).toBe(20);
    for (const locale of SUPPORTED_LOCALES) {
      const modal = buildMyPathModal(path, locale);
      assertValidView(modal, `huge path ${locale}`);
      expect(textOf(modal.blocks)).not.toContain('<!channel>');
      const input: MySkillsInput = { catalog: buildCatalog([huge]), locale, skills: [summaryOf('testing', standing('l0', 'l19', { l0: 'not_yet' }, 'dev'))], checkins: null };
      assertValidMessage(buildSavedConfirmation({ ...input, saved: input.skills[0]! }), `confirmation ${locale}`);
      assertValidMessage(buildMySkillsMessage(input), `me ${locale}`);
      assertValidView(buildHomeView(input), `home ${locale}`);
    }
  });
});

function summaryOf(skillId: string, s: PathStanding): SkillSummary {
  return { skillId, ...s, targetDate: null, goals: 'Grow', assessedOn: '2026-11-23', history: [{ date: '2026-11-23', level: s.currentLevel }] };
}

describe('My path on the surfaces that show it', () => {
  const catalog = buildCatalog([bilingual, nats]);
  const onTheWay = summaryOf('testing', standing('middle', 'lead', { middle: 'partly', senior: 'not_yet', lead: 'fully' }, 'dev'));
  const atTarget = summaryOf('nats', standing('lead', 'lead', { lead: 'fully' }));
  type Element = { action_id?: string };
  const buttons = (blocks: readonly unknown[]) =>
    (blocks as { type: string; elements?: Element[]; accessory?: Element }[])
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : b.accessory ? [b.accessory] : []))
      .filter((e) => e.action_id === ACTION.openPath);

  it('/skill me and App Home: a line per skill and a My path button only where the target is above', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const input: MySkillsInput = { catalog, locale, skills: [onTheWay, atTarget], checkins: null };
      const me = buildMySkillsMessage(input);
      const home = buildHomeView(input);
      assertValidMessage(me);
      assertValidView(home);
      for (const blocks of [me.blocks, home.blocks]) {
        expect(textOf(blocks)).toMatch(locale === 'en' ? /2 expectations left on your path to Lead/ : /2 expectativas pendientes en tu camino a Líder/);
        expect(textOf(blocks)).toMatch(locale === 'en' ? /You are at your target, Lead/ : /Ya estás en tu objetivo, Lead/);
        expect(buttons(blocks)).toEqual([expect.objectContaining({ value: 'testing', text: expect.objectContaining({ text: locale === 'en' ? 'My path' : 'Mi camino' }) })]);
      }
    }
  });

  it('the confirmation DM: the compact path and a My path button beside Edit', () => {
    const message = buildSavedConfirmation({ catalog, locale: 'en', skills: [onTheWay], checkins: null, saved: onTheWay });
    assertValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain('*2 expectations left on your path to Lead.*');
    expect(text).toContain('*Middle* · Partly · _Required_');
    expect(text).toContain('What changes from Middle to Lead');
    expect(buttons(message.blocks)).toHaveLength(1);
    const done = buildSavedConfirmation({ catalog, locale: 'es', skills: [atTarget], checkins: null, saved: atTarget });
    assertValidMessage(done);
    expect(textOf(done.blocks)).toContain('Ya estás en tu objetivo, Lead.');
    expect(buttons(done.blocks)).toHaveLength(0);
  });

  it('the check-in DM: one line with how many expectations are left, none when the target is reached', () => {
    const now = new Date('2026-12-07T09:00:00Z');
    const skill = { skillId: 'nats', skillName: 'NATS', currentLevel: 'Senior', targetLevel: 'Lead', targetDate: null, goals: 'Grow', assessedAt: now };
    for (const locale of SUPPORTED_LOCALES) {
      const message = buildCheckinMessage({ locale, now, skills: [{ ...skill, expectationsLeft: 3 }] });
      assertValidMessage(message);
      expect(textOf(message.blocks)).toContain(locale === 'en' ? '3 expectations left on your path to Lead.' : '3 expectativas pendientes en tu camino a Lead.');
      expect(textOf(buildCheckinMessage({ locale, now, skills: [{ ...skill, targetLevel: 'Senior' }] }).blocks)).not.toMatch(/path to|camino a/);
    }
  });
});
