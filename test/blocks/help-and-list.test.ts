import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { buildCommandReply, isCatalogIntent } from '../../src/blocks/command-reply.js';
import { buildCatalog, type Catalog } from '../../src/catalog/query.js';
import type { Skill } from '../../src/catalog/schema.js';
import { parseSkillCommand } from '../../src/command/parse-skill-command.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/config.js';
import { ACTION } from '../../src/ids.js';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { shippedCatalog } from '../helpers/catalog.js';

const shipped = await shippedCatalog();
const nats = shipped.byId.get('nats')!;

function replyTo(text: string, locale: Locale = 'en', catalog: Catalog = shipped) {
  const intent = parseSkillCommand(text, catalog);
  if (!isCatalogIntent(intent)) throw new Error(`"${text}" reads stored data`);
  const reply = buildCommandReply(intent, catalog, locale);
  assertValidMessage(reply, `${locale}: /skill ${text}`);
  return reply;
}

const texts = (blocks: KnownBlock[]) =>
  blocks
    .flatMap((b) => {
      if (b.type === 'section') return [(b as SectionBlock).text?.text ?? ''];
      if (b.type === 'context') return (b as ContextBlock).elements.map((e) => ('text' in e ? e.text : ''));
      return [];
    })
    .join('\n');
const buttons = (blocks: KnownBlock[]): Button[] =>
  blocks.flatMap((b) => {
    if (b.type === 'actions') return (b as ActionsBlock).elements.filter((e): e is Button => e.type === 'button');
    const accessory = (b as SectionBlock).accessory;
    return b.type === 'section' && accessory?.type === 'button' ? [accessory] : [];
  });

/** Copies of the shipped skill under other ids and names, for catalogs of several skills. */
function skill(id: string, name: Skill['name'], extra: Partial<Skill> = {}): Skill {
  return { ...nats, id, name, aliases: [], ...extra };
}

const DID_YOU_MEAN: Record<Locale, string> = { en: 'Did you mean', es: '¿Quisiste decir' };

describe('unknown level or role', () => {
  it.each(SUPPORTED_LOCALES)('does not call every level a suggestion when nothing is close (%s)', (locale) => {
    for (const word of ['wizard', '9', 'mago']) {
      const reply = replyTo(`nats ${word}`, locale);
      expect(reply.text).toContain(word);
      const all = texts(reply.blocks);
      expect(all).not.toContain(DID_YOU_MEAN[locale]);
      expect(all).toContain('1. Junior, 2. Middle, 3. Senior, 4. Lead, 5. Principal');
    }
  });

  it.each(SUPPORTED_LOCALES)('suggests a close match, and only that (%s)', (locale) => {
    const reply = replyTo('nats seniro', locale);
    expect(texts(reply.blocks)).toContain(DID_YOU_MEAN[locale]);
    expect(buttons(reply.blocks).map((b) => b.text.text)).toEqual(['Senior']);
  });

  it.each(SUPPORTED_LOCALES)('lists the roles and the word to type without doubled brackets (%s)', (locale) => {
    const reply = replyTo('nats senior rust', locale);
    const all = texts(reply.blocks);
    expect(all).not.toContain(DID_YOU_MEAN[locale]);
    expect(all).not.toMatch(/\)\s*\(/);
    expect(all).toContain('`elixir`');
    expect(all).toContain('Backend Developer (Elixir)');
  });
});

describe('/skill list', () => {
  const catalog = buildCatalog([
    skill('zeta', { en: 'Apache Kafka', es: 'Apache Kafka' }),
    skill('alpha', { en: 'Search', es: 'Búsqueda' }),
    skill('mid', { en: 'Event sourcing', es: 'Eventos' }),
    skill('beta', { en: 'Observability', es: 'Ética de datos' }),
  ]);
  const listed = (locale: Locale) =>
    buttons(replyTo('list', locale, catalog).blocks)
      .filter((b) => b.action_id === ACTION.openSkill)
      .map((b) => b.value);

  it('sorts skills by their name in the person’s language, not by id', () => {
    expect(listed('en')).toEqual(['zeta', 'mid', 'beta', 'alpha']); // Apache Kafka, Event sourcing, Observability, Search
    expect(listed('es')).toEqual(['zeta', 'alpha', 'beta', 'mid']); // Apache Kafka, Búsqueda, Ética de datos, Eventos
  });
});

describe('/skill assess without a skill', () => {
  it('opens the only skill when the catalog has one', () => {
    expect(parseSkillCommand('assess', shipped)).toEqual({ kind: 'assess', skill: nats });
  });

  it.each(SUPPORTED_LOCALES)('asks which skill, with an Assess button per skill sorted by name (%s)', (locale) => {
    const catalog = buildCatalog([skill('zeta', 'Apache Kafka'), skill('alpha', 'Search'), nats]);
    const reply = replyTo('assess', locale, catalog);
    expect(reply.text).toBe(locale === 'en' ? 'Which skill do you want to assess?' : '¿Qué habilidad quieres evaluar?');
    expect(texts(reply.blocks)).not.toContain('/skill list'); // not the whole help
    const assess = buttons(reply.blocks).filter((b) => b.action_id === ACTION.assess);
    expect(assess.map((b) => b.value)).toEqual(['zeta', 'nats', 'alpha']);
  });

  it('stays valid with a catalog far bigger than a message holds', () => {
    const catalog = buildCatalog(Array.from({ length: 120 }, (_, i) => skill(`skill-${i}`, `Skill ${i} ${'x'.repeat(100)}`, { summary: 's'.repeat(500) })));
    for (const locale of SUPPORTED_LOCALES) {
      const reply = replyTo('assess', locale, catalog);
      expect(reply.blocks.length).toBeLessThanOrEqual(50);
      expect(texts(reply.blocks)).toMatch(locale === 'en' ? /and \d+ more/ : /y \d+ más/);
      replyTo('list', locale, catalog);
    }
  });
});
