import { buildCommandReply, type CatalogIntent } from '../src/blocks/command-reply.js';
import { buildLevelCard, buildSkillOverview } from '../src/blocks/skill-cards.js';
import { loadCatalog } from '../src/catalog/load.js';
import type { Catalog } from '../src/catalog/query.js';
import type { LocalizedText } from '../src/i18n/format.js';
import { parseSkillCommand } from '../src/command/parse-skill-command.js';
import { SUPPORTED_LOCALES } from '../src/config.js';
import { formatCalendarDate } from '../src/i18n/format.js';
import { check, type BenchContext, type SectionResult } from './lib/report.js';
import { int, micros, summarize, table } from './lib/stats.js';

/**
 * 3. The pure parts, in process: every card the catalog can produce (skill × level × role filter × locale), the
 * overview and the command reply, and the parser over random command text. Each call is timed on its own
 * (performance.now(), sub-microsecond resolution on Linux) after a warm-up, so p99 shows GC pauses too.
 */

interface Timed {
  name: string;
  variants: number;
  calls: number;
  perSecond: number;
  samples: number[];
  bytes: number;
}

function timeEach<T>(name: string, inputs: readonly T[], fn: (input: T) => unknown, durationMs: number, measureJson = true): Timed {
  // Warm-up: let V8 optimise before measuring.
  const warmUntil = performance.now() + durationMs / 5;
  for (let i = 0; performance.now() < warmUntil; i++) fn(inputs[i % inputs.length]!);
  const samples: number[] = [];
  let bytes = 0;
  const started = performance.now();
  let i = 0;
  while (performance.now() - started < durationMs) {
    const input = inputs[i % inputs.length]!;
    const t0 = performance.now();
    const out = fn(input);
    samples.push(performance.now() - t0);
    if (measureJson && i < inputs.length) bytes += JSON.stringify(out).length;
    i++;
  }
  const elapsed = performance.now() - started;
  return { name, variants: inputs.length, calls: i, perSecond: (i / elapsed) * 1000, samples, bytes: bytes / Math.min(i, inputs.length) };
}

export async function benchRender(ctx: BenchContext): Promise<SectionResult> {
  const durationMs = ctx.quick ? 200 : 2000;
  const catalog = await loadCatalog('data/skills');
  const cards = catalog.skills.flatMap((skill) =>
    skill.levels.flatMap((level) =>
      [undefined, ...skill.roles.map((r) => r.id)].flatMap((roleId) => SUPPORTED_LOCALES.map((locale) => ({ skill, levelId: level.id, roleId, locale }))),
    ),
  );
  const overviews = catalog.skills.flatMap((skill) => SUPPORTED_LOCALES.map((locale) => ({ skill, locale })));
  const texts = randomCommandTexts(catalog, ctx.quick ? 2000 : 20_000);
  const intents = texts
    .map((text) => parseSkillCommand(text, catalog))
    .filter((intent): intent is CatalogIntent => intent.kind !== 'me' && intent.kind !== 'forget')
    .flatMap((intent) => SUPPORTED_LOCALES.map((locale) => ({ intent, locale })));

  ctx.progress('render: cards, overviews, replies, parser');
  const results = [
    timeEach('buildLevelCard', cards, (c) => buildLevelCard(c), durationMs),
    timeEach('buildSkillOverview', overviews, (o) => buildSkillOverview(o), durationMs),
    timeEach('buildCommandReply (parsed random text)', intents, ({ intent, locale }) => buildCommandReply(intent, catalog, locale), durationMs),
    timeEach('parseSkillCommand (random text)', texts, (text) => parseSkillCommand(text, catalog), durationMs, false),
    timeEach('of which: formatCalendarDate (one per card)', SUPPORTED_LOCALES, (locale) => formatCalendarDate('2026-03-17', locale), durationMs, false),
  ];
  const rows = results.map((r) => {
    const s = summarize(r.samples);
    return [r.name, int(r.variants), int(r.perSecond), micros(s.mean), micros(s.p50), micros(s.p99), micros(s.max), r.bytes ? `${int(r.bytes)} B` : ''];
  });
  const card = summarize(results[0]!.samples);
  const parse = summarize(results[3]!.samples);
  return {
    title: '3. Rendering and parsing (pure, in process)',
    markdown: [
      table(['what', 'variants', 'per second', 'mean', 'p50', 'p99', 'max', 'JSON size'], rows),
      '',
      `Variants: ${catalog.skills.length} skill(s) × levels × (all roles + each role) × ${SUPPORTED_LOCALES.length} locales = ${cards.length} level cards; ` +
        `${int(texts.length)} random command texts (verbs, names, aliases and level numbers in both languages, typos, noise, up to 500 characters).`,
    ].join('\n'),
    targets: [
      check('time per card (buildLevelCard p99)', '≪ 1 ms', micros(card.p99), card.p99 < 0.5),
      check('parseSkillCommand p99', '≪ 1 ms', micros(parse.p99), parse.p99 < 0.5),
    ],
  };
}

/** A seeded generator, so every run parses the same texts. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCommandTexts(catalog: Catalog, count: number): string[] {
  const random = prng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const names = (text: LocalizedText) => (typeof text === 'string' ? [text] : Object.values(text));
  const skills = catalog.skills.flatMap((s) => [s.id, ...s.aliases, ...names(s.name)]);
  const levels = catalog.skills.flatMap((s) => s.levels.flatMap((l, i) => [l.id, String(i + 1), ...l.aliases, ...names(l.name)]));
  const roles = catalog.skills.flatMap((s) => s.roles.flatMap((r) => [r.id, ...r.aliases, ...names(r.name)]));
  const verbs = ['help', 'ayuda', 'list', 'lista', 'me', 'yo', 'forget', 'assess', 'evaluar', '?'];
  const noise = ['please', 'the', 'ñandú', 'señor', 'kafka', 'x', '¿qué?', '*bold*', '<@U123>', '`code`'];
  const typo = (word: string) => {
    if (word.length < 3) return word;
    const at = Math.floor(random() * word.length);
    return word.slice(0, at) + String.fromCharCode(97 + Math.floor(random() * 26)) + word.slice(at + 1);
  };
  return Array.from({ length: count }, () => {
    const shape = random();
    const words =
      shape < 0.4
        ? [pick(skills), pick(levels), ...(random() < 0.5 ? [pick(roles)] : [])]
        : shape < 0.55
          ? [pick(skills)]
          : shape < 0.7
            ? [pick(verbs), ...(random() < 0.5 ? [pick(skills)] : [])]
            : shape < 0.85
              ? [typo(pick(skills)), typo(pick(levels)), ...(random() < 0.5 ? [typo(pick(roles))] : [])]
              : Array.from({ length: 1 + Math.floor(random() * 40) }, () => pick([...noise, ...skills, ...levels]));
    const text = words.map((w) => (random() < 0.2 ? w.toUpperCase() : w)).join(random() < 0.1 ? '   ' : ' ');
    return text.slice(0, 500);
  });
}
