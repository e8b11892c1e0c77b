import { z } from 'zod';

/** Zod schemas for the parts of Slack payloads we read. Slack input is untrusted: parse it at the edge. */

const id = z.string().min(1).max(64);

/**
 * How much of `/skill`'s text is read. The grammar needs a few words; a paste of any length gets the same
 * "I don't know…" answer as a short typo (refusing it would look like our failure) while the work stays bounded.
 */
const COMMAND_TEXT_READ = 1000;

export const commandInputSchema = z.object({
  team_id: id,
  user_id: id,
  channel_id: id.optional(),
  text: z
    .string()
    .default('')
    // Never cut an emoji in half: a lone surrogate could be echoed back in the answer.
    .transform((text) => text.slice(0, COMMAND_TEXT_READ).replace(/[\uD800-\uDBFF]$/, '')),
  trigger_id: z.string().optional(),
});
export type CommandInput = z.infer<typeof commandInputSchema>;

export const blockActionInputSchema = z.object({
  user: z.object({ id, team_id: id.optional() }),
  team: z.object({ id }).nullable().optional(),
  channel: z.object({ id }).nullable().optional(),
  trigger_id: z.string().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        value: z.string().max(2000).optional(),
        selected_option: z.object({ value: z.string().max(150) }).optional(),
      }),
    )
    .min(1),
});
export type BlockActionInput = z.infer<typeof blockActionInputSchema>;

export function teamOf(body: BlockActionInput): string | undefined {
  return body.user.team_id ?? body.team?.id ?? undefined;
}

/**
 * The parts of any interaction payload that say what it is for and who sent it: enough to route it, or to
 * acknowledge and log one no listener handles. Unknown fields pass through untouched.
 */
export const interactionEnvelopeSchema = z.object({
  type: z.string().max(64),
  team: z.object({ id }).nullable().optional(),
  user: z.object({ id, team_id: id.optional() }).optional(),
  /** block_actions: Bolt routes on the first action. */
  actions: z.array(z.object({ action_id: z.string().max(255) })).optional(),
  /** block_suggestion. */
  action_id: z.string().max(255).optional(),
  /** shortcut, message_action, interactive_message. */
  callback_id: z.string().max(255).optional(),
  /** view_submission, view_closed. */
  view: z.object({ callback_id: z.string().max(255).optional(), app_installed_team_id: id.optional() }).optional(),
});
export type InteractionEnvelope = z.infer<typeof interactionEnvelopeSchema>;
