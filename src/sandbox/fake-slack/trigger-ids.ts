/** Trigger ids: what an interaction hands the app so it may open or push a modal, once and within 3 seconds. */
import { randomBytes } from 'node:crypto';
import { type ApiResult, fail, invalidArguments } from './api-result.js';
import type { TriggerContext } from './types.js';
import { str } from './values.js';
import type { Workspace } from './workspace.js';

/** Trigger ids expire 3 s after issue and work once (docs/slack-limits.md#trigger-ids). */
const TRIGGER_TTL_MS = 3000;

export interface TriggerRecord {
  issuedAt: number;
  used: boolean;
  context: TriggerContext;
}

export class TriggerIds {
  private readonly triggers = new Map<string, TriggerRecord>();

  constructor(private readonly workspace: Workspace) {}

  /** A fresh trigger_id, valid once within 3 s. */
  issue(context: TriggerContext): string {
    // Same shape as Slack's (`398738663015.47445629121.803a0bc8...`), unguessable across fakes.
    const n = this.workspace.nextId();
    const id = `${100_000_000_000 + n}.${10_000_000_000 + n}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.workspace.now(), used: false, context: { ...context } });
    return id;
  }

  /**
   * Unknown → invalid_trigger_id, reused → exchanged_trigger_id, older than 3 s → expired_trigger_id. Checking
   * does not use the trigger up: the caller marks it `used` once the rest of its call is valid.
   */
  check(triggerId: unknown): { error: ApiResult } | { trigger: TriggerRecord } {
    const id = str(triggerId);
    if (!id) return { error: invalidArguments([{ pointer: '/trigger_id', message: 'missing required field: trigger_id' }]) };
    const trigger = this.triggers.get(id);
    if (!trigger) return { error: fail('invalid_trigger_id') };
    if (trigger.used) return { error: fail('exchanged_trigger_id') };
    if (this.workspace.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: fail('expired_trigger_id') };
    return { trigger };
  }

  reset(): void {
    this.triggers.clear();
  }
}
