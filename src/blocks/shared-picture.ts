import type { KnownBlock, ModalView } from '@slack/types';
import type { Catalog } from '../catalog/query.js';
import type { Locale } from '../config.js';
import type { Rating } from '../db/schema.js';
import { ACTION, VIEW } from '../ids.js';
import { briefMessagesFor } from '../i18n/brief-messages.js';
import { formatCalendarDate, localize } from '../i18n/format.js';
import { sharingMessagesFor, type SharingMessages } from '../i18n/sharing-messages.js';
import { button, clip, context, divider, escapeEntities, escapeMrkdwn, LIMIT, plain, section } from './elements.js';
import { expectationsLeft, pathOf } from './my-path.js';

/**
 * The growth picture a viewer opens (docs/sharing.md#the-picture): read-only, rendered only after the access check
 * (services/sharing-access.ts), with no button that acts on the owner's data and no way to share it on.
 */

/** One shared skill: the fields of my-skills.ts's SkillSummary (not imported: my-skills.ts shows these lists). */
export interface SharedSkillSummary {
  skillId: string;
  roleId: string;
  currentLevel: string;
  targetLevel: string;
  targetDate: string | null;
  goals: string;
  /** YYYY-MM-DD in the reader's zone. */
  assessedOn: string;
  /** Newest first. */
  history: { date: string; level: string }[];
}

export interface SharedPicture {
  shareId: number;
  ownerId: string;
  /** null = all the owner's skills. */
  skillIds: string[] | null;
  /** YYYY-MM-DD in the reader's zone, or null: until revoked. */
  expiresOn: string | null;
  skills: { summary: SharedSkillSummary; ratings: Record<string, Rating> }[];
  /** Already formatted for the reader; null when no check-in is coming. */
  nextCheckin: string | null;
}

/** Each skill takes five blocks; the rest of the modal four. */
const MAX_SKILLS = Math.floor((LIMIT.viewBlocks - 4) / 5);

export function buildSharedPictureModal(picture: SharedPicture, catalog: Catalog, locale: Locale): ModalView {
  const t = sharingMessagesFor(locale);
  const blocks: KnownBlock[] = [
    section(`*${t.pictureHeader(`<@${picture.ownerId}>`)}*`),
    context(t.pictureContext(until(picture.expiresOn, locale, t))),
    // Opens a brief for the viewer (docs/one-on-one-brief.md): it reads, it does not act on the owner's data.
    { type: 'actions', elements: [button({ actionId: ACTION.prepareBrief, text: briefMessagesFor(locale).prepareButton, value: picture.ownerId })] },
  ];
  if (picture.skills.length === 0) blocks.push(section(t.pictureNothing));
  for (const { summary, ratings } of picture.skills.slice(0, MAX_SKILLS)) blocks.push(divider(), ...skillBlocks(summary, ratings, catalog, locale, t));
  blocks.push(context(picture.nextCheckin ? t.nextCheckin(picture.nextCheckin) : t.noCheckin));
  return { type: 'modal', callback_id: VIEW.sharedPicture, title: plain(t.pictureTitle, LIMIT.modalTitle), close: plain(t.close, LIMIT.buttonText), blocks };
}

/** Said instead of the picture when the share no longer holds (or never did for this person). */
export function buildShareRefusedModal(locale: Locale, reason: 'ended' | 'not_found'): ModalView {
  const t = sharingMessagesFor(locale);
  return {
    type: 'modal',
    callback_id: `${VIEW.sharedPicture}_refused`,
    title: plain(t.refusedTitle, LIMIT.modalTitle),
    close: plain(t.close, LIMIT.buttonText),
    blocks: [section(reason === 'ended' ? t.refusedEnded : t.refusedNotFound)],
  };
}

export function buildPictureLoadingModal(locale: Locale): ModalView {
  const t = sharingMessagesFor(locale);
  return { type: 'modal', callback_id: `${VIEW.sharedPicture}_loading`, title: plain(t.pictureTitle, LIMIT.modalTitle), blocks: [section(t.loading)] };
}

/** "until 15 Jan 2027" / "until they revoke it", from the viewer's side. */
export function until(expiresOn: string | null, locale: Locale, t: SharingMessages = sharingMessagesFor(locale)): string {
  return expiresOn ? t.viewerUntil(formatCalendarDate(expiresOn, locale)) : t.viewerUntilRevoked;
}

function skillBlocks(summary: SharedSkillSummary, ratings: Record<string, Rating>, catalog: Catalog, locale: Locale, t: SharingMessages): KnownBlock[] {
  const skill = catalog.byId.get(summary.skillId);
  const name = skill ? localize(skill.name, locale) : summary.skillId;
  const level = (id: string) => {
    const found = skill?.levels.find((l) => l.id === id);
    return found ? localize(found.name, locale) : id;
  };
  const role = skill?.roles.find((r) => r.id === summary.roleId);
  const targetDate = summary.targetDate ? ` · ${formatCalendarDate(summary.targetDate, locale)}` : '';
  const from = skill?.levels.findIndex((l) => l.id === summary.currentLevel) ?? -1;
  const to = skill?.levels.findIndex((l) => l.id === summary.targetLevel) ?? -1;
  const path = skill && from >= 0 && to > from ? skill.levels.slice(from, to + 1).map((l) => localize(l.name, locale)).join(' → ') : undefined;
  // What is left on the way (blocks/my-path.ts counts it), in words that read from the viewer's side.
  const left = expectationsLeft(pathOf(skill, { roleId: summary.roleId, currentLevel: summary.currentLevel, targetLevel: summary.targetLevel, ratings }));
  const head = [
    `*${escapeEntities(name)}*${role ? ` · ${t.role}: ${escapeEntities(localize(role.name, locale))}` : ''}`,
    `${level(summary.currentLevel)} → *${level(summary.targetLevel)}*${targetDate}`,
    path && to - from > 1 ? `${t.path}: ${path}` : undefined,
    left !== undefined ? briefMessagesFor(locale).pathLeft(left, escapeEntities(level(summary.targetLevel))) : undefined,
  ].filter(Boolean);
  const ratingLines = (skill?.levels ?? []).map((l) => {
    const requirement = l.requirements.find((r) => r.role === summary.roleId);
    const text = requirement ? escapeEntities(clip(localize(requirement.text, locale), 380)) : '—';
    return `*${escapeEntities(localize(l.name, locale))}* · ${ratingLabel(ratings[l.id], t)}\n${text}`;
  });
  const goals = summary.goals ? escapeMrkdwn(clip(summary.goals, 2000)) : '—';
  const history = summary.history
    .slice(0, 8)
    .map((entry) => `${formatCalendarDate(entry.date, locale)} · ${level(entry.level)}`)
    .join('   ');
  return [
    section(head.join('\n')),
    section(clip(`*${t.ratings}*\n${ratingLines.join('\n')}`, LIMIT.sectionText)),
    section(`*${t.goalsLabel}*\n${goals}`),
    context(`${t.assessed(formatCalendarDate(summary.assessedOn, locale))}`, `${t.history}: ${history}`),
  ];
}

function ratingLabel(rating: Rating | undefined, t: SharingMessages): string {
  if (rating === 'fully') return t.ratingFully;
  if (rating === 'partly') return t.ratingPartly;
  if (rating === 'not_yet') return t.ratingNotYet;
  return t.ratingNone;
}
