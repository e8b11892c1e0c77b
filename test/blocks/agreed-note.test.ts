import { describe, expect, it } from 'vitest';
import { agreedLine, STEPS_PREVIEW, type AgreedNote } from '../../src/blocks/agreed-note.js';
import { AGREEMENT_FIELD, buildAgreementDoneView, buildAgreementModal, parseAgreementMetadata, parseAgreementSubmission, STEPS_MAX } from '../../src/blocks/agreement-modal.js';
import { buildCheckinMessage } from '../../src/blocks/checkin-message.js';
import { buildHomeView, buildMySkillsMessage, type SkillSummary } from '../../src/blocks/my-skills.js';
import { buildOneOnOneBrief, type BriefAssessment } from '../../src/blocks/one-on-one-brief.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';

const catalog = await shippedCatalog();
const note = (over: Partial<AgreedNote> = {}): AgreedNote => ({ noteId: 7, skillId: 'nats', withId: 'U0GRACE', agreedOn: '2026-12-02', steps: 'Lead the consumer design review', followUp: null, movable: false, ...over });
const text = (value: unknown) => JSON.stringify(value);

describe('the agreed-next-steps line', () => {
  it('says who, when and what, and the follow-up date ahead, today or passed, in both languages', () => {
    expect(agreedLine(note(), 'en')).toBe(':handshake: *Agreed with <@U0GRACE> on 2 Dec 2026:* Lead the consumer design review');
    expect(agreedLine(note({ followUp: { on: '2026-12-09', when: 'ahead' } }), 'en')).toContain('· _follow-up on 9 Dec 2026_');
    expect(agreedLine(note({ followUp: { on: '2026-12-02', when: 'today' } }), 'en')).toContain('_follow-up today, 2 Dec 2026_');
    expect(agreedLine(note({ followUp: { on: '2026-12-09', when: 'passed' } }), 'en')).toContain('_follow-up was due 9 Dec 2026_');
    expect(agreedLine(note({ followUp: { on: '2026-12-09', when: 'ahead' } }), 'es')).toBe(':handshake: *Acordado con <@U0GRACE> el 2 dic 2026:* Lead the consumer design review · _revisión el 9 dic 2026_');
    expect(agreedLine(note({ followUp: { on: '2026-12-09', when: 'passed' } }), 'es')).toContain('_la revisión era el 9 dic 2026_');
    expect(agreedLine(note({ withId: null }), 'en')).toContain('*Agreed on 2 Dec 2026:*');
    expect(agreedLine(note({ withId: null }), 'es')).toContain('*Acordado el 2 dic 2026:*');
  });

  it('keeps typed text from pinging or formatting, puts it on one line and cuts long steps', () => {
    const line = agreedLine(note({ steps: '<!channel> *now*\n\nthen ship' }), 'en');
    expect(line).toContain('&lt;!channel&gt; *\u200Bnow*\u200B / then ship');
    expect(line).not.toContain('\n');
    const long = agreedLine(note({ steps: 'x'.repeat(5000) }), 'en');
    expect(long).toContain(`${'x'.repeat(STEPS_PREVIEW.line - 1)}…`);
    expect(long).not.toContain('x'.repeat(STEPS_PREVIEW.line));
  });
});

describe('the Record what we agreed modal', () => {
  const skills = [{ id: 'nats', name: 'NATS / NATS JetStream' }];

  it('for the owner: the skill preselected when there is one, steps, a follow-up date and who they talked with', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const view = buildAgreementModal({ locale, ownerId: 'U0ADA', readerIsOwner: true, skills });
      assertValidView(view, `owner ${locale}`);
      const blocks = text(view.blocks);
      expect(blocks).toContain('"initial_option":{"text":{"type":"plain_text","text":"NATS / NATS JetStream","emoji":true},"value":"nats"}');
      expect(blocks).toContain(AGREEMENT_FIELD.other);
      expect(blocks).toContain(`"max_length":${STEPS_MAX}`);
      expect(parseAgreementMetadata(view.private_metadata)).toEqual({ owner: 'U0ADA' });
    }
  });

  it('for a viewer: no person field (the other person is the owner), and no preselection among several skills', () => {
    const view = buildAgreementModal({ locale: 'es', ownerId: 'U0ADA', readerIsOwner: false, skills: [...skills, { id: 'kafka', name: 'Kafka' }] });
    assertValidView(view);
    expect(text(view.blocks)).toContain('Anota lo que acordaste con <@U0ADA>');
    expect(text(view.blocks)).not.toContain(AGREEMENT_FIELD.other);
    expect(text(view.blocks)).not.toContain('initial_option');
  });

  it('stays within Slack limits with many skills with long names, and says so when there is nothing to record on', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `skill-${i}`, name: `Skill ${i} ${'long '.repeat(40)}` }));
    assertValidView(buildAgreementModal({ locale: 'en', ownerId: 'U0ADA', readerIsOwner: true, skills: many }));
    const empty = buildAgreementModal({ locale: 'en', ownerId: 'U0ADA', readerIsOwner: true, skills: [] });
    assertValidView(empty);
    expect(text(empty.blocks)).toContain('no assessed skill here');
    assertValidView(buildAgreementDoneView('es', ['Guardado como nota tuya sobre *NATS*.', 'Fecha de revisión: 9 dic 2026.']));
  });
});

