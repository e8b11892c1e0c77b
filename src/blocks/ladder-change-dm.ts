import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { localize, type LocalizedText } from '../i18n/format.js';
import { ladderChangeMessagesFor } from '../i18n/ladder-change-messages.js';
import type { KnownBlock } from '@slack/types';
import { button, context, escapeEntities, header, LIMIT, MESSAGE_TEXT_BUDGET, section, type SlackMessage } from './elements.js';
import { changesBetween, renderRuns, wordsOf } from './marked-diff.js';

/**
 * The DM that tells a person the ladder changed under an assessment (docs/ladder-changes.md#the-dm): per level they
 * assessed, the old and new requirement with the change marked (or the old text of a level removed), and
 * Re-assess, which opens the assessment modal. Pure.
 */

export type LadderChange =
  | { kind: 'changed'; levelId: string; levelName: LocalizedText; before: LocalizedText; after: LocalizedText }
  | { kind: 'removed'; levelId: string; levelName: LocalizedText; before: LocalizedText };

export interface LadderChangeDmInput {
  locale: Locale;
  skillId: string;
  skillName: LocalizedText;
  roleName: LocalizedText;
  changes: readonly LadderChange[];
}

/** Levels are at most 20 (catalog/schema.ts), each a header line and one marked line: well inside 50 blocks. */
const HEAD_ROOM = 1500;

export function buildLadderChangeDm(input: LadderChangeDmInput): SlackMessage {
  const t = ladderChangeMessagesFor(input.locale);
  const skill = localize(input.skillName, input.locale);
  const changes = input.changes.slice(0, LIMIT.messageBlocks - 6);
  // Each change gets an equal share of the message's text budget, never more than a section holds.
  const perChange = Math.max(120, Math.min(LIMIT.sectionText - 200, Math.floor((MESSAGE_TEXT_BUDGET - HEAD_ROOM) / Math.max(1, changes.length)) - 100));
  const blocks: KnownBlock[] = [header(t.title(skill)), section(t.intro(escapeEntities(localize(input.roleName, input.locale))))];
  for (const change of changes) {
    const level = escapeEntities(localize(change.levelName, input.locale));
    const before = localize(change.before, input.locale);
    if (change.kind === 'changed') {
      const line = renderRuns(changesBetween(before, localize(change.after, input.locale)), perChange);
      blocks.push(section(`${t.changedLevel(level)}\n${line}`));
    } else {
      blocks.push(section(`${t.removedLevel(level)}\n${renderRuns([{ kind: 'removed', words: wordsOf(before) }], perChange)}`));
    }
  }
  blocks.push(context(t.outro));
  return {
    text: t.fallback(skill),
    blocks: [...blocks, { type: 'actions', elements: [button({ actionId: ACTION.assess, text: t.reassess, value: input.skillId, style: 'primary' })] }],
  };
}
