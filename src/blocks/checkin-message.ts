import type { KnownBlock } from '@slack/types';
import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { checkinMessagesFor, type CheckinMessages, type ElapsedUnit, type RunningCadence } from '../i18n/checkin-messages.js';
import { formatCalendarDate } from '../i18n/format.js';
import { myPathMessagesFor } from '../i18n/my-path-messages.js';
import { agreedLine, type AgreedNote } from './agreed-note.js';
import { buildCheckinControls } from './checkin-controls.js';
import { button, clip, context, divider, escapeEntities, escapeMrkdwn, header, section, type SlackMessage } from './elements.js';

/**
 * The check-in DM: a pure function of its view model (built by services/checkins.ts from the person's latest
 * assessments and the catalog). Time comes in as `now`, so the same input always renders the same message.
 */

export interface CheckinSkillView {
  skillId: string;
  /** Catalog name in the person's language (catalog text: formatting allowed, entities escaped). */
  skillName: string;
  /** Level display names in the person's language. */
  currentLevel: string;
  targetLevel: string;
  /** YYYY-MM-DD, or null when no target date was set. */
  targetDate: string | null;
  /** Typed by the person: escaped before it goes into mrkdwn. */
  goals: string;
  assessedAt: Date;
  /** How many expectations are left on the person's path to the target (blocks/my-path.ts); absent when the target is not above. */
  expectationsLeft?: number | undefined;
}

/**
 * What just happened, when the message is redrawn after a button click. Dates are already formatted; `at` is when
 * the person paused or resumed, so the notice stays true after a change made elsewhere (the Home tab).
 */
export type CheckinNotice =
  | { kind: 'snoozed'; until: string }
  | { kind: 'paused'; at: string }
  | { kind: 'resumed'; at: string; next: string | null }
  | { kind: 'kept'; cadence: RunningCadence; next: string | null };

export interface CheckinMessageView {
  locale: Locale;
  now: Date;
  /** Newest assessment first; the first three get their own "Update my assessment" button. */
  skills: CheckinSkillView[];
  /** Paused schedules show "Resume" instead of "Snooze"/"Pause". */
  paused?: boolean;
  notice?: CheckinNotice;
  /** Check-ins come less often than chosen because the last ones went unanswered (docs/time-zones.md#back-off). */
  backoff?: { chosen: RunningCadence; effective: RunningCadence };
  /** The person's most recent agreed next steps, of any skill (docs/one-on-one-brief.md#agreed-next-steps): one line. */
  agreed?: (AgreedNote & { skillName: string }) | undefined;
}

/** At most this many skills are shown in full, one button each; the rest are summarised in one line. */
const MAX_SKILLS_SHOWN = 3;
/** Goals are free text (up to GOALS_MAX, 2,000 characters, in the modal); a check-in shows the start of them. */
const GOALS_PREVIEW = 600;
const FALLBACK_MAX = 300;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Builds the check-in DM (`text` is the notification and screen-reader fallback). */
export function buildCheckinMessage(view: CheckinMessageView): SlackMessage {
  const m = checkinMessagesFor(view.locale);
  const latest = view.skills.reduce<Date | undefined>((newest, s) => (!newest || s.assessedAt > newest ? s.assessedAt : newest), undefined);
  const since = latest ? m.sinceLastAssessment(elapsedText(m, latest, view.now)) : undefined;
  const blocks: KnownBlock[] = [header(m.title)];

  if (since) blocks.push(section(`*${since}.* ${m.intro}`));
  else blocks.push(section(m.noAssessments));

  for (const skill of view.skills.slice(0, MAX_SKILLS_SHOWN)) {
    blocks.push(
      section(skillText(m, skill, view.locale), {
        accessory: button({ actionId: ACTION.assess, text: m.updateAssessment, value: skill.skillId }),
      }),
    );
  }
  const hidden = view.skills.length - MAX_SKILLS_SHOWN;
  if (hidden > 0) blocks.push(context(m.moreSkills(hidden)));
  if (view.agreed) blocks.push(context(`*${escapeEntities(clip(view.agreed.skillName, 80))}* · ${agreedLine(view.agreed, view.locale)}`));

  const backoff = view.backoff ? m.backedOff(view.backoff.effective, view.backoff.chosen) : undefined;
  if (view.backoff && backoff) {
    blocks.push(
      section(`:turtle: ${backoff}`, {
        accessory: button({ actionId: ACTION.keepCadence, text: m.keepCadence(view.backoff.chosen), value: view.backoff.chosen }),
      }),
    );
  }

  const notice = view.notice ? noticeText(m, view.notice) : undefined;
  blocks.push(divider());
  if (notice && view.notice) blocks.push(context(`${NOTICE_EMOJI[view.notice.kind]} ${notice}`));
  blocks.push(buildCheckinControls(view.locale, view.paused === true));

  const summary = [since ?? m.noAssessments, ...view.skills.slice(0, MAX_SKILLS_SHOWN).map((s) => `${s.skillName}: ${levelsText(m, s)}`)].join(' · ');
  const text = clip([notice, m.fallback(summary), backoff].filter(Boolean).join(' '), FALLBACK_MAX);
  return { text, blocks };
}

