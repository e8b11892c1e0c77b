import type { RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { escapeMrkdwn } from '../../blocks/elements.js';
import type { SkillIntent } from '../../command/parse-skill-command.js';
import type { Locale } from '../../config.js';
import type { Deps } from '../../deps.js';
import { findUserSettings } from '../../db/repositories/user-settings.js';
import { checkinMessagesFor } from '../../i18n/checkin-messages.js';
import { formatCalendarDate, formatLocalDateTime } from '../../i18n/format.js';
import { pauseCheckinsUntil, resumeCheckins } from '../../services/checkins.js';
import { publishHome } from '../../services/my-skills.js';
import { localDateIn, usableTimeZone } from '../../time/check-in-time.js';
import { parsePauseDate } from '../../time/pause-date.js';

/**
 * `/skill pause until <date>` and `/skill resume` (docs/time-zones.md#pause-until). The date is read in the
 * person's language and format (their Slack locale decides day/month order), ISO always; bad input gets a clear
 * answer with examples. App Home is republished after a change, since it shows the pause.
 */
export async function checkinCommandReply(
  deps: Deps,
  client: WebClient,
  args: { teamId: string; userId: string; intent: Extract<SkillIntent, { kind: 'pause' | 'resume' }>; locale: Locale; tz: string | null },
): Promise<RespondArguments> {
  const { teamId, userId, intent, locale } = args;
  const m = checkinMessagesFor(locale);
  const now = deps.now();
  let change;
  let until: string | undefined;
  if (intent.kind === 'pause') {
    if (intent.dateText.trim() === '') return { text: m.pauseUsage };
    const settings = await findUserSettings(deps.db, teamId, userId);
    const today = localDateIn(usableTimeZone(args.tz), now);
    const parsed = parsePauseDate(intent.dateText, { today, slackLocale: settings?.locale ?? null });
    if (!parsed.ok) {
      if (parsed.reason === 'not-future') return { text: m.pauseDateNotFuture };
      if (parsed.reason === 'too-far') return { text: m.pauseDateTooFar };
      return { text: m.pauseDateUnreadable(escapeMrkdwn(intent.dateText.slice(0, 40))) };
    }
    until = parsed.date;
    change = await pauseCheckinsUntil(deps, teamId, userId, parsed.date);
  } else {
    change = await resumeCheckins(deps, teamId, userId);
  }
  if (change.status === 'no-schedule') return { text: m.noSchedule };
  await publishHome(deps, client, teamId, userId).catch((error: unknown) => deps.logger.error('/skill: App Home refresh failed', { teamId, userId }, error));
  const tz = usableTimeZone(args.tz, change.schedule.tz);
  const next = change.schedule.next_run_at ? formatLocalDateTime(change.schedule.next_run_at, tz, locale) : null;
  if (until) return { text: m.pausedUntil(formatCalendarDate(until, locale), next) };
  const at = formatLocalDateTime(now, tz, locale);
  return { text: next ? m.resumed(at, next) : m.resumedNoNext(at) };
}
