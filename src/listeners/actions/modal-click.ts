import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { blockActionInputSchema, teamOf } from '../slack-input.js';

export type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** A click that opens a modal, parsed: who clicked where, its trigger id, and the element's value (untrusted). */
export interface ModalClick {
  teamId: string;
  userId: string;
  /** Single-use, and only good for 3 s after the click (docs/slack-limits.md#trigger-ids). */
  triggerId: string;
  value: string | undefined;
}

/**
 * The shell every click that opens a modal shares: ack at once, parse the payload, and hand over who clicked and
 * the trigger id. A payload without them (no workspace, no trigger id: not from Slack's client) is logged under
 * `label` and dropped. `open` keeps its own try/catch: what failed, and how to say so, differs per modal.
 */
export const onModalClick =
  (label: string, open: (click: ModalClick, args: ActionArgs) => Promise<void>) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const input = blockActionInputSchema.safeParse(args.body);
    const teamId = input.success ? teamOf(input.data) : undefined;
    if (!input.success || !teamId || !input.data.trigger_id) {
      args.logger.warn(`${label}: unexpected payload`);
      return;
    }
    await open({ teamId, userId: input.data.user.id, triggerId: input.data.trigger_id, value: input.data.actions[0]!.value }, args);
  };
