import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { VIEW } from '../../ids.js';
import { handleAssessmentSubmit } from './assessment-submit.js';
import { handlePauseUntilSubmit } from './pause-until-submit.js';

/** Registers the view submission listeners; returns their callback ids so unknown ones can be told apart. */
export function registerViews(app: App, deps: Deps): string[] {
  app.view(VIEW.assessment, handleAssessmentSubmit(deps));
  app.view(VIEW.pauseUntil, handlePauseUntilSubmit(deps));
  return [VIEW.assessment, VIEW.pauseUntil];
}