describe('reading the submitted modal', () => {
  const values = (steps: string | null, date: string | null, skill: string | null = 'nats', other: string | null = null) => ({
    [AGREEMENT_FIELD.skill]: { value: { type: 'static_select', selected_option: skill ? { value: skill } : null } },
    [AGREEMENT_FIELD.steps]: { value: { type: 'plain_text_input', value: steps } },
    [AGREEMENT_FIELD.followUp]: { value: { type: 'datepicker', selected_date: date } },
    [AGREEMENT_FIELD.other]: { value: { type: 'users_select', selected_user: other } },
  });
  const args = { locale: 'en' as const, skillIds: ['nats'], today: '2026-12-02', authorId: 'U0ADA', readerIsOwner: true };

  it('accepts steps, a date after today within a year, and the other person', () => {
    expect(parseAgreementSubmission(values('  Review  ', '2026-12-09', 'nats', 'U0GRACE'), args)).toEqual({
      ok: true,
      value: { skillId: 'nats', steps: 'Review', followUpOn: '2026-12-09', otherId: 'U0GRACE' },
    });
    expect(parseAgreementSubmission(values('Review', null), args)).toEqual({ ok: true, value: { skillId: 'nats', steps: 'Review', followUpOn: null, otherId: null } });
    // A viewer cannot name a third person: the other one is the owner.
    expect(parseAgreementSubmission(values('Review', null, 'nats', 'U0JEAN'), { ...args, authorId: 'U0GRACE', readerIsOwner: false })).toMatchObject({ ok: true, value: { otherId: null } });
  });

  it('gives every field error at once, in the reader language: empty steps, a past date, an unknown skill, oneself', () => {
    expect(parseAgreementSubmission(values('   ', '2026-12-02', 'kafka', 'U0ADA'), args)).toEqual({
      ok: false,
      errors: {
        [AGREEMENT_FIELD.skill]: 'Choose one of the skills listed.',
        [AGREEMENT_FIELD.steps]: 'Write the next steps you agreed.',
        [AGREEMENT_FIELD.followUp]: 'Pick a day after today.',
        [AGREEMENT_FIELD.other]: 'That is you: choose the other person, or leave it empty.',
      },
    });
    expect(parseAgreementSubmission(values(null, '2028-01-01'), { ...args, locale: 'es' })).toEqual({
      ok: false,
      errors: { [AGREEMENT_FIELD.steps]: 'Escribe los próximos pasos que acordasteis.', [AGREEMENT_FIELD.followUp]: 'Elige un día dentro de un año a partir de hoy.' },
    });
    expect(parseAgreementSubmission(values('x'.repeat(STEPS_MAX + 1), null), args)).toEqual({ ok: false, errors: { [AGREEMENT_FIELD.steps]: `Keep it to ${STEPS_MAX} characters (now ${STEPS_MAX + 1}).` } });
    expect(parseAgreementSubmission({ nonsense: 1 }, args)).toMatchObject({ ok: false });
    expect(parseAgreementMetadata('not json')).toBeUndefined();
  });
});

