import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assertValidMessage } from '../../src/sandbox/fake-slack/block-kit-validator.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'error' } });

/** The CLI with exactly these settings: none of this machine's Slack or database variables leak in. */
const cliWith = (env: Record<string, string>, ...args: string[]) => {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(SLACK_|DATABASE_URL$|PGLITE_DIR$)/.test(name)));
  return run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env: { ...inherited, LOG_LEVEL: 'error', ...env } });
};
type Exit = { code: number; stdout: string; stderr: string };
const failed = (call: Promise<unknown>): Promise<Exit> =>
  call.then(
    () => ({ code: 0, stdout: '', stderr: 'exited 0' }),
    (error: Exit) => error,
  );

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

  it('with no command, prints the usage on stderr and exits non-zero', async () => {
    const exit = await failed(cli());
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('Usage: skill-ladder <command>');
    expect(exit.stdout).toBe('');
  });

  it('help prints the usage and exits 0; an unknown command is named and exits non-zero', { timeout: 60_000 }, async () => {
    const [help, exit] = await Promise.all([cli('help'), failed(cli('hepl'))]);
    expect(help.stdout).toContain('Usage: skill-ladder <command>');
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('Unknown command "hepl"');
  });

  it('render with an unknown skill, level or role prints no card, says what the catalog has, and exits non-zero', { timeout: 60_000 }, async () => {
    const [skill, level, role] = await Promise.all([failed(cli('render', 'nast')), failed(cli('render', 'nats', 'wizard')), failed(cli('render', 'nats', 'senior', 'cobol'))]);
    expect(skill).toMatchObject({ code: 2, stdout: '' });
    expect(skill.stderr).toContain('render: no skill "nast" in the catalog (skills: nats)');
    expect(level).toMatchObject({ code: 2, stdout: '' });
    expect(level.stderr).toContain('"wizard" is not a level of nats (levels: junior, middle, senior, lead, principal)');
    expect(role).toMatchObject({ code: 2, stdout: '' });
    expect(role.stderr).toMatch(/"cobol" is not a role of nats at senior \(roles: [a-z-]+, [a-z-]+\)/);
  });

  it('tick names every configuration problem at once, including the bot token sending needs, and no signing secret', async () => {
    const exit = await failed(cliWith({ LOG_LEVEL: 'loud', PORT: 'eighty' }, 'tick'));
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('LOG_LEVEL: must be one of');
    expect(exit.stderr).toContain('PORT: must be a number');
    expect(exit.stderr).toContain('SLACK_BOT_TOKEN: is required to send check-ins');
    expect(exit.stderr).not.toContain('SLACK_SIGNING_SECRET');
  });

  it('tick runs a pass with a bot token alone: no signing secret or app token', { timeout: 90_000 }, async () => {
    const pgliteDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'cli-tick-')), 'pglite');
    await cliWith({ PGLITE_DIR: pgliteDir }, 'migrate');
    // Nothing is scheduled in a new database, so the pass makes no Slack call: the URL is never reached.
    const { stdout, stderr } = await cliWith({ PGLITE_DIR: pgliteDir, SLACK_BOT_TOKEN: 'xoxb-test-0001', SLACK_API_URL: 'http://127.0.0.1:9/api/' }, 'tick', '--worker', 'cli-test');
    expect(JSON.parse(stdout)).toMatchObject({ at: 'database clock', emitted: 0, claimed: 0, errors: 0 });
    expect(stderr).toBe('');
  });
});
