import type { HomeView, KnownBlock } from '@slack/types';
import type { Locale } from '../config.js';
import type { Catalog } from '../catalog/query.js';
import type { Cadence, Rating } from '../db/schema.js';
import { ACTION } from '../ids.js';
import { assessmentMessagesFor, type AssessmentMessages } from '../i18n/assessment-messages.js';
import { formatCalendarDate, localize } from '../i18n/format.js';
import { ladderChangeMessagesFor } from '../i18n/ladder-change-messages.js';
import { myPathMessagesFor } from '../i18n/my-path-messages.js';
import { agreementMessagesFor } from '../i18n/agreement-messages.js';
import { agreedLine, type AgreedNote } from './agreed-note.js';
import { buildCheckinControls } from './checkin-controls.js';
import { compactPathBlocks, pathLine, pathOf, type MyPath } from './my-path.js';
import { sharedWithMeBlocks, shareWithButton, sharingHomeBlocks, type SharingOverview } from './sharing-lists.js';
import { skillRows } from './skill-rows.js';
import { button, clip, context, divider, escapeEntities, escapeMrkdwn, header, LIMIT, MESSAGE_TEXT_BUDGET, section, textLength, type SlackMessage } from './elements.js';

/**
 * "My skills": the same picture for App Home, `/skill me` and the confirmation DM after saving. Pure: the caller
 * loads the rows and formats the next check-in time in the person's zone.
 */

export interface SkillSummary {
  skillId: string;
  roleId: string;
  currentLevel: string;
  targetLevel: string;
  /** level id → rating, as saved: what "My path" counts as left. */
  ratings: Partial<Record<string, Rating>>;
  targetDate: string | null;
  goals: string;
  assessedOn: string; // YYYY-MM-DD
  /** Newest first: date (YYYY-MM-DD) and current level of each past assessment, this one included. */
  history: { date: string; level: string }[];
  /** Made against requirement texts the ladder has changed since (docs/ladder-changes.md#the-mark). */
  olderLadder?: boolean;
  /** The latest agreed next steps of this skill (docs/one-on-one-brief.md#agreed-next-steps). */
  agreed?: AgreedNote | undefined;
}

export interface CheckinSummary {
  cadence: Cadence;
  paused: boolean;
  stopped: boolean;
  /** Already formatted in the person's zone and language, e.g. "Mon 7 Dec, 10:00 (Europe/Madrid)"; null when none. */
  next: string | null;
  /** "Pause until…" still ahead: the first day back, formatted ("10 Jan 2027"); absent otherwise. */
  pausedUntil?: string;
}

export interface MySkillsInput {
  catalog: Catalog;
  locale: Locale;
  skills: SkillSummary[];
  checkins: CheckinSummary | null;
  /** Who can see my growth, and what is shared with me (App Home only; docs/sharing.md). */
  sharing?: SharingOverview | undefined;
}

function levelName(input: MySkillsInput, skillId: string, levelId: string): string {
  const level = input.catalog.byId.get(skillId)?.levels.find((l) => l.id === levelId);
  return level ? localize(level.name, input.locale) : levelId;
}

function pathFor(input: MySkillsInput, summary: SkillSummary): MyPath {
  return pathOf(input.catalog.byId.get(summary.skillId), summary);
}

/** "My path": opens the whole path in a modal (listeners/actions/my-path.ts); only when the target is above. */
function pathButton(locale: MySkillsInput['locale'], skillId: string) {
  return button({ actionId: ACTION.openPath, text: myPathMessagesFor(locale).button, value: skillId });
}

