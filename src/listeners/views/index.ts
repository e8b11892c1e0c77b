import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { VIEW } from '../../ids.js';
import { handleAssessmentSubmit } from './assessment-submit.js';

export function registerViews(app: App, deps: Deps): void {
  app.view(VIEW.assessment, handleAssessmentSubmit(deps));
}
