import type { SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { buildCheckinMessage } from '../../src/blocks/checkin-message.js';
import { buildHomeView, buildMySkillsMessage, buildSavedConfirmation, type MySkillsInput, type SkillSummary } from '../../src/blocks/my-skills.js';
import { buildCatalog } from '../../src/catalog/query.js';
import type { Skill } from '../../src/catalog/schema.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';

const nats = (await shippedCatalog()).byId.get('nats')!;

/** A catalog far bigger than a real one, to push every surface against Slack's block and text limits. */
function bigCatalog(count: number) {
  const skills: Skill[] = Array.from({ length: count }, (_, i) => ({ ...nats, id: `skill-${i}`, name: `Skill number ${i} ${'x'.repeat(100)}`, summary: 's'.repeat(500) }));
  return buildCatalog(skills);
}

function summary(skillId: string, goals: string): SkillSummary {
  return {
    skillId,
    roleId: 'go',
    currentLevel: 'senior',
    targetLevel: 'lead',
    ratings: { junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet', principal: 'not_yet' },
    targetDate: '2027-06-30',
    goals,
    assessedOn: '2026-11-23',
    history: Array.from({ length: 6 }, (_, i) => ({ date: `2026-0${i + 1}-15`, level: 'middle' })),
  };
}

describe('my skills: App Home, /skill me, the confirmation', () => {
  it('stays within 100 blocks (Home) and 50 (messages) and 3,000 characters per section with many long entries', () => {
    const catalog = bigCatalog(120);
    const goals = `${'*bold* <!channel> '.repeat(200)}`.slice(0, 2000);
    for (const locale of SUPPORTED_LOCALES) {
      const input: MySkillsInput = {
        catalog,
        locale,
        skills: catalog.skills.slice(0, 40).map((s) => summary(s.id, goals)),
        checkins: { cadence: 'weekly', paused: false, stopped: false, next: 'Mon 30 Nov, 10:00 (Europe/London)' },
      };
      const home = buildHomeView(input);
      expect(home.blocks.length).toBeLessThanOrEqual(100);
      assertValidView(home, `home ${locale}`);
      const me = buildMySkillsMessage(input);
      expect(me.blocks.length).toBeLessThanOrEqual(50);
      assertValidMessage(me, `me ${locale}`);
      expect(JSON.stringify(me.blocks)).toMatch(locale === 'en' ? /and \d+ more: see them all in Skill Ladder's Home tab/ : /y \d+ más/);
      assertValidMessage(buildSavedConfirmation({ ...input, saved: input.skills[0]! }), `confirmation ${locale}`);
      // Goals are echoed escaped: they can neither ping nor format.
      const text = home.blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '').join('\n');
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('*bold*');
    }
  });

  it('starts friendly with no data: every skill with an Assess button', () => {
    const home = buildHomeView({ catalog: buildCatalog([nats]), locale: 'en', skills: [], checkins: null });
    expect(JSON.stringify(home.blocks)).toContain("You haven't assessed a skill yet");
    expect(JSON.stringify(home.blocks)).toContain('"action_id":"assess_open","text":{"type":"plain_text","text":"Assess"');
    assertValidView(home);
  });

  it('offers Resume when check-ins are paused, and Snooze/Pause when they run', () => {
    const base = { catalog: buildCatalog([nats]), locale: 'en' as const, skills: [summary('nats', 'Ship it')] };
    const running = JSON.stringify(buildHomeView({ ...base, checkins: { cadence: 'weekly', paused: false, stopped: false, next: 'Mon 30 Nov, 10:00 (UTC)' } }).blocks);
    expect(running).toContain('Next check-in: Mon 30 Nov, 10:00 (UTC)');
    expect(running).toContain('Snooze 1 day');
    expect(running).not.toContain('Resume check-ins');
    const paused = JSON.stringify(buildHomeView({ ...base, checkins: { cadence: 'weekly', paused: true, stopped: false, next: null } }).blocks);
    expect(paused).toContain('Check-ins are paused.');
    expect(paused).toContain('Resume check-ins');
    expect(paused).not.toContain('Snooze');
  });

  it('shows the same check-in buttons as the check-in DM, so one listener route serves both', () => {
    const base = { catalog: buildCatalog([nats]), locale: 'es' as const, skills: [summary('nats', 'Ship it')] };
    for (const paused of [false, true]) {
      const home = buildHomeView({ ...base, checkins: { cadence: 'weekly', paused, stopped: false, next: null } });
      const dm = buildCheckinMessage({ locale: 'es', now: new Date('2026-11-30T10:00:00Z'), skills: [], paused });
      const controls = (blocks: { type: string }[]) => blocks.filter((b) => b.type === 'actions').at(-1);
      expect(controls(home.blocks)).toEqual(controls(dm.blocks));
    }
  });
});
