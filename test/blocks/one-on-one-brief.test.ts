import { describe, expect, it } from 'vitest';
import { buildOneOnOneBrief, daysBetween, MAX_BRIEF_SKILLS, type BriefAssessment, type BriefInput } from '../../src/blocks/one-on-one-brief.js';
import { buildCatalog } from '../../src/catalog/query.js';
import { skillSchema, type Skill } from '../../src/catalog/schema.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';

const testing: Skill = skillSchema.parse({
  id: 'testing',
  name: { en: 'Testing', es: 'Pruebas' },
  summary: 's',
  domain: 'd',
  category: 'c',
  updated: '2026-03-17',
  roles: [{ id: 'dev', name: { en: 'Developer', es: 'Desarrollador' } }],
  levels: [
    ['junior', 'Junior', 'Júnior', 'Writes unit tests for own code.', 'Escribe pruebas unitarias de su código.'],
    ['middle', 'Middle', 'Intermedio', 'Writes integration tests for the team.', 'Escribe pruebas de integración del equipo.'],
    ['senior', 'Senior', 'Sénior', 'Designs the test strategy of a service.', 'Diseña la estrategia de pruebas de un servicio.'],
    ['lead', 'Lead', 'Líder', 'Designs the test strategy of the product.', 'Diseña la estrategia de pruebas del producto.'],
  ].map(([id, en, es, textEn, textEs]) => ({ id, name: { en, es }, requirements: [{ role: 'dev', required: true, text: { en: textEn, es: textEs } }] })),
});
const ops: Skill = skillSchema.parse({ ...testing, id: 'ops', name: { en: 'Operations', es: 'Operaciones' } });
const catalog = buildCatalog([testing, ops]);

const assessment = (over: Partial<BriefAssessment> = {}): BriefAssessment => ({
  skill_id: 'testing',
  role_id: 'dev',
  ratings: { junior: 'fully', middle: 'partly', senior: 'not_yet', lead: 'not_yet' },
  current_level: 'middle',
  target_level: 'lead',
  target_date: '2027-03-01',
  goals: 'Write the strategy for billing',
  assessedOn: '2026-11-20',
  ...over,
});
const input = (skills: BriefInput['skills'], over: Partial<BriefInput> = {}): BriefInput => ({ ownerId: 'U0ADA', readerIsOwner: false, today: '2026-12-02', skills, ...over });
const textOf = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('the 1:1 brief', () => {
  it('says nothing changed, how long ago the assessment was, the target date, the path left and three questions from the catalog', () => {
    const same = assessment();
    const message = buildOneOnOneBrief(input([{ latest: same, previous: { ...same, assessedOn: '2026-10-01' } }]), catalog, 'en');
    assertValidMessage(message);
    const text = textOf(message);
    expect(text).toContain('1:1 brief: <@U0ADA>');
    expect(text).toContain('No change since the previous assessment.');
    expect(text).toContain('Last assessed 12 days ago');
    expect(text).toContain('target date 1 Mar 2027: 89 days left');
    expect(text).toContain('3 expectations left on the way to Lead.');
    // Target level first, then down the path; only "not yet" / "partly".
    expect(text).toContain('1. What would help you show \\"Designs the test strategy of the product.\\" (Lead, rated not yet)?');
    expect(text).toContain('2. What would help you show \\"Designs the test strategy of a service.\\" (Senior, rated not yet)?');
    expect(text).toContain('3. What would help you show \\"Writes integration tests for the team.\\" (Middle, rated partly)?');
    expect(text).not.toContain('unit tests');
  });

  it('marks every kind of change: role, current and target, each rating, and the goals word by word', () => {
    const previous = assessment({ current_level: 'junior', target_level: 'senior', ratings: { junior: 'partly', middle: 'not_yet' }, goals: 'Write the plan for billing', assessedOn: '2026-09-01' });
    const message = buildOneOnOneBrief(input([{ latest: assessment(), previous }]), catalog, 'en');
    assertValidMessage(message);
    const text = textOf(message);
    expect(text).toContain('Current → target: Junior → Senior ⇒ Middle → *Lead*');
    expect(text).toContain('Junior: partly → *fully*');
    expect(text).toContain('Middle: not yet → *partly*');
    expect(text).toContain('Senior: not rated → *not yet*');
    expect(text).toContain('Goals: Write the ~plan~ *strategy* for billing');
    expect(text).not.toContain('No change');
  });

  it('says a first assessment has nothing to compare, a passed target date, and in Spanish', () => {
    const message = buildOneOnOneBrief(input([{ latest: assessment({ target_date: '2026-11-30', assessedOn: '2026-12-02' }), previous: undefined }]), catalog, 'es');
    assertValidMessage(message);
    const text = textOf(message);
    expect(text).toContain('Resumen 1:1: <@U0ADA>');
    expect(text).toContain('Primera evaluación de esta habilidad');
    expect(text).toContain('Última evaluación hoy');
    expect(text).toContain('pasó hace 2 días');
    expect(text).toContain('¿Qué te ayudaría a demostrar «Diseña la estrategia de pruebas del producto.» (Líder, valorado todavía no)?');
  });

  it('takes the three questions across several skills in order, and offers a next target when everything is met', () => {
    const two = input([
      { latest: assessment({ skill_id: 'ops', current_level: 'senior', target_level: 'lead', ratings: { senior: 'fully', lead: 'partly' } }), previous: undefined },
      { latest: assessment(), previous: undefined },
    ]);
    const text = textOf(buildOneOnOneBrief(two, catalog, 'en'));
    expect(text).toContain('1. What would help you show \\"Designs the test strategy of the product.\\" (Lead, rated partly)?');
    expect(text).toContain('2. What would help you show \\"Designs the test strategy of the product.\\" (Lead, rated not yet)?');
    expect(text).toContain('*Operations*');
    expect(text).not.toContain('3. What would help you show \\"Writes integration');
    const met = textOf(buildOneOnOneBrief(input([{ latest: assessment({ current_level: 'lead', target_level: 'lead' }), previous: undefined }]), catalog, 'en'));
    expect(met).toContain('ask what the next target should be');
  });

  it('is the same for the same data, for myself says what to bring, and with no skills says there is nothing', () => {
    const data = input([{ latest: assessment(), previous: assessment({ goals: 'x' }) }], { readerIsOwner: true });
    expect(buildOneOnOneBrief(data, catalog, 'en')).toEqual(buildOneOnOneBrief(data, catalog, 'en'));
    expect(textOf(buildOneOnOneBrief(data, catalog, 'en'))).toContain('1:1 brief: what to bring');
    const empty = buildOneOnOneBrief(input([]), catalog, 'es');
    assertValidMessage(empty);
    expect(textOf(empty)).toContain('Aún no hay nada evaluado');
  });

  it('stays within Slack limits with many skills and very long goals', () => {
    const many = Array.from({ length: MAX_BRIEF_SKILLS + 5 }, () => ({
      latest: assessment({ goals: 'word '.repeat(2000) }),
      previous: assessment({ goals: 'other '.repeat(2000) }),
    }));
    for (const locale of ['en', 'es'] as const) {
      const message = buildOneOnOneBrief(input(many), catalog, locale);
      assertValidMessage(message);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(textOf(message)).toMatch(locale === 'en' ? /…and \d+ more skills\./ : /…y \d+ habilidades más\./);
      expect(textOf(message)).toContain('1. What'.replace('What', locale === 'en' ? 'What' : '¿Qué'));
    }
  });

  it('counts days between calendar dates', () => {
    expect(daysBetween('2026-12-02', '2027-03-01')).toBe(89);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});
