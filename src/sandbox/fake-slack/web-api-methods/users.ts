/** auth.test and users.info: who the bot is, and a user's profile, time zone and (on request) locale. */
import { type ApiResult, type Args, fail, ok, type WebApiMethods } from '../api-result.js';
import { tzLabelFor, tzOffsetSeconds } from '../time-zones.js';
import { flag, type Json, str } from '../values.js';
import type { FakeOAuth } from '../oauth.js';
import type { Workspace } from '../workspace.js';

export function usersMethods({ workspace, oauth }: { workspace: Workspace; oauth?: FakeOAuth }): WebApiMethods {
  /** Answers for the workspace (or organisation) the token was issued to; the fake's own workspace otherwise. */
  function authTest(token: string | undefined): ApiResult {
    const issued = token ? oauth?.tokenInfo(token) : undefined;
    return ok({
      url: `https://${workspace.teamDomain}.slack.com/`,
      team: workspace.teamName,
      user: workspace.userRecord(workspace.botUserId)?.name ?? 'bot',
      team_id: issued ? (issued.teamId ?? '') : workspace.teamId,
      ...(issued?.enterpriseId ? { enterprise_id: issued.enterpriseId } : {}),
      user_id: workspace.botUserId,
      bot_id: workspace.botId,
      is_enterprise_install: issued?.isEnterpriseInstall ?? false,
    });
  }

  function usersInfo(args: Args): ApiResult {
    const user = workspace.userRecord(str(args.user) ?? '');
    if (!user) return fail('user_not_found');
    const now = workspace.now();
    const body: Json = {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      deleted: user.deleted ?? false,
      real_name: user.realName ?? user.name,
      tz: user.tz,
      tz_label: user.tzLabel ?? tzLabelFor(user.tz, now),
      tz_offset: user.tzOffset ?? tzOffsetSeconds(user.tz, now),
      is_bot: user.isBot ?? false,
      is_app_user: false,
      updated: Math.floor(now / 1000),
      profile: { real_name: user.realName ?? user.name, display_name: user.name, team: user.teamId },
    };
    // Locale is opt-in; without include_locale=true it is absent.
    if (flag(args.include_locale)) body.locale = user.locale;
    return ok({ user: body });
  }

  return { 'auth.test': (_args, call) => authTest(call.token), 'users.info': usersInfo };
}
