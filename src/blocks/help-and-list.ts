import type { KnownBlock } from '@slack/types';
import type { Locale } from '../config.js';
import type { Catalog } from '../catalog/query.js';
import type { Level, Role, Skill } from '../catalog/schema.js';
import { ACTION } from '../ids.js';
import { localize } from '../i18n/format.js';
import { messagesFor } from '../i18n/messages.js';
import { encodeCardRef } from './card-ref.js';
import { button, clip, context, divider, escapeEntities, escapeMrkdwn, header, LIMIT, section, type SlackMessage } from './elements.js';

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
  const skills = catalog.skills.slice(0, 20).map((skill) => `• *${escapeEntities(localize(skill.name, locale))}*: \`${skill.id}\``);
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

/** The catalog grouped by domain and category, with a button per skill. */
export function buildCatalogList(catalog: Catalog, locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const groups = new Map<string, Map<string, Skill[]>>();
  for (const skill of catalog.skills) {
    const domain = localize(skill.domain, locale);
    const category = localize(skill.category, locale);
    const byCategory = groups.get(domain) ?? new Map<string, Skill[]>();
    byCategory.set(category, [...(byCategory.get(category) ?? []), skill]);
    groups.set(domain, byCategory);
  }
  const blocks: KnownBlock[] = [header(t.listTitle)];
  // Leave room for the "and N more" line under the 50-block message limit.
  const budget = LIMIT.messageBlocks - 2;
  let shown = 0;
  for (const [domain, categories] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [category, skills] of [...categories].sort(([a], [b]) => a.localeCompare(b))) {
      if (blocks.length + 2 > budget) break;
      blocks.push(context(`*${escapeEntities(domain)}* › ${escapeEntities(category)}`));
      for (const skill of skills) {
        if (blocks.length + 1 > budget) break;
        const name = localize(skill.name, locale);
        blocks.push(
          section(`*${escapeEntities(name)}*\n${escapeEntities(clip(localize(skill.summary, locale), 200))}`, {
            accessory: button({ actionId: ACTION.openSkill, text: t.open, value: skill.id }),
          }),
        );
        shown++;
      }
    }
  }
  if (shown < catalog.skills.length) blocks.push(context(t.andMore(catalog.skills.length - shown)));
  return { text: t.listFallback(catalog.skills.length), blocks };
}

/** User text echoed back: short, and unable to ping or format. */
function echo(word: string): string {
  return escapeMrkdwn(clip(word, 40));
}

function suggestionBlocks(buttons: { text: string; value: string; actionId: string }[], locale: Locale): KnownBlock[] {
  if (buttons.length === 0) return [];
  const t = messagesFor(locale);
  return [
    section(`*${t.didYouMean}*`),
    {
      type: 'actions',
      elements: buttons.slice(0, 5).map((b, i) => button({ actionId: `${b.actionId}:suggest${i}`, text: b.text, value: b.value })),
    },
  ];
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
  const options = suggestions.length > 0 ? suggestions : skill.levels;
  return {
    text: intro,
    blocks: [
      section(intro),
      ...suggestionBlocks(
        options.map((level) => ({ actionId: ACTION.openLevel, text: localize(level.name, locale), value: encodeCardRef({ skill: skill.id, level: level.id }) })),
        locale,
      ),
      context(t.levelsAre(levels)),
    ],
  };
}

export function buildUnknownRole(word: string, skill: Skill, level: Level, suggestions: Role[], locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  const skillName = localize(skill.name, locale);
  const intro = t.unknownRole(echo(word), escapeEntities(skillName));
  const options = suggestions.length > 0 ? suggestions : skill.roles;
  return {
    text: intro,
    blocks: [
      section(intro),
      ...suggestionBlocks(
        options.map((role) => ({ actionId: ACTION.openLevel, text: localize(role.name, locale), value: encodeCardRef({ skill: skill.id, level: level.id, role: role.id }) })),
        locale,
      ),
      context(t.rolesAre(skill.roles.map((role) => `${escapeEntities(localize(role.name, locale))} (\`${role.aliases[0] ?? role.id}\`)`).join(', '))),
    ],
  };
}

export function buildNotice(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
