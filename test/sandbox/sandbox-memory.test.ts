import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_FILE } from '../../src/sandbox/sandbox-memory.js';
import { databaseTargets, type TestDatabase } from '../helpers/test-database.js';
import { ADA, assessmentEdits, dmId, GENERAL, messagesIn, ROSA, startSandboxFixture, type SandboxFixture } from './sandbox-fixture.js';

/**
 * A sandbox restart looks like Slack after a reconnect: the channel, the DMs and the pretend clock come back with
 * the database's data, while modals and "only visible to you" messages do not. Two sandboxes, one after the other,
 * on the same PGlite database and the same folder, as `npm start` twice on one PGLITE_DIR.
 */
describe('the sandbox keeps its conversation and clock across a restart', () => {
  let dir: string;
  let database: TestDatabase;
  let first: SandboxFixture | undefined;
  let second: SandboxFixture | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sandbox-memory-'));
    database = await databaseTargets().find((target) => target.name === 'pglite')!.create();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('comes back with #general, the DMs and the clock; modals and ephemeral messages are gone', async () => {
    first = await startSandboxFixture({ memoryDir: dir, database });
    const f = first;
    await f.post('compose', { user: ADA, channel: GENERAL, text: 'hello before the restart' });
    await f.post('compose', { user: ADA, channel: GENERAL, text: '/skill nats senior' });
    const card = await f.waitFor(ADA, (s) => messagesIn(s, 'channel').find((m) => m.ephemeral && m.text.includes('Senior')), 'the card');
    await f.post('compose', { user: ADA, channel: GENERAL, text: '/skill assess nats' });
    const modal = await f.waitFor(ADA, (s) => (s.modal && JSON.stringify(s.modal.blocks).includes('assess_current') ? s.modal : undefined), 'the modal');
    expect(await f.post('view-submit', { user: ADA, viewId: modal.id, edits: assessmentEdits() })).toMatchObject({ ok: true, closed: true });
    const confirmation = await f.waitFor(ADA, (s) => messagesIn(s, 'im').find((m) => m.text.startsWith('Saved your NATS')), 'the confirmation DM');
    expect(await f.post('fast-forward', { user: ADA, to: 'next-checkin' })).toMatchObject({ ok: true, sent: 1 });
    const checkin = await f.waitFor(ADA, (s) => messagesIn(s, 'im').find((m) => m.ts !== confirmation.ts && !m.ephemeral), 'the check-in DM');
    // Left open and unsaved at shutdown: a modal, as in Slack, does not outlive the client.
    await f.post('compose', { user: ADA, channel: GENERAL, text: '/skill assess nats' });
    await f.waitFor(ADA, (s) => s.modal, 'a modal left open');
    const before = await f.state(ADA);
    expect(card.ephemeral).toBe(true);
    await f.close();
    first = undefined;

    second = await startSandboxFixture({ memoryDir: dir, database });
    const after = await second.state(ADA);
    // The same DM channel (the app keeps its id and the check-in's ts), the same messages, in order.
    expect(dmId(after)).toBe(dmId(before));
    const posted = (state: typeof before, kind: 'channel' | 'im') => messagesIn(state, kind).filter((m) => !m.ephemeral);
    expect(posted(after, 'im')).toEqual(posted(before, 'im'));
    expect(posted(after, 'channel')).toEqual(posted(before, 'channel'));
    expect(posted(after, 'im').map((m) => m.ts)).toEqual(expect.arrayContaining([confirmation.ts, checkin.ts]));
    expect(posted(after, 'channel').map((m) => m.text)).toContain('hello before the restart');
    // Ephemeral messages and the open modal stayed with the old client.
    expect(messagesIn(after, 'channel').filter((m) => m.ephemeral)).toEqual([]);
    expect(after.modal).toBeNull();
    // The clock carries on from where it was, not from real time.
    expect(after.clock.aheadMs).toBeGreaterThanOrEqual(before.clock.aheadMs);
    expect(new Date(after.clock.now).getTime()).toBeGreaterThanOrEqual(new Date(before.clock.now).getTime());
    // Other people's view is restored too.
    expect(posted(await second.state(ROSA), 'channel').map((m) => m.text)).toContain('hello before the restart');

    // The check-in's buttons still reach the app (it finds the message where it left it).
    const snooze = await second.post('message-action', { user: ADA, channel: dmId(after), ts: checkin.ts, actionId: 'checkin_snooze:1d' });
    expect(snooze).toEqual({ ok: true });
    // New messages get new, later timestamps: nothing collides with what was restored.
    await second.post('compose', { user: ADA, channel: GENERAL, text: 'hello after the restart' });
    const later = messagesIn(await second.state(ADA), 'channel').find((m) => m.text === 'hello after the restart')!;
    const earlier = messagesIn(await second.state(ADA), 'channel').find((m) => m.text === 'hello before the restart')!;
    expect(Number(later.ts)).toBeGreaterThan(Number(earlier.ts));
  });

  it('saves shortly after a change, without waiting for a clean shutdown', async () => {
    const f = second!;
    await f.post('compose', { user: ROSA, channel: GENERAL, text: 'hola' });
    await expect.poll(async () => (await readFile(path.join(dir, MEMORY_FILE), 'utf8')).includes('"hola"'), { timeout: 3000 }).toBe(true);
    // Written atomically: no temporary file is left beside it.
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('an unreadable file is set aside, and the sandbox starts empty instead of failing', async () => {
    await second?.close();
    second = undefined;
    await writeFile(path.join(dir, MEMORY_FILE), '{"version": 1, "clock": ');
    const f = await startSandboxFixture({ memoryDir: dir, database });
    try {
      expect(messagesIn(await f.state(ADA), 'channel')).toEqual([]);
      expect(f.logs.join('')).toContain('could not be read');
      const kept = (await readdir(dir)).filter((name) => name.startsWith(`${MEMORY_FILE}.unreadable-`));
      expect(kept).toHaveLength(1);
      expect(await readFile(path.join(dir, kept[0]!), 'utf8')).toBe('{"version": 1, "clock": ');
    } finally {
      await f.close();
    }
  });
});
