import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { VIEW } from '../../ids.js';
import type { Route } from '../dispatch.js';
import { handleAgreementSubmit } from './agreement-submit.js';
import { handleMoveFollowUpSubmit } from './move-follow-up-submit.js';
import { handleAssessmentSubmit } from './assessment-submit.js';
import { handlePauseUntilSubmit } from './pause-until-submit.js';
import { handleShareSubmit } from './share-submit.js';

export type ViewHandler = Middleware<SlackViewMiddlewareArgs<SlackViewAction>>;

/** Which handler answers each modal's submission, by callback id. */
export function viewRoutes(deps: Deps): Route<ViewHandler>[] {
  return [
    [VIEW.assessment, handleAssessmentSubmit(deps) as ViewHandler],
    [VIEW.share, handleShareSubmit(deps) as ViewHandler],
    [VIEW.pauseUntil, handlePauseUntilSubmit(deps) as ViewHandler],
    [VIEW.agreement, handleAgreementSubmit(deps) as ViewHandler],
    [VIEW.moveFollowUp, handleMoveFollowUpSubmit(deps) as ViewHandler],
  ];
}
