import { describe, expect, it } from 'vitest';
import { buildCheckinMessage, type CheckinMessageView, type CheckinSkillView } from '../../src/blocks/checkin-message.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { ACTION } from '../../src/ids.js';
import { checkinMessagesFor } from '../../src/i18n/checkin-messages.js';

const NOW = new Date('2026-12-07T09:00:00Z');
const DAY = 24 * 3600_000;

function skill(i: number, overrides: Partial<CheckinSkillView> = {}): CheckinSkillView {
  return {
    skillId: `skill-${i}`,
    skillName: `Skill ${i}`,
    currentLevel: 'Middle',
    targetLevel: 'Senior',
    targetDate: '2027-03-01',
    goals: `Ship the thing #${i}`,
    assessedAt: new Date(NOW.getTime() - (21 + i) * DAY),
    ...overrides,
  };
}

type Block = { type: string; text?: { text: string }; accessory?: { action_id: string; value: string }; elements?: { action_id?: string; value?: string; text: string | { text: string } }[] };

function allText(blocks: unknown[]): string {
  return JSON.stringify(blocks);
}

function actionElements(blocks: unknown[]): { action_id?: string; value?: string }[] {
  return (blocks as Block[]).flatMap((b) => [...(b.accessory ? [b.accessory] : []), ...(b.type === 'actions' ? (b.elements ?? []) : [])]);
}

