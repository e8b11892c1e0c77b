import { buildMyPathModal, buildMyPathNotice, pathOf, standingOf } from '../../blocks/my-path.js';
import type { Deps } from '../../deps.js';
import { findLatestAssessment } from '../../db/repositories/assessments.js';
import { myPathMessagesFor } from '../../i18n/my-path-messages.js';
import { getUserProfile } from '../../services/user-profile.js';
import { onModalClick } from './modal-click.js';

/**
 * "My path" (App Home, `/skill me`, the confirmation DM): the whole path in a modal. A trigger_id is single-use and
 * expires 3 seconds after the click, so a "loading" modal opens first (no I/O), then the language and the latest
 * assessment are read and the modal is updated in place, as the assessment modal does (services/assessment-modal.ts).
 * The value is a skill id (untrusted): an unknown skill or stale ids in the assessment show a sentence, not an error.
 */
export const handleOpenPath = (deps: Deps) =>
  onModalClick('my path', async ({ teamId, userId, triggerId, value }, { client, logger }) => {
    const skillId = value ?? '';
    const context = { teamId, userId, skillId };
    const fallbackLocale = deps.config.defaultLocale;
    let opened;
    try {
      opened = await client.views.open({ trigger_id: triggerId, view: buildMyPathNotice(fallbackLocale, myPathMessagesFor(fallbackLocale).loading) });
    } catch (error) {
      logger.error('my path: could not open the modal', context, error);
      return;
    }
    const viewId = opened.view?.id;
    if (!viewId) return;
    let locale = fallbackLocale;
    let view;
    try {
      locale = (await getUserProfile(deps, client, teamId, userId)).locale;
      const skill = deps.catalog.byId.get(skillId);
      const latest = skill ? await findLatestAssessment(deps.db, teamId, userId, skill.id) : undefined;
      view = buildMyPathModal(skill ? pathOf(skill, latest && standingOf(latest)) : { kind: 'stale' }, locale);
    } catch (error) {
      logger.error('my path: could not load the path', context, error);
      view = buildMyPathNotice(locale, myPathMessagesFor(locale).loadFailed);
    }
    try {
      await client.views.update({ view_id: viewId, ...(opened.view?.hash ? { hash: opened.view.hash } : {}), view });
    } catch (error) {
      logger.error('my path: could not show the path', context, error);
    }
  });
