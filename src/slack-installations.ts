import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyMiddlewareArgs, HTTPReceiverOptions, Logger, Middleware } from '@slack/bolt';
import { InstallProvider, type CallbackOptions, type InstallationStore } from '@slack/oauth';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { createInstallationStore, rememberOrgWorkspace } from './db/repositories/installations.js';
import { createTokenCipher } from './db/token-cipher.js';
import type { Deps } from './deps.js';
import { installFailurePage, installPage, installSuccessPage, type InstallFailure } from './install-pages.js';

/**
 * OAuth (distributable) mode, docs/installations.md: the options Bolt's HTTP receiver needs to serve the install page
 * and the redirect with our installation store, and an InstallProvider over the same store for the scheduler, which
 * needs each workspace's token outside any request. Both talk to SLACK_API_URL (oauth.v2.access, auth.test, token
 * refresh) through the client options they are given.
 */

/** The bot scopes asked for at install: manifest.yml's `oauth_config.scopes.bot` (test/manifest.test.ts keeps them equal). */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'files:write'] as const;

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

type OAuthConfig = NonNullable<Config['slack']['oauth']>;

/** The store, its tokens sealed with the configured keys. */
export function installationStoreFor(deps: Pick<Deps, 'config' | 'db' | 'now'>): InstallationStore {
  const keys = deps.config.installations;
  if (!keys) throw new Error('OAuth mode needs INSTALLATION_ENCRYPTION_KEY (config.ts refuses to start without it)');
  return createInstallationStore(deps.db, createTokenCipher({ current: keys.encryptionKey, previous: keys.previousKeys }), deps.now);
}

function oauthConfig(config: Config): OAuthConfig {
  if (!config.slack.oauth) throw new Error('not in OAuth mode');
  return config.slack.oauth;
}

/** Which page a failed redirect shows: the person cancelled, the state did not check out, or anything else. */
function failureKind(error: { code?: string; message?: string }): InstallFailure {
  if (error.code === 'slack_oauth_missing_state' || error.code === 'slack_oauth_invalid_state') return 'state';
  if (/cancelled/i.test(error.message ?? '')) return 'cancelled';
  return 'other';
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function callbackOptions(logger: Logger): CallbackOptions {
  return {
    success: (installation, _options, _req: IncomingMessage, res: ServerResponse) => {
      const teamId = installation.team?.id;
      const enterpriseId = installation.enterprise?.id;
      logger.info('installed', { teamId, enterpriseId, orgWide: installation.isEnterpriseInstall === true, tokenRotation: installation.bot?.expiresAt !== undefined });
      const appUrl = teamId && installation.appId ? `https://slack.com/app_redirect?app=${installation.appId}&team=${teamId}` : 'https://slack.com/';
      sendPage(res, 200, installSuccessPage(appUrl));
    },
    failure: (error, _options, _req: IncomingMessage, res: ServerResponse) => {
      const kind = failureKind(error);
      // The code names the step that failed (state, code exchange); never the code, state or a token.
      logger.warn('installation failed', { reason: kind, code: error.code });
      sendPage(res, kind === 'other' ? 500 : 400, installFailurePage(kind, INSTALL_PATH));
    },
  };
}

/** What Bolt's HTTPReceiver takes to serve /slack/install and /slack/oauth_redirect with our store and pages. */
export function oauthReceiverOptions(deps: Deps, clientOptions: WebClientOptions): Partial<HTTPReceiverOptions> {
  const oauth = oauthConfig(deps.config);
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: installationStoreFor(deps),
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      clientOptions,
      renderHtmlForInstallPath: installPage,
      callbackOptions: callbackOptions(deps.logger),
    },
  };
}

/** The same provider for code that runs outside a request (the scheduler): its authorize finds and refreshes tokens. */
export function createInstallProvider(deps: Pick<Deps, 'config' | 'db' | 'now' | 'logger'>, clientOptions: WebClientOptions): InstallProvider {
  const oauth = oauthConfig(deps.config);
  return new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: installationStoreFor(deps),
    logger: deps.logger,
    clientOptions,
  });
}

/**
 * Under an org-wide install, remembers which organisation each workspace that sends us a request belongs to, once
 * per workspace per process, without holding the request up: the scheduler, which knows only a person's team, finds
 * the org-wide installation through it (docs/installations.md#org-wide-installs-and-the-scheduler).
 */
export function rememberOrgWorkspaces(deps: Pick<Deps, 'db' | 'logger' | 'now'>): Middleware<AnyMiddlewareArgs> {
  const seen = new Set<string>();
  return async ({ context, next }) => {
    const { teamId, enterpriseId } = context;
    if (context.isEnterpriseInstall && teamId && enterpriseId && !seen.has(teamId)) {
      seen.add(teamId);
      rememberOrgWorkspace(deps.db, teamId, enterpriseId, deps.now()).catch((error: unknown) => {
        seen.delete(teamId);
        deps.logger.warn('could not remember the organisation of a workspace; retried on its next request', { teamId, enterpriseId }, error);
      });
    }
    await next();
  };
}
