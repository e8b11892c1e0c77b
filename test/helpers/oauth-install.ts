import type { FakeInstallGrant } from '../../src/sandbox/fake-slack/fake-slack-server.js';
import type { SlackAppHarness } from './slack-app-harness.js';

/**
 * A person installing the app from its install page, as a browser does: GET /slack/install (the page, its Add to
 * Slack link and the state cookie), Slack's consent screen (the fake issues a code for the grant), then GET
 * /slack/oauth_redirect with the code, the state and the cookie. Overrides break one part of that on purpose.
 */

export interface InstallPage {
  status: number;
  html: string;
  /** The Add to Slack link (slack.com/oauth/v2/authorize?…). */
  authorizeUrl: URL;
  /** `name=value` of the state cookie Bolt set. */
  cookie: string;
}

export async function openInstallPage(harness: Pick<SlackAppHarness, 'baseUrl' | 'fake'>): Promise<InstallPage> {
  const response = await fetch(`${harness.baseUrl}/slack/install`);
  const html = await response.text();
  const href = /<a class="button" href="([^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error(`no Add to Slack link on the install page:\n${html}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: response.status, html, authorizeUrl: new URL(href.replace(/&#38;/g, '&')), cookie };
}

export interface RedirectResult {
  status: number;
  html: string;
}

export async function completeInstall(
  harness: Pick<SlackAppHarness, 'baseUrl' | 'fake'>,
  grant: FakeInstallGrant,
  overrides: { state?: string | null; cookie?: string | null; error?: string } = {},
): Promise<RedirectResult & { page: InstallPage }> {
  const page = await openInstallPage(harness);
  const state = overrides.state === undefined ? page.authorizeUrl.searchParams.get('state') : overrides.state;
  const query = new URLSearchParams();
  if (overrides.error) query.set('error', overrides.error);
  else query.set('code', harness.fake.oauth.issueCode(grant));
  if (state !== null && state !== undefined) query.set('state', state);
  const cookie = overrides.cookie === undefined ? page.cookie : overrides.cookie;
  const response = await fetch(`${harness.baseUrl}/slack/oauth_redirect?${query.toString()}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: response.status, html: await response.text(), page };
}
