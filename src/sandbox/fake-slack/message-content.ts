/**
 * The message checks chat.* methods and response_urls share: Block Kit validity, the fallback text, Slack's
 * total-text limits and the metadata shape.
 */
import { BLOCK_KIT_LIMITS, type BlockKitProblem, blockTextLength, validateBlocks, validateFallbackText } from './block-kit-validator.js';
import { type ApiResult, type Args, fail } from './api-result.js';
import { isObject, str } from './values.js';

export type MessageCheck =
  | { ok: true; text: string | undefined; blocks: unknown[] | undefined; truncated: boolean }
  | { ok: false; error: string; problems: BlockKitProblem[] };

/**
 * Checks message content the way chat.* and response_urls do: malformed blocks JSON →
 * `invalid_blocks_format`; schema or limit problems → `invalid_blocks`; too much block text →
 * `msg_blocks_too_long`; nothing to show → `no_text`; text over 40,000 → truncated but accepted.
 */
export function checkMessageContent(args: Args, requireFallbackText: boolean): MessageCheck {
  const { blocks, attachments } = args;
  if (typeof blocks === 'string') return { ok: false, error: 'invalid_blocks_format', problems: [{ pointer: '/blocks', message: 'must provide valid JSON' }] };
  if (blocks !== undefined) {
    const problems = validateBlocks(blocks, 'message');
    if (problems.length > 0) return { ok: false, error: 'invalid_blocks', problems };
    const total = blockTextLength(blocks);
    if (total > BLOCK_KIT_LIMITS.messageBlocksText) {
      return {
        ok: false,
        error: 'msg_blocks_too_long',
        problems: [{ pointer: '/blocks', message: `block text must be less than ${BLOCK_KIT_LIMITS.messageBlocksText + 1} characters in total (got ${total})` }],
      };
    }
  }
  const rawText = args.text;
  if (rawText !== undefined && typeof rawText !== 'string' && typeof rawText !== 'number') {
    return { ok: false, error: 'invalid_arguments', problems: [{ pointer: '/text', message: 'must provide a string' }] };
  }
  let text = str(rawText);
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!text && !hasBlocks && !hasAttachments) return { ok: false, error: 'no_text', problems: [{ pointer: '/text', message: 'missing required field: text' }] };
  if (requireFallbackText && hasBlocks) {
    const problems = validateFallbackText({ text, blocks });
    if (problems.length > 0) return { ok: false, error: 'invalid_blocks', problems };
  }
  let truncated = false;
  if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText) {
    text = text.slice(0, BLOCK_KIT_LIMITS.messageText);
    truncated = true;
  }
  return { ok: true, text, blocks: Array.isArray(blocks) ? blocks : undefined, truncated };
}

/** What Slack adds to an accepted message whose text was over 40,000 characters. */
export const TRUNCATION_WARNING = {
  warnings: ['message_truncated'],
  messages: ['[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.'],
};

export function checkMetadata(metadata: unknown): ApiResult | undefined {
  if (metadata === undefined) return undefined;
  if (typeof metadata === 'string') return fail('invalid_metadata_format');
  if (!isObject(metadata) || typeof metadata.event_type !== 'string' || !isObject(metadata.event_payload)) return fail('invalid_metadata_schema');
  return undefined;
}
