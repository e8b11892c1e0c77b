import { describe, expect, it } from 'vitest';
import { buildHomeView, type SkillSummary } from '../../src/blocks/my-skills.js';
import { buildShareDm, buildShareEndedDm } from '../../src/blocks/share-dm.js';
import { buildShareDoneView, buildShareModal, parseShareSubmission } from '../../src/blocks/share-modal.js';
import { buildSharedPictureModal, buildShareRefusedModal, type SharedPicture } from '../../src/blocks/shared-picture.js';
import { buildSharingMessage, type GivenShare } from '../../src/blocks/sharing-lists.js';
import { buildCatalog } from '../../src/catalog/query.js';
import type { Skill } from '../../src/catalog/schema.js';
import { SUPPORTED_LOCALES } from '../../src/config.js';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';

const shipped = await shippedCatalog();
const nats = shipped.byId.get('nats')!;
/** More skills with longer texts than a real catalog, to push every surface against Slack's limits. */
const big = buildCatalog(Array.from({ length: 30 }, (_, i): Skill => ({ ...nats, id: `skill-${i}`, name: `Skill ${i} ${'x'.repeat(100)}` })));

const summary = (skillId: string): SkillSummary => ({
  skillId,
  roleId: 'go',
  currentLevel: 'junior',
  targetLevel: 'principal',
  ratings: { junior: 'fully', mid: 'partly' },
  targetDate: '2027-06-30',
  goals: `*Lead* <!channel> ${'g'.repeat(2000)}`,
  assessedOn: '2026-11-23',
  history: Array.from({ length: 8 }, (_, i) => ({ date: `2026-0${i + 1}-15`, level: 'middle' })),
});
const picture = (skills: number, shareId = 1): SharedPicture => ({
  shareId,
  ownerId: `U0OWNER${shareId}`,
  skillIds: null,
  expiresOn: '2027-01-15',
  skills: Array.from({ length: skills }, (_, i) => ({ summary: summary(skills === 1 ? 'nats' : `skill-${i}`), ratings: { junior: 'fully', middle: 'partly' } })),
  nextCheckin: 'Mon 7 Dec, 10:00',
});
const given = (n: number): GivenShare[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, viewerId: `U0VIEW${i}`, skillIds: i % 2 ? null : big.skills.slice(0, 5).map((s) => s.id), expiresOn: i % 3 ? '2027-01-15' : null, ended: i % 4 === 0, opened: i, lastOpened: i ? 'Mon 7 Dec, 10:00' : null }));

describe.each(SUPPORTED_LOCALES)('sharing surfaces in %s', (locale) => {
  it('the modal, with and without a skill and a person, and its confirmation', () => {
    assertValidView(buildShareModal({ catalog: big, locale, skillId: 'skill-1', viewerId: 'U0ANA' }));
    assertValidView(buildShareModal({ catalog: big, locale, unresolvedName: `ana${'_*'.repeat(200)}` }));
    assertValidView(buildShareDoneView(locale, 'x'.repeat(2000)));
  });

  it('the viewer DM, open and ended, carries no assessment content', () => {
    const dm = buildShareDm({ catalog: big, locale, shareId: 7, ownerId: 'U0OWNER', skillIds: big.skills.map((s) => s.id), expiresOn: null, note: `<!here> ${'n'.repeat(500)}` });
    assertValidMessage(dm);
    expect(JSON.stringify(dm)).not.toContain('<!here>');
    for (const end of [{ kind: 'revoked' }, { kind: 'expired', on: '2027-01-15' }, { kind: 'replaced' }, { kind: 'gone' }] as const) assertValidMessage(buildShareEndedDm(locale, 'U0OWNER', end));
  });

  it('the picture stays within 100 blocks and the text limits with many long skills, and has no button but Prepare 1:1', () => {
    const modal = buildSharedPictureModal(picture(30), big, locale);
    assertValidView(modal);
    expect([...JSON.stringify(modal).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1])).toEqual(['brief_prepare']);
    expect(JSON.stringify(modal)).not.toContain('<!channel>');
    assertValidView(buildSharedPictureModal(picture(0), big, locale));
    // The path from Junior to Principal (Go): Middle rated partly, Senior, Lead and Principal not rated yet.
    const one = JSON.stringify(buildSharedPictureModal(picture(1), shipped, locale));
    expect(one).toContain(locale === 'es' ? '4 expectativas pendientes hasta Principal' : '4 expectations left on the way to Principal');
    assertValidView(buildShareRefusedModal(locale, 'ended'));
    assertValidView(buildShareRefusedModal(locale, 'not_found'));
  });

  it('a lead with many reports: App Home and /skill sharing stay within their limits', () => {
    const sharing = { given: given(30), anonymousViews: 3, received: Array.from({ length: 30 }, (_, i) => picture(6, i + 1)) };
    const home = buildHomeView({ catalog: big, locale, skills: big.skills.map((s) => summary(s.id)), checkins: null, sharing });
    assertValidView(home);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    assertValidView(buildHomeView({ catalog: big, locale, skills: [], checkins: null, sharing }));
    assertValidMessage(buildSharingMessage(sharing, big, locale, 'notice'));
    assertValidMessage(buildSharingMessage({ given: [], anonymousViews: 0 }, big, locale));
  });
});

describe('the share form', () => {
  const values = (person: string | null, skill = 'nats', note = '') => ({
    share_person: { value: { selected_user: person } },
    share_skills: { value: { selected_option: { value: skill } } },
    share_duration: { value: { selected_option: { value: '3m' } } },
    share_note: { value: { value: note } },
  });
  it('reads a valid choice; all skills is null', () => {
    expect(parseShareSubmission(values('U0ANA', '*', ' hi '), shipped, 'en', 'U0ME')).toEqual({ ok: true, value: { viewerId: 'U0ANA', skillIds: null, duration: '3m', note: 'hi' } });
  });
  it('refuses nobody, myself, an unknown skill and a long note, as field errors', () => {
    expect(parseShareSubmission(values(null), shipped, 'en', 'U0ME')).toEqual({ ok: false, errors: { share_person: 'Choose a person.' } });
    expect(parseShareSubmission(values('U0ME'), shipped, 'es', 'U0ME')).toEqual({ ok: false, errors: { share_person: 'Esa persona eres tú: elige a otra.' } });
    expect(parseShareSubmission(values('U0ANA', 'gone', 'n'.repeat(501)), shipped, 'en', 'U0ME')).toEqual({
      ok: false,
      errors: { share_skills: 'That skill is no longer in the catalog: choose one of the options.', share_note: 'The note can be up to 500 characters (you have 501).' },
    });
  });
});
