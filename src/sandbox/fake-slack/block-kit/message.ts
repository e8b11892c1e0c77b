/** Messages as sent to chat.postMessage / chat.update / chat.postEphemeral / a response_url. */
import { blockTextLength, validateBlocks } from './block-list.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { type BlockKitProblem, problem, problemsError, tooLong } from './problems.js';

/** Top-level `text` of a message: a string ≤40,000 (longer is truncated, not rejected; aim for ≤4,000). */
export function validateMessageText(text: unknown): BlockKitProblem[] {
  if (text === undefined) return [];
  if (typeof text !== 'string') return [problem('/text', 'must provide a string')];
  return text.length > BLOCK_KIT_LIMITS.messageText ? [problem('/text', tooLong(BLOCK_KIT_LIMITS.messageText))] : [];
}

/**
 * With blocks, `text` is the notification and screen-reader fallback. Slack itself only warns, but a
 * message without it is unreadable in notifications, so this validator treats it as a problem.
 */
export function validateFallbackText(message: { text?: unknown; blocks?: unknown }): BlockKitProblem[] {
  // A non-string text is reported by validateMessageText; do not report it twice.
  if (message.text !== undefined && typeof message.text !== 'string') return [];
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  const hasText = typeof message.text === 'string' && message.text.trim().length > 0;
  if (hasText) return [];
  if (hasBlocks) return [problem('/text', 'must provide text as the notification and screen-reader fallback when using blocks')];
  return [problem('/text', 'missing required field: text (no_text)')];
}

/** Cumulative block text (msg_blocks_too_long guidance, docs/slack-limits.md#message-text). */
export function validateBlocksTextTotal(blocks: unknown): BlockKitProblem[] {
  const total = blockTextLength(blocks);
  return total > BLOCK_KIT_LIMITS.messageBlocksText
    ? [problem('/blocks', `msg_blocks_too_long: block text ${tooLong(BLOCK_KIT_LIMITS.messageBlocksText)} in total (got ${total})`)]
    : [];
}

/** A message as sent to chat.postMessage / chat.update / chat.postEphemeral / a response_url. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): BlockKitProblem[] {
  return [
    ...validateMessageText(message.text),
    ...validateFallbackText(message),
    ...(message.blocks === undefined ? [] : validateBlocks(message.blocks, 'message')),
    ...(message.blocks === undefined ? [] : validateBlocksTextTotal(message.blocks)),
  ];
}

/** Throws an Error listing every problem; for tests of block builders. */
export function assertValidMessage(message: { text?: unknown; blocks?: unknown }, label = 'message'): void {
  const problems = validateMessage(message);
  if (problems.length > 0) throw problemsError(label, problems);
}
