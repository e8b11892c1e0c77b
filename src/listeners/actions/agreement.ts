import type { Deps } from '../../deps.js';
import { openAgreementModal, openMoveFollowUpModal } from '../../services/agreements.js';
import { onModalClick } from './modal-click.js';

/**
 * "Record what we agreed" on the 1:1 brief (docs/one-on-one-brief.md#agreed-next-steps): pushed over the brief's
 * modal, or opened from the `/skill prep` answer. Only the skills the access check lets this person see are offered.
 */
export const handleRecordAgreement = (deps: Deps) =>
  onModalClick('record agreement', async ({ teamId, userId: readerId, triggerId, value: ownerId }, { body, client, logger }) => {
    if (!ownerId || !/^[UW][A-Z0-9]{1,20}$/.test(ownerId)) {
      logger.warn('record agreement: unexpected payload');
      return;
    }
    try {
      const outcome = await openAgreementModal(deps, client, { triggerId, teamId, readerId, ownerId, push: body.container?.type === 'view' });
      logger.info('agreement modal opened', { teamId, userId: readerId, ownerId, outcome });
    } catch (error) {
      logger.error('record agreement: could not open the modal', { teamId, userId: readerId, ownerId }, error);
    }
  });

/** "Change follow-up" on the owner's latest agreement (`/skill me`, App Home): the date modal (docs/follow-ups.md). */
export const handleMoveFollowUpOpen = (deps: Deps) =>
  onModalClick('change follow-up', async ({ teamId, userId, triggerId, value }, { client, logger }) => {
    const noteId = Number(value);
    if (!Number.isSafeInteger(noteId) || noteId <= 0) {
      logger.warn('change follow-up: unexpected payload');
      return;
    }
    try {
      const outcome = await openMoveFollowUpModal(deps, client, { triggerId, teamId, userId, noteId });
      logger.info('change follow-up modal opened', { teamId, userId, noteId, outcome });
    } catch (error) {
      logger.error('change follow-up: could not open the modal', { teamId, userId, noteId }, error);
    }
  });
