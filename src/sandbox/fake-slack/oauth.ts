/**
 * Slack's side of OAuth v2 (docs/installations.md#the-flow): the codes a person's browser brings back from
 * slack.com/oauth/v2/authorize, `oauth.v2.access` exchanging a code for a bot token (and, with token rotation, a
 * refresh token and `expires_in`), `grant_type=refresh_token` issuing the next token, org-wide installs, and the
 * tokens it issued: which workspace each belongs to, whether it expired or was revoked. Tests issue a code with
 * `issueCode` (what Slack's consent screen would do) and read `tokenInfo` to see whose token a call used.
 */
import { type ApiResult, type Args, fail, ok, type WebApiMethods } from './api-result.js';
import { str } from './values.js';
import type { Workspace } from './workspace.js';

/** What the person chose on Slack's consent screen. */
export interface FakeInstallGrant {
  teamId?: string;
  teamName?: string;
  /** An Enterprise Grid organisation; with `isEnterpriseInstall` the install is org-wide (no team). */
  enterpriseId?: string;
  enterpriseName?: string;
  isEnterpriseInstall?: boolean;
  /** The installing person. */
  userId?: string;
  scopes?: string[];
  /** Token rotation on: the bot token expires this many seconds after it is issued. */
  expiresIn?: number;
}

export interface FakeIssuedToken {
  token: string;
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
  /** Fake-clock ms; undefined without rotation. */
  expiresAt: number | undefined;
  revoked: boolean;
}

interface Grant extends FakeInstallGrant {
  scopes: string[];
}

export class FakeOAuth {
  private readonly codes = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly tokens = new Map<string, FakeIssuedToken>();
  private counter = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly client: { id?: string | undefined; secret?: string | undefined } = {},
  ) {}

  /** A one-time code for this grant, as Slack puts it on the redirect after the person allows the install. */
  issueCode(grant: FakeInstallGrant = {}): string {
    this.counter += 1;
    const code = `code-${this.counter}-${grant.enterpriseId ?? ''}${grant.teamId ?? ''}`;
    this.codes.set(code, { ...grant, scopes: grant.scopes ?? ['commands', 'chat:write'] });
    return code;
  }

  /** Whose token it is, or undefined for a token this fake never issued through OAuth. */
  tokenInfo(token: string): FakeIssuedToken | undefined {
    const info = this.tokens.get(token);
    return info ? { ...info } : undefined;
  }

  /** Tokens issued to a workspace (or organisation), oldest first. */
  tokensOf(teamOrEnterpriseId: string): string[] {
    return [...this.tokens.values()].filter((t) => (t.teamId ?? t.enterpriseId) === teamOrEnterpriseId).map((t) => t.token);
  }

  /** Forgets every code and token (between tests). */
  reset(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.tokens.clear();
  }

  /** Makes a token expire now (as time passing would). */
  expire(token: string): void {
    const info = this.tokens.get(token);
    if (info) info.expiresAt = this.workspace.now() - 1;
  }

  /** Revokes every token of a workspace (or organisation), as an uninstall does. */
  revoke(teamOrEnterpriseId: string): void {
    for (const info of this.tokens.values()) if ((info.teamId ?? info.enterpriseId) === teamOrEnterpriseId) info.revoked = true;
  }

  /** `undefined` for tokens this part does not know (the fake's other checks apply), else Slack's verdict. */
  check(token: string): 'ok' | 'token_expired' | 'token_revoked' | undefined {
    const info = this.tokens.get(token);
    if (!info) return undefined;
    if (info.revoked) return 'token_revoked';
    if (info.expiresAt !== undefined && info.expiresAt <= this.workspace.now()) return 'token_expired';
    return 'ok';
  }

  methods(): WebApiMethods {
    return { 'oauth.v2.access': (args) => this.access(args) };
  }

  private access(args: Args): ApiResult {
    if (this.client.id !== undefined && str(args.client_id) !== this.client.id) return fail('invalid_client_id');
    if (this.client.secret !== undefined && str(args.client_secret) !== this.client.secret) return fail('bad_client_secret');
    if (str(args.grant_type) === 'refresh_token') {
      const refresh = str(args.refresh_token) ?? '';
      const grant = this.refreshTokens.get(refresh);
      if (!grant) return fail('invalid_refresh_token');
      this.refreshTokens.delete(refresh); // each refresh token is used once
      return ok(this.issue(grant));
    }
    const code = str(args.code) ?? '';
    const grant = this.codes.get(code);
    if (!grant) return fail('invalid_code');
    this.codes.delete(code);
    return ok({ ...this.issue(grant), authed_user: { id: grant.userId ?? 'U0INSTALLER' } });
  }

  /** A new bot token for the grant (with a refresh token when rotation is on), in oauth.v2.access's shape. */
  private issue(grant: Grant): Record<string, unknown> {
    this.counter += 1;
    const owner = grant.isEnterpriseInstall ? grant.enterpriseId : (grant.teamId ?? this.workspace.teamId);
    const token = `xoxb-${owner}-${this.counter}`;
    const expiresAt = grant.expiresIn !== undefined ? this.workspace.now() + grant.expiresIn * 1000 : undefined;
    this.tokens.set(token, {
      token,
      teamId: grant.isEnterpriseInstall ? undefined : (grant.teamId ?? this.workspace.teamId),
      enterpriseId: grant.enterpriseId,
      isEnterpriseInstall: grant.isEnterpriseInstall === true,
      expiresAt,
      revoked: false,
    });
    const rotation: Record<string, unknown> = {};
    if (grant.expiresIn !== undefined) {
      const refresh = `xoxe-1-${owner}-${this.counter}`;
      this.refreshTokens.set(refresh, grant);
      Object.assign(rotation, { refresh_token: refresh, expires_in: grant.expiresIn });
    }
    return {
      app_id: this.workspace.appId,
      scope: grant.scopes.join(','),
      token_type: 'bot',
      access_token: token,
      bot_user_id: this.workspace.botUserId,
      team: grant.isEnterpriseInstall ? null : { id: grant.teamId ?? this.workspace.teamId, name: grant.teamName ?? this.workspace.teamName },
      enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: grant.enterpriseName ?? 'Fake Org' } : null,
      is_enterprise_install: grant.isEnterpriseInstall === true,
      ...rotation,
    };
  }
}
