import type { ActionsBlock, KnownBlock, PlainTextOption, StaticSelect } from '@slack/types';
import type { Locale } from '../config.js';
import type { Level, Skill } from '../catalog/schema.js';
import { ACTION, BLOCK } from '../ids.js';
import { formatCalendarDate, localize } from '../i18n/format.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { encodeCardRef } from './card-ref.js';
import { compareWithSelect, type PersonalMarks } from './compare-card.js';
import { button, clip, context, divider, escapeEntities, header, LIMIT, plain, section, type SlackMessage } from './elements.js';

/** Pure builders for the skill overview and the level card: catalog data in, Block Kit out. */

export interface LevelCardInput {
  skill: Skill;
  levelId: string;
  /** Show one role only; undefined shows every role. */
  roleId?: string | undefined;
  locale: Locale;
  /** When the card is shared in a channel: the sharer's user id. Shared cards carry no buttons. */
  sharedBy?: string | undefined;
  /** A note shown under the header, e.g. which extra words were ignored (already escaped). */
  note?: string | undefined;
  /** The person's current and target level on this skill, once they have assessed themselves. Never on shared cards. */
  marks?: PersonalMarks | undefined;
}

export function buildLevelCard(input: LevelCardInput): SlackMessage {
  const { skill, locale } = input;
  const t = messagesFor(locale);
  const index = skill.levels.findIndex((level) => level.id === input.levelId);
  if (index < 0) throw new RangeError(`level ${input.levelId} is not in skill ${skill.id}`);
  const level = skill.levels[index]!;
  const previous = skill.levels[index - 1];
  const next = skill.levels[index + 1];
  const skillName = localize(skill.name, locale);
  const levelName = localize(level.name, locale);
  const roles = input.roleId ? skill.roles.filter((role) => role.id === input.roleId) : skill.roles;
  // A shared card is seen by the channel: the sharer's own levels stay private.
  const marks = input.sharedBy ? undefined : input.marks;
  const personal = [marks?.current === level.id ? t.yourLevel : undefined, marks?.target === level.id ? t.yourTarget : undefined].filter((mark) => mark !== undefined);

  const blocks: KnownBlock[] = [
    header(`${skillName} · ${levelName}`),
    context(
      `*${t.levelOf(index + 1, skill.levels.length)}*${personal.length > 0 ? ` · *${personal.join(' · ')}*` : ''}`,
      escapeEntities(localize(skill.domain, locale)),
      escapeEntities(localize(skill.category, locale)),
      t.updated(formatCalendarDate(skill.updated, locale)),
    ),
  ];
  if (input.note) blocks.push(context(input.note));
  blocks.push(section(`*${t.expects(levelName)}*`));
  blocks.push(...requirementSections(level, roles, locale, t));
  blocks.push(divider());
  if (next) {
    blocks.push(section(`*${t.toReach(localize(next.name, locale))}*`));
    blocks.push(...requirementSections(next, roles, locale, t));
  } else {
    blocks.push(section(t.topLevel(levelName)));
  }

  if (input.sharedBy) {
    blocks.push(context(t.sharedBy(`<@${input.sharedBy}>`)));
  } else {
    blocks.push(cardActions({ skill, level, previous, next, roleId: input.roleId, locale, t, marks }));
    if (!previous) blocks.push(context(t.bottomLevelNote(levelName)));
  }
  return { text: t.cardFallback(skillName, levelName), blocks };
}

function requirementSections(level: Level, roles: Skill['roles'], locale: Locale, t: Messages): KnownBlock[] {
  return roles.map((role) => {
    const requirement = level.requirements.find((r) => r.role === role.id);
    const flag = requirement ? (requirement.required ? t.required : t.optional) : '—';
    const text = requirement ? escapeEntities(localize(requirement.text, locale)) : '—';
    return section(`*${escapeEntities(localize(role.name, locale))}* · _${flag}_\n${text}`);
  });
}

interface CardActionsInput {
  skill: Skill;
  level: Level;
  previous: Level | undefined;
  next: Level | undefined;
  roleId: string | undefined;
  locale: Locale;
  t: Messages;
  marks: PersonalMarks | undefined;
}

function cardActions({ skill, level, previous, next, roleId, locale, t, marks }: CardActionsInput): ActionsBlock {
  const elements: ActionsBlock['elements'] = [];
  // Two buttons share one action_id only if they sit in different blocks, so ◀ and ▶ get distinct ids.
  if (previous) {
    elements.push(
      button({ actionId: `${ACTION.openLevel}:prev`, text: t.previous(localize(previous.name, locale)), value: encodeCardRef({ skill: skill.id, level: previous.id, role: roleId }) }),
    );
  }
  if (next) {
    elements.push(
      button({ actionId: `${ACTION.openLevel}:next`, text: t.next(localize(next.name, locale)), value: encodeCardRef({ skill: skill.id, level: next.id, role: roleId }) }),
    );
  }
  if (skill.roles.length > 1) elements.push(roleSelect(skill, level, roleId, locale, t));
  const compareWith = compareWithSelect(skill, level.id, roleId, locale, marks);
  if (compareWith) elements.push(compareWith);
  elements.push(
    button({ actionId: ACTION.assess, text: t.assessMyself, style: 'primary', value: encodeCardRef({ skill: skill.id, level: level.id, role: roleId }) }),
    button({ actionId: ACTION.share, text: t.share, value: encodeCardRef({ skill: skill.id, level: level.id, role: roleId }) }),
  );
  return { type: 'actions', block_id: BLOCK.cardActions, elements };
}

