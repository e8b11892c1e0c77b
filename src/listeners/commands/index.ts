import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { COMMAND } from '../../ids.js';
import type { Route } from '../dispatch.js';
import { handleSkillCommand } from './skill.js';

/** The slash commands, by name; manifest.yml declares exactly these (a test checks). */
export function commandRoutes(deps: Deps): Route<Middleware<SlackCommandMiddlewareArgs>>[] {
  return [[COMMAND, handleSkillCommand(deps)]];
}
