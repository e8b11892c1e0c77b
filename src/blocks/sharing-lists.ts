import type { Button, KnownBlock } from '@slack/types';
import type { Catalog } from '../catalog/query.js';
import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { formatCalendarDate, localize } from '../i18n/format.js';
import { sharingMessagesFor, type SharingMessages } from '../i18n/sharing-messages.js';
import { skillNames } from './share-dm.js';
import { until, type SharedPicture } from './shared-picture.js';
import { button, context, divider, header, section, type SlackMessage } from './elements.js';

/**
 * "Who can see my growth" (the owner's shares, with how often each was opened, and Revoke) and "Shared with me"
 * (the viewer's, with Open): in App Home, and the first also for `/skill sharing` (docs/sharing.md#seeing-and-controlling-it).
 */

export interface GivenShare {
  id: number;
  viewerId: string;
  skillIds: string[] | null;
  /** YYYY-MM-DD in the owner's zone; null = until revoked. */
  expiresOn: string | null;
  /** Revoked or expired: listed for its log, without Revoke. */
  ended: boolean;
  opened: number;
  /** Already formatted in the owner's zone and language. */
  lastOpened: string | null;
}

export interface SharingOverview {
  given: GivenShare[];
  /** Openings by viewers who have since deleted their data: a count, never a name. */
  anonymousViews: number;
  /** Pictures shared with this person that still hold (through services/sharing-access.ts). */
  received: SharedPicture[];
}

/** One row per share at most, so a lead with many reports stays within App Home's 100 blocks. */
const MAX_ROWS = 20;

export function sharesGivenBlocks(overview: Pick<SharingOverview, 'given' | 'anonymousViews'>, catalog: Catalog, locale: Locale): KnownBlock[] {
  const t = sharingMessagesFor(locale);
  const blocks: KnownBlock[] = [section(`*${t.homeSharedTitle}*`)];
  const active = overview.given.filter((g) => !g.ended);
  if (active.length === 0 && overview.given.length === 0) blocks.push(context(t.homeSharedEmpty));
  for (const share of overview.given.slice(0, MAX_ROWS)) {
    const what = share.skillIds === null ? t.whatAll : skillNames(catalog, share.skillIds, locale);
    const expiry = share.ended ? t.ended : share.expiresOn ? t.untilDate(formatCalendarDate(share.expiresOn, locale)) : t.untilRevokedLower;
    const opened = [t.opened(share.opened), share.lastOpened ? t.lastOpened(share.lastOpened) : undefined].filter(Boolean).join(', ');
    blocks.push(section(`*<@${share.viewerId}>* · ${what} · ${expiry}\n${opened}`, share.ended ? {} : { accessory: revokeButton(share.id, t) }));
  }
  if (overview.anonymousViews > 0) blocks.push(context(t.anonymousViews(overview.anonymousViews)));
  return blocks;
}

export function sharedWithMeBlocks(received: readonly SharedPicture[], catalog: Catalog, locale: Locale): KnownBlock[] {
  if (received.length === 0) return [];
  const t = sharingMessagesFor(locale);
  const blocks: KnownBlock[] = [section(`*${t.homeReceivedTitle}*`)];
  for (const picture of received.slice(0, MAX_ROWS)) {
    const lines = picture.skills.slice(0, 6).map(({ summary }) => {
      const skill = catalog.byId.get(summary.skillId);
      const level = (id: string) => localize(skill?.levels.find((l) => l.id === id)?.name ?? id, locale);
      const name = localize(skill?.name ?? summary.skillId, locale);
      return `${name}: ${level(summary.currentLevel)} → *${level(summary.targetLevel)}* · ${t.lastAssessed(formatCalendarDate(summary.assessedOn, locale))}`;
    });
    if (lines.length === 0) lines.push(`_${t.noAssessment}_`);
    blocks.push(
      section(`*<@${picture.ownerId}>* · ${until(picture.expiresOn, locale, t)}\n${lines.join('\n')}`, {
        accessory: button({ actionId: ACTION.openShared, text: t.open, value: String(picture.shareId) }),
      }),
    );
  }
  return blocks;
}

/** Both sections for App Home: "Shared with me" first for a lead, then the person's own shares. */
export function sharingHomeBlocks(overview: SharingOverview, catalog: Catalog, locale: Locale): KnownBlock[] {
  const received = sharedWithMeBlocks(overview.received, catalog, locale);
  return [...(received.length > 0 ? [...received, divider()] : []), ...sharesGivenBlocks(overview, catalog, locale), divider()];
}

/** `/skill sharing`: the owner's shares as an ephemeral message. */
export function buildSharingMessage(overview: Pick<SharingOverview, 'given' | 'anonymousViews'>, catalog: Catalog, locale: Locale, notice?: string): SlackMessage {
  const t = sharingMessagesFor(locale);
  const blocks: KnownBlock[] = [header(t.sharingTitle)];
  if (notice) blocks.push(section(notice));
  blocks.push(...sharesGivenBlocks(overview, catalog, locale), context(t.sharingHelp));
  return { text: notice ?? t.sharingFallback, blocks };
}

/** "Share with…" for one skill (its id) or for all (no value): on my skills and the confirmation DM. */
export function shareWithButton(locale: Locale, skillId?: string): Button {
  return button({ actionId: ACTION.shareWith, text: sharingMessagesFor(locale).shareWith, ...(skillId ? { value: skillId } : {}) });
}

function revokeButton(shareId: number, t: SharingMessages): Button {
  return {
    ...button({ actionId: ACTION.revokeShare, text: t.revoke, value: String(shareId), style: 'danger' }),
    confirm: {
      title: { type: 'plain_text', text: t.revokeConfirmTitle },
      text: { type: 'plain_text', text: t.revokeConfirmText },
      confirm: { type: 'plain_text', text: t.revoke },
      deny: { type: 'plain_text', text: t.cancel },
      style: 'danger',
    },
  };
}
