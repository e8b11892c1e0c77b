import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { handleAssessOpen } from './assess.js';
import { handleAssessmentRoleChange } from './assessment-role.js';
import { handleCardAction } from './card-actions.js';
import { handlePause, handleResume, handleSnooze } from './checkin-actions.js';
import { handleForget } from './forget.js';

/** Action ids may carry a `:suffix` (◀/▶, suggestion index) because ids must be unique within a block. */
const withSuffix = (actionId: string) => new RegExp(`^${actionId}(:[a-z0-9]+)?$`);

export function registerActions(app: App, deps: Deps): void {
  app.action(withSuffix(ACTION.openLevel), handleCardAction(deps, 'open-level'));
  app.action(ACTION.filterRole, handleCardAction(deps, 'filter-role'));
  app.action(withSuffix(ACTION.openSkill), handleCardAction(deps, 'open-skill'));
  app.action(ACTION.share, handleCardAction(deps, 'share'));
  app.action(ACTION.assess, handleAssessOpen(deps));
  app.action(ACTION.assessmentRole, handleAssessmentRoleChange(deps));
  app.action(ACTION.forgetConfirm, handleForget(deps, 'confirm'));
  app.action(ACTION.forgetCancel, handleForget(deps, 'cancel'));
  app.action(withSuffix(ACTION.snooze), handleSnooze(deps));
  app.action(ACTION.pause, handlePause(deps));
  app.action(ACTION.resume, handleResume(deps));
}
