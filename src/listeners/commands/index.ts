import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { COMMAND } from '../../ids.js';
import { handleSkillCommand } from './skill.js';

export function registerCommands(app: App, deps: Deps): void {
  app.command(COMMAND, handleSkillCommand(deps));
}
