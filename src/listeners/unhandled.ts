import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { interactionEnvelopeSchema } from './slack-input.js';

/**
 * Answers at once an interaction no listener handles (a button from an older version of a message, a select's
 * suggestion request, a modal closed with notify_on_close, an unknown shortcut), so Slack does not wait 3 s and show
 * the person an error. One debug line says what it was and who sent it. `answer` is what Slack expects back: an
 * options list for a suggestion request, otherwise nothing.
 */
export function acknowledgeUnhandled(answer?: { options: [] }): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = 'ack' in args ? (args.ack as ((response?: unknown) => Promise<void>) | undefined) : undefined;
    await ack?.(answer);
    const envelope = interactionEnvelopeSchema.safeParse(args.body);
    const payload = envelope.success ? envelope.data : undefined;
    args.logger.debug('acknowledged an interaction no listener handles', {
      teamId: payload?.view?.app_installed_team_id ?? payload?.team?.id ?? payload?.user?.team_id,
      userId: payload?.user?.id,
      type: payload?.type,
      id: payload?.actions?.[0]?.action_id ?? payload?.action_id ?? payload?.view?.callback_id ?? payload?.callback_id,
    });
  };
}
