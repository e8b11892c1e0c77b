/** Rich text containers and their inline elements. Slack documents no per-field limits, so only the structure is checked. */
import { checkArray, checkBoolean, checkEnum, checkInteger, checkRequired, isObject } from './primitive-checks.js';
import { NO_SCHEMA, problem, type Problems } from './problems.js';

const INLINE_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  text: ['text'],
  link: ['url'],
  emoji: ['name'],
  user: ['user_id'],
  channel: ['channel_id'],
  usergroup: ['usergroup_id'],
  team: ['team_id'],
  broadcast: ['range'],
  date: ['timestamp', 'format'],
  color: ['value'],
};

function checkRichInline(el: unknown, p: string, allowedTypes: readonly string[]): Problems {
  if (!isObject(el)) return [problem(p, 'must provide an object')];
  const type = String(el.type);
  if (!allowedTypes.includes(type)) return [problem(p, `${NO_SCHEMA} (rich text element type ${JSON.stringify(el.type)} is not allowed here)`)];
  const out = [...checkRequired(el, INLINE_REQUIRED[type] ?? [], p)];
  for (const key of ['text', 'url', 'name', 'user_id', 'channel_id', 'usergroup_id', 'team_id', 'format', 'value']) {
    if (el[key] !== undefined && typeof el[key] !== 'string') out.push(problem(`${p}/${key}`, 'must provide a string'));
  }
  if (type === 'broadcast') out.push(...checkEnum(el.range, `${p}/range`, ['here', 'channel', 'everyone']));
  if (type === 'date') out.push(...checkInteger(el.timestamp, `${p}/timestamp`, 0));
  if (el.style !== undefined) {
    if (!isObject(el.style)) out.push(problem(`${p}/style`, 'must provide an object'));
    else for (const [key, v] of Object.entries(el.style)) out.push(...checkBoolean(v, `${p}/style/${key}`));
  }
  return out;
}

const INLINE_TYPES = Object.keys(INLINE_REQUIRED);

export function checkRichContainer(el: unknown, p: string): Problems {
  if (!isObject(el)) return [problem(p, 'must provide an object')];
  const list = checkArray(el.elements, `${p}/elements`, Number.MAX_SAFE_INTEGER);
  const base = [...checkRequired(el, ['type', 'elements'], p), ...list.problems, ...checkEnum(el.border, `${p}/border`, [0, 1])];
  switch (el.type) {
    case 'rich_text_section':
    case 'rich_text_quote':
      return [...base, ...list.items.flatMap((item, i) => checkRichInline(item, `${p}/elements/${i}`, INLINE_TYPES))];
    case 'rich_text_preformatted':
      return [...base, ...list.items.flatMap((item, i) => checkRichInline(item, `${p}/elements/${i}`, ['text', 'link']))];
    case 'rich_text_list':
      return [
        ...base,
        ...checkRequired(el, ['style'], p),
        ...checkEnum(el.style, `${p}/style`, ['bullet', 'ordered']),
        ...checkInteger(el.indent, `${p}/indent`, 0),
        ...checkInteger(el.offset, `${p}/offset`, 0),
        ...list.items.flatMap((item, i) =>
          isObject(item) && item.type === 'rich_text_section'
            ? checkRichContainer(item, `${p}/elements/${i}`)
            : [problem(`${p}/elements/${i}`, `${NO_SCHEMA} (rich_text_list elements must be rich_text_section)`)],
        ),
      ];
    default:
      return [problem(p, `${NO_SCHEMA} (unknown rich text element type ${JSON.stringify(el.type)})`)];
  }
}
