import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'error' } });

describe('npm run cli -- render, for comparisons', () => {
  it('renders a comparison, in English and in Spanish, as valid Block Kit, and refuses a typo', { timeout: 60_000 }, async () => {
    const [levels, spanish, typo] = await Promise.all([
      cli('render', 'nats', 'senior', 'vs', 'lead'),
      cli('render', 'nats', 'comparar', '5', 'contra', '4', 'go', '--locale', 'es'),
      cli('render', 'nats', 'senior', 'vs', 'laed').then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      ),
    ]);
    const levelsCard = JSON.parse(levels.stdout);
    assertValidMessage(levelsCard);
    expect(levelsCard.blocks[0].text.text).toBe('NATS / NATS JetStream · Senior → Lead');
    expect(levels.stderr).toContain('Preview in Block Kit Builder');
    const spanishCard = JSON.parse(spanish.stdout);
    assertValidMessage(spanishCard);
    expect(spanishCard.blocks[0].text.text).toBe('NATS / NATS JetStream · Principal → Lead');
    expect(JSON.stringify(spanishCard)).toContain('De Principal a Lead:');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('render: "laed" is not a level of nats (levels: junior, middle, senior, lead, principal)');
  });
});
