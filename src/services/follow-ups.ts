import type { SlackMessage } from '../blocks/elements.js';
import { buildFollowUpMessage, buildLeadFollowUpMessage, withFollowUp, type FollowUpNoteView } from '../blocks/follow-up-message.js';
import type { Locale } from '../config.js';
import type { ClaimedDelivery } from '../db/repositories/checkin-deliveries.js';
import { findFollowUpDelivery, leadOf, markFollowUpsDone, notesOfFollowUp } from '../db/repositories/follow-ups.js';
import { findUserSettings } from '../db/repositories/user-settings.js';
import type { ConversationNoteRow } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { localeFromSlack, localize } from '../i18n/format.js';
import { localDateIn, usableTimeZone } from '../time/check-in-time.js';
import { skillsStillShared } from './sharing-access.js';

/**
 * Follow-ups of agreed next steps (docs/follow-ups.md): what the owner's and the lead's follow-up DMs say (for
 * services/delivery-messages.ts), and **Done**, which marks the notes a DM carried. Saving a note schedules its
 * follow-up (services/agreements.ts).
 */

/** What a claimed delivery posts, or why nobody should get it any more (services/delivery-messages.ts). */
export type DeliveryMessage = { post: SlackMessage } | { cancel: string };

/** The owner's follow-up alone, or a check-in due the same day with the follow-up on top. */
export async function ownerFollowUpMessage(deps: Deps, row: ClaimedDelivery, checkin: { message: SlackMessage; locale: Locale; tz: string } | undefined): Promise<DeliveryMessage> {
  const notes = await notesOfFollowUp(deps.db, row);
  if (checkin) {
    if (notes.length === 0) return { post: checkin.message };
    return { post: withFollowUp(checkin.message, { locale: checkin.locale, deliveryId: row.id, notes: noteViews(deps, notes, checkin.locale, usableTimeZone(checkin.tz)) }) };
  }
  if (notes.length === 0) return { cancel: 'the follow-up has no notes left (forgotten)' };
  const settings = await findUserSettings(deps.db, row.team_id, row.user_id);
  const locale = localeFromSlack(settings?.locale, deps.config.defaultLocale);
  return { post: buildFollowUpMessage({ locale, deliveryId: row.id, notes: noteViews(deps, notes, locale, usableTimeZone(settings?.tz)) }) };
}

/** The lead's short DM, only while a share from the owner still covers one of the skills. */
export async function leadFollowUpMessage(deps: Deps, row: ClaimedDelivery): Promise<DeliveryMessage> {
  const notes = await notesOfFollowUp(deps.db, row);
  const ownerId = notes[0]?.owner_id;
  if (!ownerId) return { cancel: 'the follow-up has no notes left (forgotten)' };
  const shared = await skillsStillShared(deps, row.team_id, row.user_id, ownerId, [...new Set(notes.map((n) => n.skill_id))]);
  if (shared.length === 0) return { cancel: 'the share ended' };
  const settings = await findUserSettings(deps.db, row.team_id, row.user_id);
  const locale = localeFromSlack(settings?.locale, deps.config.defaultLocale);
  const tz = usableTimeZone(settings?.tz);
  const earliest = notes.reduce((a, b) => (b.created_at < a.created_at ? b : a));
  return { post: buildLeadFollowUpMessage({ locale, ownerId, agreedOn: localDateIn(tz, earliest.created_at), skillNames: shared.map((id) => skillName(deps, id, locale)) }) };
}

function noteViews(deps: Deps, notes: ConversationNoteRow[], locale: Locale, tz: string): FollowUpNoteView[] {
  return notes.map((n) => ({
    skillId: n.skill_id,
    skillName: skillName(deps, n.skill_id, locale),
    steps: n.steps,
    agreedOn: localDateIn(tz, n.created_at),
    withPerson: leadOf(n),
  }));
}

function skillName(deps: Deps, skillId: string, locale: Locale): string {
  const skill = deps.catalog.byId.get(skillId);
  return skill ? localize(skill.name, locale) : skillId;
}

/**
 * **Done** on a follow-up: marks the notes that DM carried, only if it is the clicker's own follow-up. Returns the
 * local date it was marked (for the redrawn message), or undefined for someone else's or an unknown delivery.
 */
export async function markAgreementsDone(deps: Deps, key: { teamId: string; userId: string; deliveryId: number; tz: string }): Promise<string | undefined> {
  const delivery = await findFollowUpDelivery(deps.db, { teamId: key.teamId, userId: key.userId, deliveryId: key.deliveryId });
  if (!delivery || delivery.kind === 'lead_follow_up') return undefined;
  const now = deps.now();
  await markFollowUpsDone(deps.db, { teamId: key.teamId, ownerId: key.userId, deliveryId: delivery.id, at: now });
  return localDateIn(key.tz, now);
}
