/**
 * A strict, pure Block Kit validator for the blocks and elements Skill Ladder uses.
 *
 * Why: Slack rejects over-limit payloads at runtime (`invalid_blocks`, `invalid_arguments`), and `@slack/types`
 * only checks shapes, not lengths. Tests and the fake Slack server run every payload through this module so a
 * limit is broken in CI rather than in a user's workspace.
 *
 * Messages read like Slack's own (`must be less than 3001 characters`, `failed to match all allowed schemas`,
 * `must define submit to use input block`) and carry a JSON pointer, so the fake server can answer with the
 * real error shape `... [json-pointer:/blocks/0/text/text]` (docs/slack-limits.md#errors-for-invalid-payloads).
 *
 * This file is the public entry; the checks live in `block-kit/`, from the bottom up: `limits` (every number),
 * `problems` (Slack's wording), `primitive-checks` and `composition-objects`, `elements`, `rich-text`, `blocks`,
 * then the surfaces: `block-list` (a whole blocks array), `message` and `view`.
 */
export { BLOCK_KIT_LIMITS } from './block-kit/limits.js';
export { type BlockKitProblem, formatProblem } from './block-kit/problems.js';
export { blockTextLength, type Surface, validateBlocks } from './block-kit/block-list.js';
export { assertValidMessage, validateBlocksTextTotal, validateFallbackText, validateMessage, validateMessageText } from './block-kit/message.js';
export { assertValidView, validateView } from './block-kit/view.js';
