import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@slack/bolt';
import { z } from 'zod';
import type { FakeSlack } from './fake-slack/fake-slack-server.js';
import type { LocalMessages } from './local-messages.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * What the sandbox plays Slack with, kept beside the app's data so that a restart looks like Slack after a
 * reconnect: #general and the DMs with their messages (shared cards, check-ins, confirmations, what people typed),
 * the id and timestamp counters, and the pretend clock. The database keeps assessments and schedules; without this
 * file the sandbox would come back with an empty channel, a clock in step with real time, and check-in DMs the app
 * remembers (channel and ts) but Slack no longer shows.
 *
 * Not kept, as in Slack: open modals, "only visible to you" messages and Slackbot notices (they live in the client),
 * trigger ids and response_urls (short-lived), and Home tabs (the app publishes them again when a tab opens).
 *
 * Written as one JSON file (atomically: a temporary file, then a rename), shortly after each change and on close.
 */

export const MEMORY_FILE = 'skill-ladder-sandbox.json';
const SAVE_DELAY_MS = 300;

const message = z.object({
  type: z.literal('message'),
  channel: z.string(),
  ts: z.string(),
  text: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
  metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }).optional(),
  thread_ts: z.string().optional(),
  user: z.string(),
  bot_id: z.string(),
  app_id: z.string(),
  team: z.string(),
  edited: z.object({ user: z.string(), ts: z.string() }).optional(),
  // A file's bytes are not kept across a restart (only in memory), so its link then answers 404; the message stays.
  files: z
    .array(z.object({ id: z.string(), name: z.string(), title: z.string(), mimetype: z.string(), size: z.number(), url_private: z.string(), url_private_download: z.string() }))
    .optional(),
  via: z.enum(['chat.postMessage', 'response_url', 'files.completeUploadExternal']),
});
const channel = z.object({
  id: z.string(),
  kind: z.enum(['im', 'mpim', 'channel']),
  user: z.string().optional(),
  members: z.array(z.string()),
  messages: z.array(message),
  created: z.number(),
});
const localMessage = z.object({ channel: z.string(), ts: z.string(), author: z.string(), text: z.string() });
const memorySchema = z.object({
  version: z.literal(1),
  clock: z.object({ aheadMs: z.number().min(0), nowMs: z.number() }),
  fake: z.object({ counters: z.object({ ids: z.number().int().min(0), lastTsMicros: z.number().min(0) }), channels: z.array(channel) }),
  local: z.object({ lastMicros: z.number().min(0), messages: z.array(localMessage) }),
});
type Memory = z.infer<typeof memorySchema>;

export interface SandboxMemoryParts {
  dir: string;
  fake: FakeSlack;
  local: LocalMessages;
  clock: VirtualClock;
  logger: Logger;
}

export class SandboxMemory {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly parts: SandboxMemoryParts) {}

  get file(): string {
    return path.join(this.parts.dir, MEMORY_FILE);
  }

  /**
   * Puts the saved conversation and clock back. A missing file is a first start; an unreadable one is set aside
   * (renamed, never deleted) with a warning, and the sandbox starts empty rather than not at all.
   */
  async load(): Promise<'restored' | 'fresh' | 'unreadable'> {
    const raw = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (raw === undefined) return 'fresh';
    const parsed = memorySchema.safeParse(parseJson(raw));
    if (!parsed.success) {
      const aside = `${this.file}.unreadable-${Date.now()}`;
      await rename(this.file, aside).catch(() => undefined);
      this.parts.logger.warn(`sandbox: ${this.file} could not be read; starting with an empty conversation (the file was kept as ${aside})`);
      return 'unreadable';
    }
    const memory: Memory = parsed.data;
    this.parts.fake.restoreWorkspace(memory.fake);
    this.parts.local.restoreShared(memory.local);
    this.parts.clock.restore(memory.clock);
    return 'restored';
  }

  /** Saves a moment from now, folding a burst of changes into one write. */
  saveSoon(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes what is pending now and stops saving. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
    this.closed = true;
  }

  /** One write at a time, each with the state as it is when it starts. Failures are logged, never thrown. */
  save(): Promise<void> {
    if (this.closed) return this.writing;
    this.writing = this.writing.then(() =>
      this.write().catch((error: unknown) => this.parts.logger.warn(`sandbox: could not save the conversation to ${this.file}`, error)),
    );
    return this.writing;
  }

  private async write(): Promise<void> {
    const { fake, local, clock } = this.parts;
    const memory: Memory = {
      version: 1,
      clock: { aheadMs: clock.aheadMs, nowMs: clock.nowMs() },
      fake: fake.exportWorkspace(),
      local: local.exportShared(),
    };
    await mkdir(this.parts.dir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(memory));
    await rename(temporary, this.file);
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
