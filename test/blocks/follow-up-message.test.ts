import { describe, expect, it } from 'vitest';
import { buildCheckinMessage } from '../../src/blocks/checkin-message.js';
import { buildFollowUpMessage, buildLeadFollowUpMessage, withFollowUp, type FollowUpNoteView } from '../../src/blocks/follow-up-message.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import { ACTION } from '../../src/ids.js';
import { buildMoveFollowUpModal, MOVE_FOLLOW_UP_FIELD, parseMoveFollowUp, parseMoveFollowUpMetadata } from '../../src/blocks/move-follow-up-modal.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';

const note = (i: number, over: Partial<FollowUpNoteView> = {}): FollowUpNoteView => ({
  skillId: `skill-${i}`,
  skillName: `Skill ${i}`,
  steps: `Step ${i}: pair on the consumer rewrite`,
  agreedOn: '2026-11-30',
  withPerson: 'UROSA',
  ...over,
});
const text = (value: unknown) => JSON.stringify(value);
const actionIds = (blocks: unknown[]) => [...text(blocks).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]);

describe('the follow-up DMs (docs/follow-ups.md)', () => {
  it.each(SUPPORTED_LOCALES)('the owner\'s, in %s: the steps quoted and escaped, who and when, Update and Done', (locale) => {
    const message = buildFollowUpMessage({ locale, deliveryId: 42, notes: [note(1, { steps: 'Ship <script> & *bold*\nsecond line' })] });
    assertValidMessage(message);
    const all = text(message.blocks);
    expect(all).toContain('&lt;script&gt; &amp;');
    expect(all).toContain('>second line');
    expect(all).toContain('<@UROSA>');
    expect(all).toContain(locale === 'es' ? '30 nov 2026' : '30 Nov 2026');
    expect(actionIds(message.blocks)).toEqual([ACTION.assess, ACTION.followUpDone]);
    expect(text(message.blocks)).toContain('"value":"42"');
  });

  it('many long notes stay inside Slack\'s limits: three shown, the rest counted, one Update per skill (at most three)', () => {
    const notes = Array.from({ length: 7 }, (_, i) => note(i, { steps: 'x'.repeat(3000), skillName: 'A very long skill name '.repeat(10) }));
    for (const locale of SUPPORTED_LOCALES) {
      const message = buildFollowUpMessage({ locale, deliveryId: 1, notes });
      assertValidMessage(message);
      expect(text(message.blocks)).toContain(locale === 'en' ? '…and 4 more agreed steps' : '…y 4 pasos acordados más');
      expect(actionIds(message.blocks).filter((id) => id!.startsWith(ACTION.assess))).toEqual([ACTION.assess, `${ACTION.assess}:1`, `${ACTION.assess}:2`]);
    }
  });

  it('without the other person (they forgot themselves): no name, no hole', () => {
    const message = buildFollowUpMessage({ locale: 'en', deliveryId: 1, notes: [note(1, { withPerson: null })] });
    expect(text(message.blocks)).toContain('agreed on 30 Nov 2026');
    expect(text(message.blocks)).not.toContain('<@');
  });

  it('once done: the buttons give way to the date it was marked', () => {
    const message = buildFollowUpMessage({ locale: 'en', deliveryId: 1, notes: [note(1)], doneOn: '2026-12-03' });
    assertValidMessage(message);
    expect(actionIds(message.blocks)).toEqual([]);
    expect(text(message.blocks)).toContain('Marked done on 3 Dec 2026');
  });

  it('on top of the check-in due the same day: one message with both, still valid', () => {
    const checkin = buildCheckinMessage({
      locale: 'en',
      now: new Date('2026-12-07T10:00:00Z'),
      skills: [{ skillId: 'nats', skillName: 'NATS', currentLevel: 'Senior', targetLevel: 'Lead', targetDate: null, goals: 'g'.repeat(2000), assessedAt: new Date('2026-11-29T12:00:00Z') }],
    });
    const merged = withFollowUp(checkin, { locale: 'en', deliveryId: 5, notes: [note(1), note(2), note(3)] });
    assertValidMessage(merged);
    expect(actionIds(merged.blocks)).toEqual(expect.arrayContaining([ACTION.followUpDone, ACTION.pause, ACTION.assess]));
    expect(merged.text.length).toBeLessThanOrEqual(300);
    expect(text(merged.blocks).indexOf('Follow-up of your 1:1')).toBeLessThan(text(merged.blocks).indexOf(ACTION.pause));
  });

  it.each(SUPPORTED_LOCALES)('the lead\'s, in %s: who, when, which skills and Open brief — never the steps', (locale) => {
    const message = buildLeadFollowUpMessage({ locale, ownerId: 'UADA', agreedOn: '2026-11-30', skillNames: ['NATS', 'Go <generics>'] });
    assertValidMessage(message);
    expect(text(message.blocks)).toContain('<@UADA>');
    expect(text(message.blocks)).toContain('Go &lt;generics&gt;');
    expect(actionIds(message.blocks)).toEqual([ACTION.openBrief]);
    expect(text(message.blocks)).toContain('"value":"UADA"');
  });
});

describe('Change follow-up (the modal and its parser)', () => {
  it.each(SUPPORTED_LOCALES)('in %s: the current date filled in, the skill named, valid; the parser refuses past and far dates and reads empty as none', (locale) => {
    const modal = buildMoveFollowUpModal({ locale, noteId: 12, skillName: 'NATS <JetStream>', currentDate: '2026-12-09' });
    assertValidView(modal);
    expect(text(modal)).toContain('"initial_date":"2026-12-09"');
    expect(text(modal)).toContain('NATS &lt;JetStream&gt;');
    expect(parseMoveFollowUpMetadata(modal.private_metadata)).toBe(12);
    const value = (date: string | null) => ({ [MOVE_FOLLOW_UP_FIELD]: { value: { type: 'datepicker', selected_date: date } } });
    expect(parseMoveFollowUp(value('2026-12-10'), { locale, today: '2026-12-02' })).toEqual({ ok: true, date: '2026-12-10' });
    expect(parseMoveFollowUp(value(null), { locale, today: '2026-12-02' })).toEqual({ ok: true, date: null });
    const past = parseMoveFollowUp(value('2026-12-02'), { locale, today: '2026-12-02' });
    expect(past).toEqual({ ok: false, errors: { [MOVE_FOLLOW_UP_FIELD]: locale === 'en' ? 'Pick a day after today.' : 'Elige un día posterior a hoy.' } });
    expect(parseMoveFollowUp(value('2028-01-01'), { locale, today: '2026-12-02' }).ok).toBe(false);
    // A payload without the field is not read as "no follow-up": that would drop it.
    expect(parseMoveFollowUp({ junk: true }, { locale, today: '2026-12-02' }).ok).toBe(false);
    expect(parseMoveFollowUpMetadata('not a number')).toBeUndefined();
  });
});
