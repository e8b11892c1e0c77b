import { z } from 'zod';

/** Zod schemas for the parts of Slack payloads we read. Slack input is untrusted: parse it at the edge. */

const id = z.string().min(1).max(64);

export const commandInputSchema = z.object({
  team_id: id,
  user_id: id,
  channel_id: id.optional(),
  text: z.string().max(40_000).default(''),
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
