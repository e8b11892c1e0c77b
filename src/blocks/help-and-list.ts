import type { KnownBlock } from '@slack/types';
import type { Locale } from '../config.js';
import { skillsByName, type Catalog } from '../catalog/query.js';
import type { Level, Role, Skill } from '../catalog/schema.js';
import { ACTION } from '../ids.js';
import { assessmentMessagesFor } from '../i18n/assessment-messages.js';
import { compareText, localize } from '../i18n/format.js';
import { messagesFor } from '../i18n/messages.js';
import { encodeCardRef } from './card-ref.js';
import { button, clip, context, divider, escapeEntities, escapeMrkdwn, header, LIMIT, MESSAGE_TEXT_BUDGET, section, textLength, type SlackMessage } from './elements.js';
import { skillRows } from './skill-rows.js';

/** Pure builders for help, the catalog list, and the "I don't know that" answers. */

export function buildHelp(catalog: Catalog, locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const example = catalog.skills[0];
  const examples = example
    ? [
        `/skill ${example.id}`,
        `/skill ${example.id} ${example.levels[Math.min(2, example.levels.length - 1)]!.id}`,
        `/skill ${example.id} sr ${example.roles[example.roles.length - 1]!.aliases[0] ?? example.roles[0]!.id}`,
        `/skill assess ${example.id}`,
      ]
    : ['/skill list'];
  const skills = skillsByName(catalog.skills, locale).slice(0, 20).map((skill) => `• *${escapeEntities(localize(skill.name, locale))}*: \`${skill.id}\``);
  return {
    text: t.helpFallback,
    blocks: [
      header(t.helpTitle),
      section(t.helpIntro),
      section(`*${t.helpUsage}*\n${t.helpCommands.map(([command, what]) => `\`${command}\`: ${what}`).join('\n')}`),
      section(`*${t.helpExamples}*\n${examples.map((e) => `\`${e}\``).join('\n')}\n${t.helpAliases}`),
      divider(),
      section(`*${t.helpSkills}*\n${skills.join('\n')}${catalog.skills.length > skills.length ? `\n${t.andMore(catalog.skills.length - skills.length)}` : ''}`),
    ],
  };
}

/** The catalog grouped by domain and category, sorted by name in the person's language, with a button per skill. */
export function buildCatalogList(catalog: Catalog, locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const compare = compareText(locale);
  const groups = new Map<string, Map<string, Skill[]>>();
  for (const skill of catalog.skills) {
    const domain = localize(skill.domain, locale);
    const category = localize(skill.category, locale);
    const byCategory = groups.get(domain) ?? new Map<string, Skill[]>();
    byCategory.set(category, [...(byCategory.get(category) ?? []), skill]);
    groups.set(domain, byCategory);
  }
  const blocks: KnownBlock[] = [header(t.listTitle)];
  // Leave room for the "and N more" line under the 50-block message limit and the cumulative text limit.
  const maxBlocks = LIMIT.messageBlocks - 2;
  let budget = MESSAGE_TEXT_BUDGET;
  let shown = 0;
  const sections = [...groups]
    .sort(([a], [b]) => compare(a, b))
    .flatMap(([domain, categories]) => [...categories].sort(([a], [b]) => compare(a, b)).map(([category, skills]) => ({ domain, category, skills })));
  for (const { domain, category, skills } of sections) {
    const title = context(`*${escapeEntities(domain)}* › ${escapeEntities(category)}`);
    const rows = skillRows(skills, locale, { actionId: ACTION.openSkill, text: t.open }, { maxBlocks: maxBlocks - blocks.length - 1, textBudget: budget - textLength([title]) });
    if (rows.blocks.length === 0) break; // full: the rest is counted in "and N more"
    blocks.push(title, ...rows.blocks);
    budget -= textLength([title, ...rows.blocks]);
    shown += rows.blocks.length;
    if (rows.hidden > 0) break;
  }
  if (shown < catalog.skills.length) blocks.push(context(t.andMore(catalog.skills.length - shown)));
  return { text: t.listFallback(catalog.skills.length), blocks };
}

/** `/skill assess` without a skill, when the catalog has several: which one? An Assess button per skill. */
export function buildAssessPicker(catalog: Catalog, locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const rows = skillRows(catalog.skills, locale, { actionId: ACTION.assess, text: assessmentMessagesFor(locale).assess }, { maxBlocks: LIMIT.messageBlocks - 2, textBudget: MESSAGE_TEXT_BUDGET });
  const blocks: KnownBlock[] = [section(`*${t.assessWhich}*`), ...rows.blocks];
  if (rows.hidden > 0) blocks.push(context(t.assessMore(rows.hidden)));
  return { text: t.assessWhich, blocks };
}

/** User text echoed back: short, and unable to ping or format. */
function echo(word: string): string {
  return escapeMrkdwn(clip(word, 40));
}

type ChoiceButton = { text: string; value: string; actionId: string };

/** One button per choice; they share a block, so each action id carries the choice's index as a suffix. */
function choiceButtons(choices: ChoiceButton[]): KnownBlock[] {
  if (choices.length === 0) return [];
  return [
    {
      type: 'actions',
      elements: choices.slice(0, LIMIT.actionsElements).map((b, i) => button({ actionId: `${b.actionId}:suggest${i}`, text: b.text, value: b.value })),
    },
  ];
}

/** "Did you mean" only over close matches; without any, the caller lists every choice under a plain heading. */
function suggestionBlocks(choices: ChoiceButton[], locale: Locale): KnownBlock[] {
  if (choices.length === 0) return [];
  return [section(`*${messagesFor(locale).didYouMean}*`), ...choiceButtons(choices)];
}

export function buildUnknownSkill(word: string, suggestions: Skill[], catalog: Catalog, locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const known = catalog.skills.slice(0, 10).map((skill) => `\`${skill.id}\``).join(', ');
  const intro = t.unknownSkill(echo(word));
  return {
    text: intro,
    blocks: [
      section(intro),
      ...suggestionBlocks(
        suggestions.map((skill) => ({ actionId: ACTION.openSkill, text: localize(skill.name, locale), value: skill.id })),
        locale,
      ),
      context(`${t.helpSkills}: ${known}`, t.tryList),
    ],
  };
}