function skillText(m: CheckinMessages, skill: CheckinSkillView, locale: Locale): string {
  const facts = [levelsText(m, skill), skill.targetDate ? m.targetDate(formatCalendarDate(skill.targetDate, locale)) : undefined]
    .filter(Boolean)
    .join(' · ');
  const goals = skill.goals.trim();
  const goalsText = goals
    ? `${m.yourGoals}:\n${clip(goals, GOALS_PREVIEW)
        .split('\n')
        .map((line) => `>${escapeMrkdwn(line)}`)
        .join('\n')}`
    : `_${m.noGoals}_`;
  const assessed = m.lastAssessed(formatCalendarDate(skill.assessedAt.toISOString().slice(0, 10), locale));
  const path = skill.expectationsLeft === undefined ? '' : `\n${myPathMessagesFor(locale).left(skill.expectationsLeft, escapeEntities(clip(skill.targetLevel, 80)))}`;
  return `*${escapeEntities(skill.skillName)}*  ${escapeEntities(facts)}${path}\n${goalsText}\n${assessed}`;
}

function levelsText(m: CheckinMessages, skill: CheckinSkillView): string {
  return skill.currentLevel === skill.targetLevel ? m.stayAtLevel(skill.currentLevel) : m.levels(skill.currentLevel, skill.targetLevel);
}

const NOTICE_EMOJI: Record<CheckinNotice['kind'], string> = { snoozed: ':zzz:', paused: ':double_vertical_bar:', resumed: ':arrow_forward:', kept: ':arrow_forward:' };

function noticeText(m: CheckinMessages, notice: CheckinNotice): string {
  switch (notice.kind) {
    case 'snoozed':
      return m.snoozedUntil(notice.until);
    case 'paused':
      return m.paused(notice.at);
    case 'resumed':
      return notice.next ? m.resumed(notice.at, notice.next) : m.resumedNoNext(notice.at);
    case 'kept':
      return m.kept(notice.cadence, notice.next);
  }
}

/** "Less than a day", "5 days", "3 weeks", "4 months", "2 years": coarse on purpose; this is a nudge, not a log. */
function elapsedText(m: CheckinMessages, since: Date, now: Date): string {
  const days = Math.floor(Math.max(0, now.getTime() - since.getTime()) / DAY_MS);
  const [unit, n]: [ElapsedUnit, number] =
    days < 1 ? ['lessThanDay', 0] : days < 14 ? ['day', days] : days < 60 ? ['week', Math.floor(days / 7)] : days < 730 ? ['month', Math.floor(days / 30)] : ['year', Math.floor(days / 365)];
  return m.elapsed(unit, n);
}