function skillBlocks(input: MySkillsInput, summary: SkillSummary, t: AssessmentMessages, withButton: boolean, goalsMax = 1500): KnownBlock[] {
  const skill = input.catalog.byId.get(summary.skillId);
  const path = pathFor(input, summary);
  const name = skill ? localize(skill.name, input.locale) : summary.skillId;
  const role = skill?.roles.find((r) => r.id === summary.roleId);
  const target = summary.targetDate ? ` ${t.targetBy(formatCalendarDate(summary.targetDate, input.locale))}` : '';
  const goals = summary.goals ? escapeMrkdwn(clip(summary.goals, goalsMax)) : t.noGoals;
  const text = [
    `*${escapeEntities(name)}*${role ? ` · ${escapeEntities(localize(role.name, input.locale))}` : ''}`,
    `${levelName(input, summary.skillId, summary.currentLevel)} → *${levelName(input, summary.skillId, summary.targetLevel)}*${target}`,
    `*${t.goalsLabel}:* ${goals}`,
    ...(summary.agreed ? [agreedLine(summary.agreed, input.locale)] : []),
    ...(withButton ? [pathLine(path, input.locale)] : []),
  ].join('\n');
  const blocks: KnownBlock[] = [
    section(text, withButton && skill ? { accessory: button({ actionId: ACTION.assess, text: t.updateAssessment, value: summary.skillId }) } : {}),
  ];
  if (withButton && skill) {
    // One row for both: a block each would cost Home a block per skill.
    const elements = [
      ...(path.kind === 'ahead' ? [pathButton(input.locale, summary.skillId)] : []),
      shareWithButton(input.locale, summary.skillId),
      ...(summary.agreed?.movable ? [button({ actionId: ACTION.moveFollowUp, text: agreementMessagesFor(input.locale).moveButton, value: String(summary.agreed.noteId) })] : []),
    ];
    blocks.push({ type: 'actions', elements });
  }
  const history = summary.history
    .slice(0, 6)
    .map((entry) => `${formatCalendarDate(entry.date, input.locale)} · ${levelName(input, summary.skillId, entry.level)}`)
    .join('   ');
  const assessedOn = t.assessedOn(formatCalendarDate(summary.assessedOn, input.locale));
  const older = summary.olderLadder ? ` · _${ladderChangeMessagesFor(input.locale).olderVersion}_` : '';
  blocks.push(context(`${assessedOn}${older}`, `${t.history}: ${history}`));
  return blocks;
}

function checkinLine(checkins: CheckinSummary | null, t: AssessmentMessages): string {
  if (!checkins || checkins.cadence === 'off') return t.noCheckins;
  if (checkins.stopped) return t.checkinsStopped;
  if (checkins.paused) return t.checkinsPaused;
  if (checkins.pausedUntil) return t.checkinsPausedUntil(checkins.pausedUntil, checkins.next);
  return checkins.next ? t.nextCheckin(checkins.next) : t.noCheckins;
}

function checkinControls(checkins: CheckinSummary | null, locale: MySkillsInput['locale']): KnownBlock | undefined {
  if (!checkins || checkins.cadence === 'off') return undefined;
  return buildCheckinControls(locale, checkins.paused || checkins.stopped, checkins.pausedUntil !== undefined);
}

/** Skills not yet assessed, each with an "Assess" button: the friendly start, and the browse section. */
function catalogBlocks(input: MySkillsInput, t: AssessmentMessages, maxBlocks: number, textBudget = Number.POSITIVE_INFINITY): KnownBlock[] {
  const assessed = new Set(input.skills.map((s) => s.skillId));
  const unassessed = input.catalog.skills.filter((skill) => !assessed.has(skill.id));
  return skillRows(unassessed, input.locale, { actionId: ACTION.assess, text: t.assess }, { maxBlocks: Math.max(0, maxBlocks), textBudget }).blocks;
}

