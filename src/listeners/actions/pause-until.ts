import { Temporal } from 'temporal-polyfill';
import { buildPauseUntilModal } from '../../blocks/pause-until-modal.js';
import { valueWithin } from '../../deadline.js';
import type { Deps } from '../../deps.js';
import { getUserProfile } from '../../services/user-profile.js';
import { localDateIn, usableTimeZone } from '../../time/check-in-time.js';
import { onModalClick } from './modal-click.js';

/** The trigger id expires 3 s after the click: the language lookup gets a small share of that. */
const PROFILE_BUDGET_MS = 400;

/** "Pause until…" (check-in DM, App Home, `/skill me`): opens the modal with a date a week ahead (docs/time-zones.md#pause-until). */
export const handlePauseUntilOpen = (deps: Deps) =>
  onModalClick('pause until', async ({ teamId, userId, triggerId }, { client, logger }) => {
    const profile = await valueWithin(getUserProfile(deps, client, teamId, userId), PROFILE_BUDGET_MS, { locale: deps.config.defaultLocale, tz: null });
    const inAWeek = Temporal.PlainDate.from(localDateIn(usableTimeZone(profile.tz), deps.now())).add({ days: 7 }).toString();
    try {
      await client.views.open({ trigger_id: triggerId, view: buildPauseUntilModal(profile.locale, inAWeek) });
    } catch (error) {
      logger.error('pause until: could not open the modal', { teamId, userId }, error);
    }
  });