export function buildUnknownLevel(word: string, skill: Skill, suggestions: Level[], locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const skillName = localize(skill.name, locale);
  const intro = t.unknownLevel(echo(word), escapeEntities(skillName));
  const levels = skill.levels.map((level, i) => `${i + 1}. ${escapeEntities(localize(level.name, locale))}`).join(', ');
  const choice = (level: Level) => ({ actionId: ACTION.openLevel, text: localize(level.name, locale), value: encodeCardRef({ skill: skill.id, level: level.id }) });
  return {
    text: intro,
    blocks:
      suggestions.length > 0
        ? [section(intro), ...suggestionBlocks(suggestions.map(choice), locale), context(t.levelsAre(levels))]
        : [section(`${intro} ${t.levelsAre(levels)}`), ...choiceButtons(skill.levels.map(choice))],
  };
}

export function buildUnknownRole(word: string, skill: Skill, level: Level, suggestions: Role[], locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const skillName = localize(skill.name, locale);
  const intro = t.unknownRole(echo(word), escapeEntities(skillName));
  // "`elixir` for Backend Developer (Elixir)": the word to type first, so no bracket follows a bracket.
  const roles = t.rolesAre(skill.roles.map((role) => t.roleWord(role.aliases[0] ?? role.id, escapeEntities(localize(role.name, locale)))).join(', '));
  const choice = (role: Role) => ({ actionId: ACTION.openLevel, text: localize(role.name, locale), value: encodeCardRef({ skill: skill.id, level: level.id, role: role.id }) });
  return {
    text: intro,
    blocks:
      suggestions.length > 0
        ? [section(intro), ...suggestionBlocks(suggestions.map(choice), locale), context(roles)]
        : [section(`${intro} ${roles}`), ...choiceButtons(skill.roles.map(choice))],
  };
}

export function buildNotice(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