function roleSelect(skill: Skill, level: Level, roleId: string | undefined, locale: Locale, t: Messages): StaticSelect {
  const all: PlainTextOption = { text: plain(t.allRoles, LIMIT.optionText), value: encodeCardRef({ skill: skill.id, level: level.id }) };
  // A select holds at most 100 options (docs/slack-limits.md#elements-and-composition-objects).
  const options: PlainTextOption[] = [
    all,
    ...skill.roles.slice(0, 99).map((role) => ({
      text: plain(localize(role.name, locale), LIMIT.optionText),
      value: encodeCardRef({ skill: skill.id, level: level.id, role: role.id }),
    })),
  ];
  const initial = options.find((option) => option.value === encodeCardRef({ skill: skill.id, level: level.id, role: roleId }));
  return {
    type: 'static_select',
    action_id: ACTION.filterRole,
    placeholder: plain(t.filterRole, LIMIT.placeholder),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

export interface OverviewInput {
  skill: Skill;
  locale: Locale;
  note?: string | undefined;
  /** The person's current and target level, marked on the ladder once they have assessed themselves. */
  marks?: PersonalMarks | undefined;
}

/** The skill overview: summary, roles, and the ladder with a one-line gist and a button per level. */
export function buildSkillOverview({ skill, locale, note, marks }: OverviewInput): SlackMessage {
  const t = messagesFor(locale);
  const skillName = localize(skill.name, locale);
  const blocks: KnownBlock[] = [
    header(skillName),
    context(
      escapeEntities(localize(skill.domain, locale)),
      escapeEntities(localize(skill.category, locale)),
      t.updated(formatCalendarDate(skill.updated, locale)),
    ),
  ];
  if (note) blocks.push(context(note));
  blocks.push(
    section(escapeEntities(localize(skill.summary, locale))),
    section(`*${t.roles}:* ${skill.roles.map((role) => escapeEntities(localize(role.name, locale))).join(', ')}`),
    divider(),
    section(`*${t.ladder}*`),
  );
  // 7 fixed blocks + one per level; a ladder longer than the 50-block message limit is cut (schema caps it at 20).
  const levels = skill.levels.slice(0, LIMIT.messageBlocks - 8);
  const lineMax = gistLineMax(levels.length, Math.min(skill.roles.length, GIST_ROLES));
  levels.forEach((level, i) => {
    const name = localize(level.name, locale);
    const mine = [marks?.current === level.id ? t.yourLevel : undefined, marks?.target === level.id ? t.yourTarget : undefined].filter((mark) => mark !== undefined);
    const mark = mine.length > 0 ? ` · _${mine.join(' · ')}_` : '';
    blocks.push(
      section(`*${i + 1}. ${escapeEntities(name)}*${mark}${levelGist(level, skill.roles, locale, t, lineMax)}`, {
        accessory: button({ actionId: ACTION.openLevel, text: t.openLevel(name), value: encodeCardRef({ skill: skill.id, level: level.id }) }),
      }),
    );
  });
  blocks.push({
    type: 'actions',
    block_id: BLOCK.cardActions,
    elements: [
      button({ actionId: ACTION.assess, text: t.assessMyself, style: 'primary', value: encodeCardRef({ skill: skill.id, level: skill.levels[0]!.id }) }),
    ],
  });
  return { text: t.overviewFallback(skillName), blocks };
}

/** Roles given a headline of their own on each level of the overview; the rest are counted. */
const GIST_ROLES = 3;
/** The overview's ladder lines share this much of the message text budget. */
const GIST_BUDGET = 5000;

/** How long each headline may be so that every level's lines fit GIST_BUDGET (never under 60, never over 160). */
function gistLineMax(levels: number, rolesShown: number): number {
  return Math.max(60, Math.min(160, Math.floor(GIST_BUDGET / Math.max(1, levels * rolesShown))));
}

/**
 * A level's headlines: the first sentence of each role's requirement, which the profiles write as the headline.
 * Roles describe a level differently (Senior in Elixir is not Senior in Go), so each role gets its own line; when
 * every role says the same, one line without role names.
 */
function levelGist(level: Level, roles: Skill['roles'], locale: Locale, t: Messages, lineMax: number): string {
  const headline = (text: string) => /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  const lines = roles.flatMap((role) => {
    const requirement = level.requirements.find((r) => r.role === role.id);
    return requirement ? [{ role: localize(role.name, locale), text: headline(localize(requirement.text, locale)) }] : [];
  });
  if (lines.length === 0) return '';
  if (lines.every((line) => line.text === lines[0]!.text)) return `: ${escapeEntities(clip(lines[0]!.text, lineMax))}`;
  const shown = lines.slice(0, GIST_ROLES).map((line) => `• _${escapeEntities(clip(line.role, 40))}_: ${escapeEntities(clip(line.text, lineMax))}`);
  if (lines.length > shown.length) shown.push(t.moreRoles(lines.length - shown.length));
  return `\n${shown.join('\n')}`;
}
