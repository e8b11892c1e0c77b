import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { buildCheckinMessage, type CheckinNotice } from '../../blocks/checkin-message.js';
import type { Locale } from '../../config.js';
import type { Deps } from '../../deps.js';
import { checkinMessagesFor } from '../../i18n/checkin-messages.js';
import { formatLocalDateTime } from '../../i18n/format.js';
import { messagesFor } from '../../i18n/messages.js';
import { keepChosenCadence, loadCheckinView, pauseCheckins, resumeCheckins, snoozeCheckins, type CheckinChange } from '../../services/checkins.js';
import { publishHome } from '../../services/my-skills.js';
import { getUserProfile } from '../../services/user-profile.js';
import { blockActionInputSchema, teamOf } from '../slack-input.js';
import { usableTimeZone } from '../../time/check-in-time.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
type CheckinAction = 'snooze' | 'pause' | 'resume' | 'keep';

/**
 * Snooze / Pause / Resume, from the check-in DM, the Home tab or `/skill me`. Each: ack, parse (untrusted), change
 * the schedule, then answer. A click on a message (it has a response_url) redraws that message in place with what
 * happened ("Snoozed until Mon 7 Dec, 10:00") in the person's language and time zone. App Home is republished
 * after every change, since it shows the next check-in.
 */

const checkinActionSchema = blockActionInputSchema.extend({
  response_url: z.url().optional(),
});
const snoozePeriodSchema = z.enum(['1d', '1w']);

export const handleSnooze = (deps: Deps) => (args: ActionArgs) => handleCheckinAction(deps, args, 'snooze');
export const handlePause = (deps: Deps) => (args: ActionArgs) => handleCheckinAction(deps, args, 'pause');
export const handleResume = (deps: Deps) => (args: ActionArgs) => handleCheckinAction(deps, args, 'resume');
export const handleKeepCadence = (deps: Deps) => (args: ActionArgs) => handleCheckinAction(deps, args, 'keep');

async function handleCheckinAction(deps: Deps, { ack, body, respond, client, logger }: ActionArgs, action: CheckinAction): Promise<void> {
  await ack();
  const input = checkinActionSchema.safeParse(body);
  const teamId = input.success ? teamOf(input.data) : undefined;
  if (!input.success || !teamId) {
    logger.warn('check-in action: unexpected payload', { action });
    return;
  }
  const userId = input.data.user.id;
  const fromMessage = input.data.response_url !== undefined;
  const context = { teamId, userId, action };
  let locale: Locale = deps.config.defaultLocale;
  try {
    const profile = await getUserProfile(deps, client, teamId, userId);
    locale = profile.locale;
    const clicked = input.data.actions[0]!;
    let change: CheckinChange;
    if (action === 'snooze') {
      // Buttons carry the period in `value`; an overflow or select (Home tab) in `selected_option`.
      const period = snoozePeriodSchema.safeParse(clicked.value ?? clicked.selected_option?.value);
      if (!period.success) {
        logger.warn('check-in action: stale or forged snooze value', context);
        if (fromMessage) await respond({ replace_original: false, response_type: 'ephemeral', text: messagesFor(locale).staleButton });
        return;
      }
      change = await snoozeCheckins(deps, teamId, userId, period.data);
    } else {
      change =
        action === 'pause'
          ? await pauseCheckins(deps, teamId, userId)
          : action === 'keep'
            ? await keepChosenCadence(deps, teamId, userId)
            : await resumeCheckins(deps, teamId, userId);
    }
    // App Home shows the next check-in: keep it current wherever the click came from.
    await publishHome(deps, client, teamId, userId).catch((error: unknown) => logger.error('check-in action: App Home refresh failed', context, error));
    if (!fromMessage) return;
    if (change.status === 'no-schedule') {
      await respond({ replace_original: false, response_type: 'ephemeral', text: checkinMessagesFor(locale).noSchedule });
      return;
    }
    const tz = usableTimeZone(profile.tz, change.schedule.tz);
    const when = (instant: Date | null) => (instant ? formatLocalDateTime(instant, tz, locale) : null);
    const at = when(deps.now()) ?? '';
    const next = when(change.schedule.next_run_at);
    const chosen = change.schedule.cadence;
    const notice: CheckinNotice =
      action === 'snooze'
        ? { kind: 'snoozed', until: next ?? '' }
        : action === 'pause'
          ? { kind: 'paused', at }
          : action === 'keep' && chosen !== 'off'
            ? { kind: 'kept', cadence: chosen, next }
            : { kind: 'resumed', at, next };
    const loaded = await loadCheckinView(deps, { teamId, userId, now: deps.now(), locale });
    await respond({ replace_original: true, ...buildCheckinMessage({ ...loaded.view, paused: change.schedule.paused, notice }) });
  } catch (error) {
    logger.error('check-in action failed', context, error);
    if (!fromMessage) return;
    await respond({ replace_original: false, response_type: 'ephemeral', text: messagesFor(locale).somethingWentWrong }).catch((respondError: unknown) =>
      logger.error('check-in action: could not tell the user about the failure', context, respondError),
    );
  }
}