describe('the agreement where the owner looks', () => {
  const summary = (agreed?: AgreedNote): SkillSummary => ({
    skillId: 'nats',
    roleId: 'go',
    currentLevel: 'senior',
    targetLevel: 'lead',
    ratings: { junior: 'fully', middle: 'fully', senior: 'partly', lead: 'not_yet' },
    targetDate: null,
    goals: 'Lead',
    assessedOn: '2026-11-23',
    history: [],
    agreed,
  });

  it('/skill me and App Home: none, or the latest one per skill, within limits with the longest steps', () => {
    const none = { catalog, locale: 'en' as const, skills: [summary()], checkins: null };
    expect(text(buildMySkillsMessage(none).blocks)).not.toContain('Agreed');
    for (const locale of SUPPORTED_LOCALES) {
      const input = { ...none, locale, skills: Array.from({ length: 14 }, () => summary(note({ steps: 'step '.repeat(500), followUp: { on: '2026-12-09', when: 'passed' } }))) };
      assertValidMessage(buildMySkillsMessage(input), `me ${locale}`);
      assertValidView(buildHomeView(input), `home ${locale}`);
      expect(text(buildHomeView(input).blocks)).toContain(locale === 'en' ? 'follow-up was due 9 Dec 2026' : 'la revisión era el 9 dic 2026');
    }
  });

  it('the check-in DM: one line with the skill, or nothing', () => {
    const skill = { skillId: 'nats', skillName: 'NATS', currentLevel: 'Senior', targetLevel: 'Lead', targetDate: null, goals: 'g', assessedAt: new Date('2026-11-20T10:00:00Z') };
    const now = new Date('2026-12-07T10:00:00Z');
    expect(text(buildCheckinMessage({ locale: 'en', now, skills: [skill] }).blocks)).not.toContain('Agreed');
    const message = buildCheckinMessage({ locale: 'en', now, skills: [skill], agreed: { ...note({ withId: 'U0ANA' }), skillName: 'NATS' } });
    assertValidMessage(message);
    expect(text(message.blocks)).toContain('*NATS* · :handshake: *Agreed with <@U0ANA> on 2 Dec 2026:* Lead the consumer design review');
    assertValidMessage(buildCheckinMessage({ locale: 'es', now, skills: [skill], agreed: { ...note({ steps: 'y'.repeat(STEPS_MAX) }), skillName: 'x'.repeat(500) } }));
  });

  it('the brief: the last agreed steps per skill, what changed since the conversation, and the button for either person', () => {
    const latest: BriefAssessment = { skill_id: 'nats', role_id: 'go', ratings: { senior: 'partly' }, current_level: 'senior', target_level: 'lead', target_date: null, goals: 'Lead the guild', assessedOn: '2026-12-01' };
    const brief = (over: object, locale: 'en' | 'es' = 'en') =>
      buildOneOnOneBrief({ ownerId: 'U0ADA', readerIsOwner: false, today: '2026-12-10', skills: [{ latest, previous: latest, ...over }] }, catalog, locale);
    const plainBrief = brief({});
    expect(text(plainBrief.blocks)).toContain('No change since the previous assessment.');
    expect(text(plainBrief.blocks)).toContain('"action_id":"agreement_record"');
    expect(text(plainBrief.blocks)).toContain('"value":"U0ADA"');
    const withNote = brief({ since: '2026-12-02', note: note({ followUp: { on: '2026-12-09', when: 'passed' } }) });
    assertValidMessage(withNote);
    expect(text(withNote.blocks)).toContain('*Since the conversation on 2 Dec 2026*\\nNo change since that conversation.');
    expect(text(withNote.blocks)).toContain('Agreed with <@U0GRACE> on 2 Dec 2026:* Lead the consumer design review · _follow-up was due 9 Dec 2026_');
    const es = brief({ since: '2026-12-02', previous: { ...latest, goals: 'Lead nothing' }, note: note() }, 'es');
    expect(text(es.blocks)).toContain('*Desde la conversación del 2 dic 2026*');
    expect(text(es.blocks)).toContain('Anotar lo acordado');
  });

  it('the brief stays within Slack limits with many skills, each with the longest steps and goals', () => {
    const latest: BriefAssessment = { skill_id: 'nats', role_id: 'go', ratings: {}, current_level: 'senior', target_level: 'lead', target_date: null, goals: 'word '.repeat(400), assessedOn: '2026-12-01' };
    const skills = Array.from({ length: 20 }, () => ({ latest, previous: { ...latest, goals: 'other '.repeat(400) }, since: '2026-12-02', note: note({ steps: '<b>step</b> '.repeat(300) }) }));
    for (const locale of SUPPORTED_LOCALES) {
      const message = buildOneOnOneBrief({ ownerId: 'U0ADA', readerIsOwner: true, today: '2026-12-10', skills }, catalog, locale);
      assertValidMessage(message, `brief ${locale}`);
      expect(text(message.blocks)).toContain('agreement_record');
    }
  });
});
