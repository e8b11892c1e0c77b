import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSkillCommand, type SkillIntent } from '../../src/command/parse-skill-command.js';
import { shippedCatalog } from '../helpers/catalog.js';

const catalog = await shippedCatalog();

function summary(intent: SkillIntent): string {
  switch (intent.kind) {
    case 'card':
      return `card ${intent.skill.id} ${intent.level.id}${intent.role ? ` ${intent.role.id}` : ''}${intent.ignored.length ? ` +ignored:${intent.ignored.join(',')}` : ''}`;
    case 'compare-levels':
      return `compare ${intent.skill.id} ${intent.from.id}→${intent.to.id}${intent.role ? ` ${intent.role.id}` : ''}${intent.ignored.length ? ` +ignored:${intent.ignored.join(',')}` : ''}`;
    case 'compare-roles':
      return `compare ${intent.skill.id} ${intent.level.id} ${intent.roles[0].id}→${intent.roles[1].id}${intent.ignored.length ? ` +ignored:${intent.ignored.join(',')}` : ''}`;
    case 'overview':
      return `overview ${intent.skill.id}`;
    case 'assess':
      return `assess ${intent.skill.id}`;
    case 'unknown-skill':
      return `unknown-skill ${intent.word} → ${intent.suggestions.map((s) => s.id).join(',')}`;
    case 'unknown-level':
      return `unknown-level ${intent.word} → ${intent.suggestions.map((s) => s.id).join(',')}`;
    case 'unknown-role':
      return `unknown-role ${intent.word} → ${intent.suggestions.map((s) => s.id).join(',')}`;
    default:
      return intent.kind;
  }
}

describe('parseSkillCommand', () => {
  it.each([
    ['', 'help'],
    ['   ', 'help'],
    ['help', 'help'],
    ['AYUDA', 'help'],
    ['list', 'list'],
    ['lista', 'list'],
    ['me', 'me'],
    ['forget', 'forget'],
    ['olvidar', 'forget'],
    ['assess nats', 'assess nats'],
    ['evaluar JetStream', 'assess nats'],
    ['assess', 'assess nats'], // the only skill in the shipped catalog; with several, see test/blocks/help-and-list.test.ts
    ['nats', 'overview nats'],
    ['NATS', 'overview nats'],
    ['jetstream', 'overview nats'],
    ['nats jetstream', 'overview nats'],
    ['nats senior', 'card nats senior'],
    ['nats Sénior', 'card nats senior'],
    ['nats sr', 'card nats senior'],
    ['nats 3', 'card nats senior'],
    ['nats jr', 'card nats junior'],
    ['nats 1', 'card nats junior'],
    ['nats mid', 'card nats middle'],
    ['nats semi-senior', 'card nats middle'],
    ['nats Semisenior', 'card nats middle'],
    ['nats líder', 'card nats lead'],
    ['nats LIDER', 'card nats lead'],
    ['nats 5', 'card nats principal'],
    ['nats senior go', 'card nats senior go'],
    ['nats sr golang', 'card nats senior go'],
    ['nats 3 Elixir', 'card nats senior elixir'],
    ['nats senior backend developer (go)', 'card nats senior go'],
    ['nats senior go please thanks', 'card nats senior go +ignored:please,thanks'],
    ['nast', 'unknown-skill nast → nats'],
    ['nast senior', 'unknown-skill nast → nats'],
    ['kafka', 'unknown-skill kafka → '],
    ['nats seniro', 'unknown-level seniro → senior'],
    ['nats 9', 'unknown-level 9 → '],
    ['nats wizard', 'unknown-level wizard → '],
    ['nats mago', 'unknown-level mago → '],
    ['nats senior rust', 'unknown-role rust → '],
    ['nats senior goo', 'unknown-role goo → go'],
    // Comparisons: level against level (either order, aliases, numbers), with an optional role on either side.
    ['nats senior vs lead', 'compare nats senior→lead'],
    ['nats senior VS. lead', 'compare nats senior→lead'],
    ['nats junior versus principal', 'compare nats junior→principal'],
    ['nats compare senior lead', 'compare nats senior→lead'],
    ['nats senior contra lead', 'compare nats senior→lead'],
    ['nats comparar senior líder', 'compare nats senior→lead'],
    ['nats lead vs senior', 'compare nats lead→senior'],
    ['nats sr vs 4 golang', 'compare nats senior→lead go'],
    ['nats senior go vs lead', 'compare nats senior→lead go'],
    ['nats compare sr lead backend developer (go)', 'compare nats senior→lead go'],
    ['nats senior vs lead go please', 'compare nats senior→lead go +ignored:please'],
    ['nats senior vs senior', 'compare nats senior→senior'],
    ['nats compare senior', 'compare nats senior→lead'], // the second level defaults to the next one up
    ['nats compare principal', 'compare nats principal→lead'], // or, at the top, the one below
    ['nats compare', 'compare nats junior→middle'],
    ['nats comparar 5 contra 1', 'compare nats principal→junior'],
    // Role against role at one level.
    ['nats senior go vs elixir', 'compare nats senior go→elixir'],
    ['nats 3 golang contra Elixir', 'compare nats senior go→elixir'],
    ['nats lead backend developer (elixir) vs go', 'compare nats lead elixir→go'],
    // Unknown words get the same answers as elsewhere.
    ['nats seniro vs lead', 'unknown-level seniro → senior'],
    ['nats senior vs laed', 'unknown-level laed → lead'],
    ['nats compare wizard lead', 'unknown-level wizard → '],
    ['nats senior vs lead rust', 'unknown-role rust → '],
    ['nats senior vs lead goo', 'unknown-role goo → go'],
    ['nats senior goo vs elixir', 'unknown-role goo → go'],
    ['nats senior vs go', 'unknown-level go → '],
    ['nast senior vs lead', 'unknown-skill nast → nats'],
  ])('%j → %s', (text, expected) => {
    expect(summary(parseSkillCommand(text, catalog))).toBe(expected);
  });

  it('never throws, whatever the text (random Unicode up to 4,000 characters)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 4000 }), (text) => {
        const intent = parseSkillCommand(text, catalog);
        expect(intent.kind).toBeTypeOf('string');
      }),
      { numRuns: 300 },
    );
  });
});
