/**
 * response_urls: where an app answers a slash command or an interaction without a token. Each URL works 5 times
 * within 30 minutes (docs/slack-limits.md#response-urls) and can replace or delete the message the interaction
 * came from, post in the channel, or show an ephemeral reply. Failures are bare HTTP statuses with a one-word
 * body, not the Web API's `{ok:false}`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ok } from './api-result.js';
import type { ConversationStore } from './conversation-store.js';
import { type FaultQueue, faultToResult, sleep } from './faults.js';
import { parseResponseBody, sendJson, sendText } from './http-io.js';
import { checkMessageContent } from './message-content.js';
import type { FakeEphemeral, FakeResponseUrlPost, ResponseUrlContext } from './types.js';
import { clone, flag, isObject, type Json } from './values.js';
import type { Workspace } from './workspace.js';

const RESPONSE_URL_MAX_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** The fault queue key for response_url posts (`failNext('response_url', …)`). */
export const RESPONSE_URL_FAULT_KEY = 'response_url';

interface ResponseUrlRecord {
  id: string;
  createdAt: number;
  uses: number;
  context: ResponseUrlContext;
  /** Last ephemeral posted through this URL: what `replace_original` replaces when there is no original message. */
  lastEphemeralTs?: string;
}

type Outcome = { error: string } | { outcome: Exclude<FakeResponseUrlPost['outcome'], 'rejected'>; messageTs?: string };

export interface ResponseUrlsDeps {
  workspace: Workspace;
  conversations: ConversationStore;
  faults: FaultQueue;
  /** Reject blocks without a `text` fallback (see FakeSlackOptions). */
  requireFallbackText: boolean;
}

export class ResponseUrls {
  /** Every POST to a response_url, in arrival order. */
  readonly responses: FakeResponseUrlPost[] = [];
  private readonly records = new Map<string, ResponseUrlRecord>();

  constructor(private readonly deps: ResponseUrlsDeps) {}

  /** A new response_url id; the URL is `<base>/response_url/<id>`. */
  create(context: ResponseUrlContext): string {
    const id = `${this.deps.workspace.nextId()}${randomBytes(12).toString('hex')}`;
    this.records.set(id, { id, createdAt: this.deps.workspace.now(), uses: 0, context: { ...context } });
    return id;
  }

  async handle(id: string, req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const at = this.deps.workspace.now();
    const record = this.records.get(id);
    const context = record?.context ?? {};
    const body = parseResponseBody(req.headers['content-type'], raw);
    const log = (status: number, outcome: FakeResponseUrlPost['outcome'], extra: { error?: string; messageTs?: string } = {}): void => {
      this.responses.push({ id, body, status, outcome, at, context: { ...context }, ...extra });
    };
    const reject = (status: number, error: string): void => {
      log(status, 'rejected', { error });
      sendText(res, status, error);
    };

    const fault = this.deps.faults.take(RESPONSE_URL_FAULT_KEY);
    if (fault?.delayMs) await sleep(fault.delayMs);
    const faultResult = fault ? faultToResult(fault) : undefined;
    if (faultResult) {
      log(faultResult.status, 'rejected', { error: String(faultResult.body.error ?? faultResult.status) });
      sendJson(res, faultResult);
      return;
    }

    if (!record) return reject(404, 'invalid_url');
    // 5 uses within 30 minutes; after that Slack answers with a non-2xx status.
    if (at - record.createdAt > RESPONSE_URL_TTL_MS) return reject(404, 'expired_url');
    if (record.uses >= RESPONSE_URL_MAX_USES) return reject(404, 'used_url');
    if (!isObject(body)) return reject(400, 'invalid_payload');

    const outcome = this.apply(record, body);
    if ('error' in outcome) return reject(400, outcome.error);
    record.uses += 1;
    const extra: { messageTs?: string } = {};
    if (outcome.messageTs !== undefined) extra.messageTs = outcome.messageTs;
    log(200, outcome.outcome, extra);
    if (fault && 'dropConnection' in fault) {
      req.socket.destroy();
      return;
    }
    if (fault && 'afterProcessing' in fault) {
      sendText(res, fault.status ?? 200, fault.body ?? 'error');
      return;
    }
    sendJson(res, ok());
  }

  reset(): void {
    this.responses.length = 0;
    this.records.clear();
  }

  /** Applies a response_url body (replace_original, delete_original, response_type). */
  private apply(record: ResponseUrlRecord, body: Json): Outcome {
    const { conversations, workspace, requireFallbackText } = this.deps;
    const { context } = record;
    if (flag(body.delete_original)) {
      const ts = context.messageTs ?? record.lastEphemeralTs;
      if (ts !== undefined) conversations.removeMessage(context.channel, ts);
      return ts === undefined ? { outcome: 'deleted' } : { outcome: 'deleted', messageTs: ts };
    }
    // Response URLs answer 400 with a bare `invalid_blocks` (no details).
    const content = checkMessageContent(body, requireFallbackText);
    if (!content.ok) return { error: content.error === 'invalid_blocks_format' ? 'invalid_blocks' : content.error };

    if (flag(body.replace_original)) {
      const ts = context.messageTs ?? record.lastEphemeralTs;
      const replaced = ts !== undefined && conversations.replaceMessage(context.channel, ts, content);
      if (replaced) return { outcome: 'replaced', messageTs: ts };
    }
    if (body.response_type === 'in_channel') {
      const channel = context.channel ? conversations.resolveChannel(context.channel, true) : undefined;
      if (!channel) return { error: 'channel_not_found' };
      const message = conversations.postMessage(channel, content, body, 'response_url');
      return { outcome: 'in_channel', messageTs: message.ts };
    }
    const ephemeral: FakeEphemeral = { channel: context.channel ?? '', user: context.userId ?? '', message_ts: workspace.nextTs(), via: 'response_url' };
    if (content.text !== undefined) ephemeral.text = content.text;
    if (content.blocks !== undefined) ephemeral.blocks = clone(content.blocks);
    conversations.addEphemeral(ephemeral);
    record.lastEphemeralTs = ephemeral.message_ts;
    return { outcome: 'ephemeral', messageTs: ephemeral.message_ts };
  }
}
