import type { Catalog } from '../catalog/query.js';
import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { formatCalendarDate, localize } from '../i18n/format.js';
import { sharingMessagesFor } from '../i18n/sharing-messages.js';
import { until } from './shared-picture.js';
import { button, clip, context, escapeEntities, escapeMrkdwn, section, type SlackMessage } from './elements.js';

/**
 * The viewer's DM about a share (docs/sharing.md#the-viewers-message): who, what, until when, the note and Open.
 * It carries no assessment content, so a revoked or expired share shows nothing even in a message already
 * delivered; when the share ends the DM is replaced by `buildShareEndedDm`.
 */

export interface ShareDmInput {
  catalog: Catalog;
  locale: Locale;
  shareId: number;
  ownerId: string;
  skillIds: string[] | null;
  /** YYYY-MM-DD in the viewer's zone; null = until revoked. */
  expiresOn: string | null;
  note: string;
}

/** Skill names in the reader's language, joined for a sentence. */
export function skillNames(catalog: Catalog, skillIds: readonly string[], locale: Locale): string {
  return skillIds.map((id) => escapeEntities(localize(catalog.byId.get(id)?.name ?? id, locale))).join(', ');
}

export function buildShareDm(input: ShareDmInput): SlackMessage {
  const t = sharingMessagesFor(input.locale);
  const owner = `<@${input.ownerId}>`;
  const what = input.skillIds === null ? t.dmWhatAll : skillNames(input.catalog, input.skillIds, input.locale);
  const blocks = [
    section(t.dmBody(owner, what, until(input.expiresOn, input.locale, t)), {
      accessory: button({ actionId: ACTION.openShared, text: t.open, value: String(input.shareId), style: 'primary' }),
    }),
  ];
  if (input.note) blocks.push(section(t.dmNote(escapeMrkdwn(clip(input.note, 600)))));
  return { text: t.dmFallback(owner), blocks: [...blocks, context(t.dmPrivacy)] };
}

export type ShareEnd = { kind: 'revoked' } | { kind: 'expired'; on: string } | { kind: 'replaced' } | { kind: 'gone' };

/** What the DM says once the share has ended: no button, nothing of the picture. */
export function buildShareEndedDm(locale: Locale, ownerId: string, end: ShareEnd): SlackMessage {
  const t = sharingMessagesFor(locale);
  const owner = `<@${ownerId}>`;
  const text =
    end.kind === 'revoked'
      ? t.endedRevoked(owner)
      : end.kind === 'expired'
        ? t.endedExpired(owner, formatCalendarDate(end.on, locale))
        : end.kind === 'replaced'
          ? t.endedReplaced(owner)
          : t.endedGone(owner);
  const fallback = end.kind === 'revoked' ? t.endedRevokedFallback(owner) : t.endedExpiredFallback(owner);
  return { text: fallback, blocks: [section(text)] };
}
