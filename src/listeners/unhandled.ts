import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { interactionEnvelopeSchema, type InteractionEnvelope } from './slack-input.js';

/** What the registered listeners answer, filled in by the registry as it registers them. */
export interface HandledIds {
  /** block_actions action ids, exact or as the pattern given to `app.action`. */
  actions: (string | RegExp)[];
  /** view_submission callback ids. */
  viewSubmissions: string[];
}

interface Unhandled {
  type: string;
  id: string | undefined;
  /** What Slack expects back: an options list for a select's suggestion request, otherwise nothing. */
  answer: { options: [] } | undefined;
}

/**
 * Global middleware: answers at once every interaction no listener handles (a button from an older version of a
 * message, a select's suggestion request, a modal closed with notify_on_close, an unknown shortcut), so Slack
 * does not wait 3 s and show the person an error. Known payloads go on untouched: Bolt runs every listener that
 * matches, so a catch-all listener would ack them a second time; deciding here, before the listeners, cannot.
 */
export function acknowledgeUnhandled(handled: HandledIds): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = 'ack' in args ? (args.ack as ((response?: unknown) => Promise<void>) | undefined) : undefined;
    const envelope = ack ? interactionEnvelopeSchema.safeParse(args.body) : undefined;
    const payload = envelope?.success ? envelope.data : undefined;
    const unhandled = payload ? findUnhandled(payload, handled) : undefined;
    if (!ack || !payload || !unhandled) {
      await args.next();
      return;
    }
    await ack(unhandled.answer);
    args.logger.debug('acknowledged an interaction no listener handles', {
      teamId: payload.view?.app_installed_team_id ?? payload.team?.id ?? payload.user?.team_id,
      userId: payload.user?.id,
      type: unhandled.type,
      id: unhandled.id,
    });
  };
}

function findUnhandled(payload: InteractionEnvelope, handled: HandledIds): Unhandled | undefined {
  const { type } = payload;
  switch (type) {
    case 'block_actions': {
      const actionId = payload.actions?.[0]?.action_id;
      const known = actionId !== undefined && handled.actions.some((id) => (typeof id === 'string' ? id === actionId : id.test(actionId)));
      return known ? undefined : { type, id: actionId, answer: undefined };
    }
    case 'view_submission': {
      const callbackId = payload.view?.callback_id;
      return callbackId !== undefined && handled.viewSubmissions.includes(callbackId) ? undefined : { type, id: callbackId, answer: undefined };
    }
    // No listener takes these: every one is answered here.
    case 'block_suggestion':
      return { type, id: payload.action_id, answer: { options: [] } };
    case 'view_closed':
      return { type, id: payload.view?.callback_id, answer: undefined };
    case 'shortcut':
    case 'message_action':
    case 'interactive_message':
      return { type, id: payload.callback_id, answer: undefined };
    default:
      return undefined;
  }
}
