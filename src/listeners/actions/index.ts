import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import type { Route } from '../dispatch.js';
import { handleMoveFollowUpOpen, handleRecordAgreement } from './agreement.js';
import { handleAssessOpen } from './assess.js';
import { handleAssessmentRoleChange } from './assessment-role.js';
import { handleCardAction } from './card-actions.js';
import { handleCompareAction } from './compare-actions.js';
import { handleKeepCadence, handlePause, handleResume, handleSnooze } from './checkin-actions.js';
import { handleExportData } from './export-data.js';
import { handleFollowUpDone, handleOpenBrief } from './follow-ups.js';
import { handleForget } from './forget.js';
import { handleOpenPath } from './my-path.js';
import { handleOpenShared, handlePrepareBrief, handleRevokeShare, handleShareWith } from './sharing.js';
import { handlePauseUntilOpen } from './pause-until.js';

/** Action ids may carry a `:suffix` (◀/▶, suggestion index) because ids must be unique within a block. */
const withSuffix = (actionId: string) => new RegExp(`^${actionId}(:[a-z0-9]+)?$`);

export type ActionHandler = Middleware<SlackActionMiddlewareArgs<BlockAction>>;

/** Which handler answers each action id (buttons and selects in messages, App Home and modals). */
export function actionRoutes(deps: Deps): Route<ActionHandler>[] {
  return [
    [withSuffix(ACTION.openLevel), handleCardAction(deps, 'open-level')],
    [ACTION.filterRole, handleCardAction(deps, 'filter-role')],
    [withSuffix(ACTION.openSkill), handleCardAction(deps, 'open-skill')],
    [ACTION.share, handleCardAction(deps, 'share')],
    [withSuffix(ACTION.openCompare), handleCompareAction(deps, 'open')],
    [ACTION.compareWith, handleCompareAction(deps, 'open')],
    [ACTION.filterCompare, handleCompareAction(deps, 'open')],
    [ACTION.shareCompare, handleCompareAction(deps, 'share')],
    [withSuffix(ACTION.assess), handleAssessOpen(deps)],
    [ACTION.assessmentRole, handleAssessmentRoleChange(deps)],
    [ACTION.openPath, handleOpenPath(deps)],
    [ACTION.forgetConfirm, handleForget(deps, 'confirm')],
    [ACTION.forgetCancel, handleForget(deps, 'cancel')],
    [withSuffix(ACTION.snooze), handleSnooze(deps)],
    [ACTION.pause, handlePause(deps)],
    [ACTION.resume, handleResume(deps)],
    [ACTION.shareWith, handleShareWith(deps)],
    [ACTION.openShared, handleOpenShared(deps)],
    [ACTION.revokeShare, handleRevokeShare(deps)],
    [ACTION.prepareBrief, handlePrepareBrief(deps)],
    [ACTION.openBrief, handleOpenBrief(deps)],
    [ACTION.followUpDone, handleFollowUpDone(deps)],
    [ACTION.recordAgreement, handleRecordAgreement(deps)],
    [ACTION.moveFollowUp, handleMoveFollowUpOpen(deps)],
    [ACTION.keepCadence, handleKeepCadence(deps)],
    [ACTION.pauseUntil, handlePauseUntilOpen(deps)],
    [ACTION.exportData, handleExportData(deps)],
  ];
}
