import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { buildPausedUntilView, PAUSE_FIELD } from '../../blocks/pause-until-modal.js';
import { valueWithin } from '../../deadline.js';
import type { Deps } from '../../deps.js';
import { checkinMessagesFor } from '../../i18n/checkin-messages.js';
import { formatCalendarDate, formatLocalDateTime } from '../../i18n/format.js';
import { messagesFor } from '../../i18n/messages.js';
import { pauseCheckinsUntil } from '../../services/checkins.js';
import { publishHome } from '../../services/my-skills.js';
import { getUserProfile } from '../../services/user-profile.js';
import { localDateIn, usableTimeZone } from '../../time/check-in-time.js';
import { checkPauseDate } from '../../time/pause-date.js';

const PROFILE_BUDGET_MS = 400;

const pauseValuesSchema = z.object({
  [PAUSE_FIELD.block]: z.object({ [PAUSE_FIELD.action]: z.object({ selected_date: z.string().max(20).nullable().optional() }) }),
});

/**
 * The "Pause until…" modal submitted: check the date (after today, within a year; errors stay in the modal), pause,
 * and turn the modal into a confirmation saying when check-ins come back (docs/time-zones.md#pause-until).
 */
export const handlePauseUntilSubmit =
  (deps: Deps) =>
  async ({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const teamId = body.user.team_id ?? body.team?.id ?? '';
    const userId = body.user.id;
    const profile = await valueWithin(getUserProfile(deps, client, teamId, userId), PROFILE_BUDGET_MS, { locale: deps.config.defaultLocale, tz: null });
    const m = checkinMessagesFor(profile.locale);
    const values = pauseValuesSchema.safeParse(view.state.values);
    const picked = values.success ? (values.data[PAUSE_FIELD.block]![PAUSE_FIELD.action]!.selected_date ?? '') : '';
    const tz = usableTimeZone(profile.tz);
    const checked = checkPauseDate(picked, localDateIn(tz, deps.now()));
    if (!checked.ok || !teamId) {
      const error = checked.ok || checked.reason !== 'too-far' ? m.pauseDateNotFuture : m.pauseDateTooFar;
      await ack({ response_action: 'errors', errors: { [PAUSE_FIELD.block]: error } });
      return;
    }
    const context = { teamId, userId, until: checked.date };
    try {
      const change = await pauseCheckinsUntil(deps, teamId, userId, checked.date);
      if (change.status === 'no-schedule') {
        await ack({ response_action: 'errors', errors: { [PAUSE_FIELD.block]: m.noSchedule } });
        return;
      }
      const next = change.schedule.next_run_at ? formatLocalDateTime(change.schedule.next_run_at, usableTimeZone(profile.tz, change.schedule.tz), profile.locale) : null;
      await ack({ response_action: 'update', view: buildPausedUntilView(profile.locale, formatCalendarDate(checked.date, profile.locale), next) });
      logger.info('check-ins paused until a date', context);
    } catch (error) {
      logger.error('pause until: saving failed, the modal stays open', context, error);
      await ack({ response_action: 'errors', errors: { [PAUSE_FIELD.block]: messagesFor(profile.locale).somethingWentWrong } });
      return;
    }
    await publishHome(deps, client, teamId, userId).catch((error: unknown) => logger.error('pause until: App Home refresh failed', context, error));
  };