const scenarios: [string, Omit<CheckinMessageView, 'locale'>][] = [
  ['one skill', { now: NOW, skills: [skill(0)] }],
  ['no assessments yet', { now: NOW, skills: [] }],
  ['five skills (three shown)', { now: NOW, skills: [0, 1, 2, 3, 4].map((i) => skill(i)) }],
  [
    'worst case lengths',
    {
      now: NOW,
      skills: [0, 1, 2, 3].map((i) =>
        skill(i, { skillName: 'N'.repeat(200), currentLevel: 'L'.repeat(80), targetLevel: 'T'.repeat(80), goals: `${'*_~`<>&'.repeat(200)}\n`.repeat(10) }),
      ),
    },
  ],
  ['no goals, no target date, same level', { now: NOW, skills: [skill(0, { goals: '  ', targetDate: null, targetLevel: 'Middle' })] }],
  ['snoozed notice', { now: NOW, skills: [skill(0)], notice: { kind: 'snoozed', until: 'Mon 7 Dec, 10:00' } }],
  ['paused', { now: NOW, skills: [skill(0)], paused: true, notice: { kind: 'paused', at: 'Mon 7 Dec, 10:00' } }],
  ['resumed', { now: NOW, skills: [skill(0)], notice: { kind: 'resumed', at: 'Mon 7 Dec, 10:00', next: 'Mon 14 Dec, 10:00' } }],
  ['resumed with check-ins off', { now: NOW, skills: [skill(0)], notice: { kind: 'resumed', at: 'Mon 7 Dec, 10:00', next: null } }],
  ['backed off to monthly, four skills', { now: NOW, skills: [0, 1, 2, 3].map((i) => skill(i)), backoff: { chosen: 'weekly', effective: 'monthly' } }],
  ['kept the chosen cadence', { now: NOW, skills: [skill(0)], notice: { kind: 'kept', cadence: 'biweekly', next: 'Mon 14 Dec, 10:00' } }],
];

describe('buildCheckinMessage', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it.each(scenarios)(`is valid Block Kit under Slack's limits (${locale}): %s`, (_name, view) => {
      const message = buildCheckinMessage({ ...view, locale });
      assertValidMessage(message, `${locale} check-in`);
      expect(message.text.trim().length).toBeGreaterThan(10);
    });
  }

  it('says how long since the last assessment, per language', () => {
    const en = buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0, { assessedAt: new Date(NOW.getTime() - 21 * DAY) })] });
    const es = buildCheckinMessage({ locale: 'es', now: NOW, skills: [skill(0, { assessedAt: new Date(NOW.getTime() - 21 * DAY) })] });
    expect(allText(en.blocks)).toContain('3 weeks since your last assessment');
    expect(allText(es.blocks)).toContain('3 semanas desde tu última evaluación');
    expect(en.text).toContain('3 weeks since your last assessment');
  });

  it.each([
    [0.5, 'Less than a day'],
    [1, '1 day'],
    [13, '13 days'],
    [14, '2 weeks'],
    [59, '8 weeks'],
    [61, '2 months'],
    [800, '2 years'],
  ])('describes %s days as "%s"', (days, expected) => {
    const message = buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0, { assessedAt: new Date(NOW.getTime() - days * DAY) })] });
    expect(message.text).toContain(`${expected} since your last assessment`);
  });

  it('uses the most recent assessment across skills for "since"', () => {
    const message = buildCheckinMessage({
      locale: 'en',
      now: NOW,
      skills: [skill(0, { assessedAt: new Date(NOW.getTime() - 40 * DAY) }), skill(1, { assessedAt: new Date(NOW.getTime() - 3 * DAY) })],
    });
    expect(message.text).toContain('3 days since');
  });

  it('shows levels, the target date and the goals of each skill', () => {
    const message = buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0)] });
    const text = allText(message.blocks);
    expect(text).toContain('Middle → Senior');
    expect(text).toContain('target date 1 Mar 2027');
    expect(text).toContain('Ship the thing #0');
    const es = allText(buildCheckinMessage({ locale: 'es', now: NOW, skills: [skill(0)] }).blocks);
    expect(es).toContain('fecha objetivo 1 mar 2027');
  });

  it('escapes typed goals so they cannot ping, link or format', () => {
    const message = buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0, { goals: 'ping <!channel> and <http://evil|click> *bold*' })] });
    const text = allText(message.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('*bold*');
  });

  it('has one "Update my assessment" button per skill, up to three, valued with the skill id', () => {
    const message = buildCheckinMessage({ locale: 'en', now: NOW, skills: [0, 1, 2, 3, 4].map((i) => skill(i)) });
    const assess = actionElements(message.blocks).filter((e) => e.action_id === ACTION.assess);
    expect(assess.map((e) => e.value)).toEqual(['skill-0', 'skill-1', 'skill-2']);
    expect(allText(message.blocks)).toContain('2 more assessed skills');
  });

  it('offers snooze (1 day, 1 week) and pause; a paused check-in offers resume', () => {
    const active = actionElements(buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0)] }).blocks);
    const snoozes = active.filter((e) => e.action_id?.startsWith(ACTION.snooze));
    expect(snoozes.map((e) => e.value)).toEqual(['1d', '1w']);
    expect(snoozes.every((e) => new RegExp(`^${ACTION.snooze}(:[a-z0-9]+)?$`).test(e.action_id!))).toBe(true);
    expect(active.some((e) => e.action_id === ACTION.pause)).toBe(true);
    const paused = actionElements(buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0)], paused: true }).blocks);
    expect(paused.some((e) => e.action_id === ACTION.resume)).toBe(true);
    expect(paused.some((e) => e.action_id === ACTION.pause || e.action_id?.startsWith(ACTION.snooze))).toBe(false);
  });

  it('backed off: says so in both languages, with a button that keeps the chosen cadence', () => {
    const en = buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0)], backoff: { chosen: 'weekly', effective: 'biweekly' } });
    expect(allText(en.blocks)).toContain('The last check-ins went unanswered, so they now come every 2 weeks. Any answer brings back every week.');
    expect(actionElements(en.blocks).find((e) => e.action_id === ACTION.keepCadence)).toMatchObject({ value: 'weekly', text: { text: 'Keep weekly' } });
    expect(en.text).toContain('they now come every 2 weeks');
    const es = buildCheckinMessage({ locale: 'es', now: NOW, skills: [skill(0)], backoff: { chosen: 'biweekly', effective: 'monthly' } });
    expect(allText(es.blocks)).toContain('ahora llegan cada mes. Cualquier respuesta los devuelve a cada 2 semanas.');
    expect(JSON.stringify(es.blocks)).toContain('Mantener cada 2 semanas');
    expect(JSON.stringify(buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0)] }).blocks)).not.toContain(ACTION.keepCadence);
  });

  it('puts the notice in the blocks and the fallback text', () => {
    const message = buildCheckinMessage({ locale: 'en', now: NOW, skills: [skill(0)], notice: { kind: 'snoozed', until: 'Mon 7 Dec, 10:00' } });
    expect(message.text).toContain('Snoozed until Mon 7 Dec, 10:00.');
    expect(allText(message.blocks)).toContain('Snoozed until Mon 7 Dec, 10:00.');
  });

  it('has the same keys in English and Spanish', () => {
    expect(Object.keys(checkinMessagesFor('es')).sort()).toEqual(Object.keys(checkinMessagesFor('en')).sort());
  });

  it('is deterministic: same view, same message', () => {
    const view: CheckinMessageView = { locale: 'es', now: NOW, skills: [skill(0), skill(1)] };
    expect(buildCheckinMessage(view)).toEqual(buildCheckinMessage(structuredClone(view)));
  });
});