export function buildHomeView(input: MySkillsInput): HomeView {
  const t = assessmentMessagesFor(input.locale);
  const blocks: KnownBlock[] = [header(t.homeTitle)];
  if (input.skills.length === 0) {
    blocks.push(section(t.emptyIntro));
    // Someone with nothing assessed may still be a lead others share with.
    if (input.sharing && input.sharing.received.length > 0) blocks.push(...sharedWithMeBlocks(input.sharing.received, input.catalog, input.locale), divider());
  } else {
    // Each skill takes 4 blocks; keep room for check-ins, sharing, your data and the catalog under the 100-block
    // Home limit.
    const sharing = input.sharing ? sharingHomeBlocks(input.sharing, input.catalog, input.locale) : [];
    const room = Math.floor((LIMIT.viewBlocks - 7 - sharing.length) / 4);
    for (const summary of input.skills.slice(0, Math.min(25, room))) blocks.push(...skillBlocks(input, summary, t, true), divider());
    blocks.push(section(`*${t.checkinsTitle}*\n${checkinLine(input.checkins, t)}`));
    const controls = checkinControls(input.checkins, input.locale);
    if (controls) blocks.push(controls);
    if (sharing.length > 0) blocks.push(divider(), ...sharing.slice(0, -1));
    blocks.push(section(`*${t.yourDataTitle}*\n${t.yourDataIntro}`, { accessory: button({ actionId: ACTION.exportData, text: t.exportButton, value: 'export' }) }));
    const rest = catalogBlocks(input, t, LIMIT.viewBlocks - blocks.length - 2);
    if (rest.length > 0) blocks.push(divider(), section(`*${t.browseTitle}*`), ...rest);
    return { type: 'home', blocks };
  }
  blocks.push(...catalogBlocks(input, t, LIMIT.viewBlocks - blocks.length));
  return { type: 'home', blocks };
}

/** `/skill me`: the same picture as an ephemeral message (50-block limit). */
export function buildMySkillsMessage(input: MySkillsInput): SlackMessage {
  const t = assessmentMessagesFor(input.locale);
  const blocks: KnownBlock[] = [header(t.meTitle)];
  if (input.skills.length === 0) {
    blocks.push(section(t.emptyIntro), ...catalogBlocks(input, t, LIMIT.messageBlocks - 2, MESSAGE_TEXT_BUDGET));
    return { text: t.meFallback, blocks };
  }
  // Messages have a cumulative text limit, so goals are shorter here and skills stop at MESSAGE_TEXT_BUDGET; App
  // Home has them all.
  let budget = MESSAGE_TEXT_BUDGET;
  let full = false;
  const shown = input.skills.slice(0, 14).filter((summary) => {
    const entry = skillBlocks(input, summary, t, true, 400);
    budget -= textLength(entry);
    // Room for the "more" line, the check-ins section and their controls under the 50-block limit.
    full ||= budget < 0 || blocks.length + entry.length + 1 > LIMIT.messageBlocks - 3;
    if (full) return false;
    blocks.push(...entry, divider());
    return true;
  });
  if (shown.length < input.skills.length) blocks.push(context(t.moreInHome(input.skills.length - shown.length)));
  blocks.push(section(`*${t.checkinsTitle}*\n${checkinLine(input.checkins, t)}`));
  const controls = checkinControls(input.checkins, input.locale);
  if (controls) blocks.push(controls);
  return { text: t.meFallback, blocks };
}

/** The DM after saving: what was saved, the next check-in, a button to edit. */
export function buildSavedConfirmation(input: MySkillsInput & { saved: SkillSummary }): SlackMessage {
  const t = assessmentMessagesFor(input.locale);
  const skill = input.catalog.byId.get(input.saved.skillId);
  const name = skill ? localize(skill.name, input.locale) : input.saved.skillId;
  const current = levelName(input, input.saved.skillId, input.saved.currentLevel);
  const target = levelName(input, input.saved.skillId, input.saved.targetLevel);
  const path = pathFor(input, input.saved);
  const blocks: KnownBlock[] = [
    header(t.savedTitle(name)),
    ...skillBlocks(input, input.saved, t, false),
    ...compactPathBlocks(path, input.locale),
    section(checkinLine(input.checkins, t)),
    {
      type: 'actions',
      elements: [
        button({ actionId: ACTION.assess, text: t.edit, value: input.saved.skillId }),
        ...(path.kind === 'ahead' ? [pathButton(input.locale, input.saved.skillId)] : []),
        shareWithButton(input.locale, input.saved.skillId),
      ],
    },
  ];
  return { text: t.savedFallback(name, current, target), blocks };
}
