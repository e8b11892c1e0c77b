import { describe, expect, it } from 'vitest';
import { buildLadderChangeDm, type LadderChange } from '../../src/blocks/ladder-change-dm.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { ACTION } from '../../src/ids.js';

const text = (value: unknown) => JSON.stringify(value);

describe('the ladder-changed DM', () => {
  const changes: LadderChange[] = [
    {
      kind: 'changed',
      levelId: 'middle',
      levelName: { en: 'Middle', es: 'Intermedio' },
      before: { en: 'Designs streams for a service.', es: 'Diseña streams para un servicio.' },
      after: { en: 'Designs streams and consumers for a service.', es: 'Diseña streams y consumidores para un servicio.' },
    },
    { kind: 'removed', levelId: 'senior', levelName: { en: 'Senior', es: 'Sénior' }, before: { en: 'Runs *clusters* <!channel>.', es: 'Opera clústeres.' } },
  ];

  it('marks what changed, in English, with Re-assess for the skill', () => {
    const message = buildLadderChangeDm({ locale: 'en', skillId: 'nats', skillName: 'NATS', roleName: { en: 'Developer', es: 'Desarrollador' }, changes });
    assertValidMessage(message);
    expect(message.text).toBe('The NATS ladder changed since your assessment: re-assess when you have a minute.');
    expect(text(message.blocks)).toContain('*Middle*: changed\\nDesigns streams *and consumers* for a service.');
    // Formatting characters in catalog text are neutralised inside markers; <!channel> cannot ping.
    expect(text(message.blocks)).toContain('~Runs ∗clusters∗ &lt;!channel&gt;.~');
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: ACTION.assess, value: 'nats' }] });
  });

  it('in Spanish, with the texts in Spanish', () => {
    const message = buildLadderChangeDm({ locale: 'es', skillId: 'nats', skillName: 'NATS', roleName: { en: 'Developer', es: 'Desarrollador' }, changes });
    assertValidMessage(message);
    expect(text(message.blocks)).toContain('La escalera de NATS cambió');
    expect(text(message.blocks)).toContain('(como Desarrollador)');
    expect(text(message.blocks)).toContain('*Intermedio*: cambió\\nDiseña streams *y consumidores* para un servicio.');
    expect(text(message.blocks)).toContain('*Sénior*: ya no está en la escalera');
    expect(text(message.blocks)).toContain('Volver a evaluar');
  });

  it('stays within Slack limits for twenty levels of the longest texts', () => {
    const long = (seed: string) => Array.from({ length: 1200 }, (_, i) => `${seed}${i}`).join(' ');
    const many: LadderChange[] = Array.from({ length: 20 }, (_, i) =>
      i % 3 === 0
        ? { kind: 'removed', levelId: `l${i}`, levelName: 'x'.repeat(200), before: long('gone') }
        : { kind: 'changed', levelId: `l${i}`, levelName: `Level ${i}`, before: long('old'), after: long('new') },
    );
    for (const locale of ['en', 'es'] as const) {
      const message = buildLadderChangeDm({ locale, skillId: 'a'.repeat(24), skillName: 'S'.repeat(300), roleName: 'R'.repeat(300), changes: many });
      assertValidMessage(message);
      expect(JSON.stringify(message.blocks).length).toBeLessThan(12_000);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
    }
  });
});
