import { describe, expect, it } from 'vitest';
import { parseSkillCommand } from '../../src/command/parse-skill-command.js';
import { shippedCatalog } from '../helpers/catalog.js';

const catalog = await shippedCatalog();
const parse = (text: string) => {
  const intent = parseSkillCommand(text, catalog);
  if (intent.kind !== 'share') return intent.kind === 'unknown-skill' ? `unknown-skill ${intent.word}` : intent.kind;
  return { skill: intent.skill?.id ?? null, viewer: intent.viewer ?? null };
};

describe('/skill share and /skill sharing', () => {
  it('reads the skill and the person Slack escaped, in any order, with or without "with"', () => {
    expect(parse('share nats <@U0ANA|ana>')).toEqual({ skill: 'nats', viewer: { userId: 'U0ANA' } });
    expect(parse('share <@U0ANA> nats')).toEqual({ skill: 'nats', viewer: { userId: 'U0ANA' } });
    expect(parse('share jetstream with <@W0ANA|ana>')).toEqual({ skill: 'nats', viewer: { userId: 'W0ANA' } });
    expect(parse('compartir nats con <@U0ANA|ana>')).toEqual({ skill: 'nats', viewer: { userId: 'U0ANA' } });
  });

  it('all skills when none is named; a name Slack could not resolve comes back as a name; nobody at all is fine too', () => {
    expect(parse('share <@U0ANA|ana>')).toEqual({ skill: null, viewer: { userId: 'U0ANA' } });
    expect(parse('share nats @ana')).toEqual({ skill: 'nats', viewer: { name: 'ana' } });
    expect(parse('share')).toEqual({ skill: null, viewer: null });
    expect(parse('SHARE NATS')).toEqual({ skill: 'nats', viewer: null });
  });

  it('an unknown skill gets the usual suggestion; a channel or a broken mention is not a person', () => {
    expect(parse('share nast <@U0ANA|ana>')).toBe('unknown-skill nast');
    expect(parse('share <#C0GENERAL|general>')).toBe('unknown-skill <#C0GENERAL|general>');
    expect(parse('share <@U0ANA')).toBe('unknown-skill <@U0ANA');
  });

  it('sharing, in both languages, lists my shares', () => {
    for (const word of ['sharing', 'shares', 'compartido', 'compartidos']) expect(parse(word)).toBe('sharing');
  });
});

describe('/skill prep', () => {
  const prep = (text: string) => {
    const intent = parseSkillCommand(text, catalog);
    return intent.kind === 'prep' ? { person: intent.person ?? null } : intent.kind;
  };
  it('reads the person Slack escaped, a name it could not resolve, or nobody (myself), in both languages', () => {
    expect(prep('prep <@U0ADA|ada>')).toEqual({ person: { userId: 'U0ADA' } });
    expect(prep('preparar con <@U0ADA|ada>')).toEqual({ person: { userId: 'U0ADA' } });
    expect(prep('prep @ada')).toEqual({ person: { name: 'ada' } });
    expect(prep('prep')).toEqual({ person: null });
    expect(prep('PREPARAR')).toEqual({ person: null });
  });
});
