import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assertValidMessage } from '../src/sandbox/fake-slack/block-kit-validator.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'error' } });

describe('operator CLI', () => {
  it('renders a card as Block Kit JSON, in Spanish, with a Block Kit Builder link', async () => {
    const { stdout, stderr } = await cli('render', 'nats', 'senior', 'go', '--locale', 'es');
    const message = JSON.parse(stdout);
    assertValidMessage(message);
    expect(message.blocks[0].text.text).toBe('NATS / NATS JetStream · Senior');
    expect(JSON.stringify(message)).toContain('Para llegar a Lead');
    expect(stderr).toContain('https://app.slack.com/block-kit-builder#');
  });

  it('imports a profile export into a skill file identical to the shipped one', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'import-')), 'nats.yaml');
    const { stdout } = await cli('import', 'test/fixtures/nats-profile-es.txt', '--id', 'nats', '--name', 'NATS / NATS JetStream', '--out', out);
    expect(stdout).toContain('5 levels, 2 roles');
    expect(await readFile(out, 'utf8')).toBe(await readFile('data/skills/nats.yaml', 'utf8'));
  });

  it('names the line when an import fails, and exits non-zero', async () => {
    const error = await cli('import', 'README.md', '--id', 'x', '--name', 'X').catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/Import failed at line 1: expected "Domain"/);
  });

  it('validates the catalog', async () => {
    const { stdout } = await cli('validate-catalog', 'data/skills');
    expect(stdout).toContain('1 valid skill (nats)');
  });
});
