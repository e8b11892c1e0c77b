import type { ActionsBlock } from '@slack/types';
import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { checkinMessagesFor } from '../i18n/checkin-messages.js';
import { button } from './elements.js';

/**
 * The check-in buttons, the same on every surface that shows them (the check-in DM, App Home, `/skill me`):
 * "Snooze 1 day", "Snooze 1 week" and "Pause check-ins" while check-ins run; "Resume check-ins" when they are
 * paused or stopped. The two snooze buttons share one handler, but action ids must be unique within a block, so
 * they carry a suffix (`checkin_snooze:1d`) that the listener's `^checkin_snooze(:…)?$` accepts; the handler
 * reads the period from the value.
 */
export function buildCheckinControls(locale: Locale, paused: boolean, pausedUntil = false): ActionsBlock {
  const m = checkinMessagesFor(locale);
  // A pause until a date is not `paused` (the scheduler resumes it by itself), but offers "Resume now" all the same.
  const elements = paused
    ? [button({ actionId: ACTION.resume, text: m.resume, value: 'resume', style: 'primary' })]
    : pausedUntil
      ? [button({ actionId: ACTION.resume, text: m.resumeNow, value: 'resume', style: 'primary' })]
      : [
          button({ actionId: `${ACTION.snooze}:1d`, text: m.snoozeDay, value: '1d' }),
          button({ actionId: `${ACTION.snooze}:1w`, text: m.snoozeWeek, value: '1w' }),
          button({ actionId: ACTION.pause, text: m.pause, value: 'pause' }),
          button({ actionId: ACTION.pauseUntil, text: m.pauseUntil, value: 'pause_until' }),
        ];
  return { type: 'actions', elements };
}
