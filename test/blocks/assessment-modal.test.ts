import type { ContextBlock, InputBlock, ModalView, RadioButtons, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { buildAssessmentModal, buildLoadingModal, draftFromState, FIELD, GOALS_MAX, validateSubmission } from '../../src/blocks/assessment-modal.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import { assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { ACTION } from '../../src/ids.js';
import { shippedCatalog } from '../helpers/catalog.js';
import { fillAssessment } from '../helpers/view-state.js';

const catalog = await shippedCatalog();
const nats = catalog.byId.get('nats')!;
const today = '2026-11-23';

const inputs = (view: ModalView) => view.blocks.filter((b): b is InputBlock => b.type === 'input');
const contexts = (view: ModalView) => view.blocks.filter((b): b is ContextBlock => b.type === 'context').map((b) => (b.elements[0] as { text: string }).text);

describe('assessment modal', () => {
  it('asks for role, a rating per level, current and target level, date, goals and check-in timing', () => {
    const view = buildAssessmentModal({ skill: nats, locale: 'en', draft: { ratings: {} }, tz: 'Europe/London' });
    expect(inputs(view).map((b) => b.block_id)).toEqual([
      FIELD.role,
      ...nats.levels.map((l) => `${FIELD.ratingPrefix}${l.id}`),
      FIELD.current,
      FIELD.target,
      FIELD.targetDate,
      FIELD.goals,
      FIELD.cadence,
      FIELD.weekday,
      FIELD.time,
    ]);
    const role = inputs(view)[0]!;
    expect(role.dispatch_action).toBe(true);
    expect((role.element as StaticSelect).action_id).toBe(ACTION.assessmentRole);
    expect(((inputs(view)[1]!.element as RadioButtons).options ?? []).map((o) => o.text.text)).toEqual(['Not yet', 'Partly', 'Fully']);
    expect(view.title.text).toBe('Self-assessment');
  });

  it('shows each level requirement for the chosen role, and redraws for another role keeping every answer', () => {
    const elixir = buildAssessmentModal({ skill: nats, locale: 'en', draft: { ratings: {}, roleId: 'elixir' }, tz: 'UTC' });
    expect(contexts(elixir)[2]).toContain('Designs NATS JetStream-based messaging for Elixir microservices');
    const state = fillAssessment(nats, { role: 'elixir', current: 'middle', target: 'senior', goals: 'Lead the JetStream migration', ratings: { junior: 'fully' } });
    const draft = { ...draftFromState(state, nats), roleId: 'go' };
    const go = buildAssessmentModal({ skill: nats, locale: 'en', draft, tz: 'UTC' });
    expect(contexts(go)[2]).toContain('Designs high-throughput NATS/JetStream architectures in Go services');
    expect(go.blocks.map((b) => b.block_id)).toEqual(elixir.blocks.map((b) => b.block_id));
    const byId = Object.fromEntries(inputs(go).map((b) => [b.block_id, b.element as { initial_option?: { value: string }; initial_value?: string }]));
    expect(byId[FIELD.current]!.initial_option?.value).toBe('middle');
    expect(byId[FIELD.target]!.initial_option?.value).toBe('senior');
    expect(byId[FIELD.goals]!.initial_value).toBe('Lead the JetStream migration');
    expect(byId[`${FIELD.ratingPrefix}junior`]!.initial_option?.value).toBe('fully');
  });

  it('is valid under Slack limits in both languages, empty and fully pre-filled, and so is the loading view', () => {
    for (const locale of SUPPORTED_LOCALES) {
      assertValidView(buildLoadingModal(locale));
      assertValidView(buildAssessmentModal({ skill: nats, locale, draft: { ratings: {} }, tz: 'UTC' }));
      const draft = draftFromState(fillAssessment(nats, { goals: 'x'.repeat(GOALS_MAX), targetDate: '2027-06-30', cadence: 'monthly', weekday: 5, time: '16:45' }), nats);
      assertValidView(buildAssessmentModal({ skill: nats, locale, draft, tz: 'America/Sao_Paulo' }));
    }
  });

  it('speaks Spanish', () => {
    const view = buildAssessmentModal({ skill: nats, locale: 'es', draft: { ratings: {} }, tz: 'Europe/Madrid' });
    expect(view.title.text).toBe('Autoevaluación');
    expect(inputs(view)[0]!.label.text).toBe('Mi rol');
    expect(inputs(view).find((b) => b.block_id === FIELD.time)!.hint?.text).toBe('Tu zona horaria en Slack: Europe/Madrid.');
  });
});

describe('validateSubmission', () => {
  it('accepts a complete submission', () => {
    const result = validateSubmission(fillAssessment(nats, { current: 'middle', target: 'lead', targetDate: '2027-03-01', goals: '  Run a design review  ' }), nats, 'en', today);
    expect(result).toEqual({
      ok: true,
      value: {
        roleId: 'go',
        ratings: { junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' },
        currentLevel: 'middle',
        targetLevel: 'lead',
        targetDate: '2027-03-01',
        goals: 'Run a design review',
        cadence: 'weekly',
        weekday: 1,
        localTime: '10:00',
      },
    });
  });

  it.each([
    ['target below current', { current: 'senior', target: 'junior' }, FIELD.target, 'Your target cannot be below your current level.'],
    ['target date in the past', { targetDate: '2026-11-22' }, FIELD.targetDate, 'Choose a date from today on.'],
    ['goals too long', { goals: 'g'.repeat(GOALS_MAX + 1) }, FIELD.goals, `Goals can be up to ${GOALS_MAX} characters (you have ${GOALS_MAX + 1}).`],
    ['missing current level', { current: null }, FIELD.current, 'Please fill this in.'],
    ['a level not in the skill', { target: 'wizard' }, FIELD.target, 'Choose one of the levels in the list.'],
    ['a missing rating', { ratings: { senior: null } }, `${FIELD.ratingPrefix}senior`, 'Please fill this in.'],
    ['check-ins without a time', { time: null }, FIELD.time, 'Choose a time.'],
    ['a forged role', { role: 'rust' }, FIELD.role, 'Choose one of the roles in the list.'],
  ] as const)('rejects %s with an error on that field', (_name, fill, blockId, message) => {
    const result = validateSubmission(fillAssessment(nats, fill as Parameters<typeof fillAssessment>[1]), nats, 'en', today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual({ [blockId]: message });
  });

  it('lets check-ins be off without a weekday or time', () => {
    const result = validateSubmission(fillAssessment(nats, { cadence: 'off', weekday: null, time: null }), nats, 'en', today);
    expect(result.ok).toBe(true);
  });

  it('reports every error at once, in Spanish for a Spanish user', () => {
    const result = validateSubmission(fillAssessment(nats, { current: 'lead', target: 'middle', targetDate: '2020-01-01' }), nats, 'es', today);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[FIELD.target]).toBe('Tu objetivo no puede estar por debajo de tu nivel actual.');
      expect(result.errors[FIELD.targetDate]).toBe('Elige una fecha a partir de hoy.');
    }
  });

  it('survives garbage state without throwing', () => {
    for (const garbage of [null, 42, 'x', { a: 1 }, { [FIELD.role]: { [ACTION.assessmentRole]: { selected_option: 7 } } }]) {
      const result = validateSubmission(garbage, nats, 'en', today);
      expect(result.ok).toBe(false);
    }
  });
});

describe('assessment modal words', () => {
  it.each(SUPPORTED_LOCALES)('labels carry no brackets, so Slack\'s "(optional)" never doubles one (%s)', (locale) => {
    const view = buildAssessmentModal({ skill: nats, locale, draft: { ratings: {} }, tz: 'Europe/Madrid' });
    for (const block of inputs(view)) expect(block.label.text, block.block_id).not.toMatch(/[()]/);
  });

  it.each([
    ['en', 'Every month', /first Monday/],
    ['es', 'Cada mes', /primer lunes/],
  ] as const)('says plainly which day a monthly check-in comes (%s)', (locale, monthly, example) => {
    const view = buildAssessmentModal({ skill: nats, locale, draft: { ratings: {} }, tz: 'UTC' });
    const cadence = inputs(view).find((b) => b.block_id === FIELD.cadence)!.element as StaticSelect;
    expect((cadence.options ?? []).map((o) => o.text.text)).toContain(monthly);
    const weekday = inputs(view).find((b) => b.block_id === FIELD.weekday)!;
    expect(weekday.hint?.text).toMatch(example);
    assertValidView(view);
  });
});

describe('target date', () => {
  it('accepts real days only, leap years included', () => {
    const errorOf = (day: string) => {
      const result = validateSubmission(fillAssessment(nats, { targetDate: day }), nats, 'en', '0001-01-01');
      return result.ok ? undefined : result.errors[FIELD.targetDate];
    };
    for (const day of ['2026-01-31', '2028-02-29', '2000-02-29', '9999-12-31']) expect(errorOf(day), day).toBeUndefined();
    for (const day of ['9999-99-99', '2026-13-01', '2026-00-10', '2026-04-31', '2027-02-29', '2100-02-29', '0000-01-01', '2026-1-1', '2026-01-01T00:00', '']) {
      expect(errorOf(day), day).toBe('That date is not in the calendar. Pick one with the date picker.');
    }
  });
});
