import { SUPPORTED_LOCALES } from './config.js';
import { installMessagesFor, type InstallMessages } from './i18n/install-messages.js';

/**
 * The HTML pages of the OAuth flow (docs/installations.md#the-flow): the install page with its Add to Slack link,
 * and the pages after Slack sends the person back. Pure: data in, HTML out. Every page says it in English and then
 * Spanish (the browser is not Slack: we do not know the person's language there).
 */

export type InstallFailure = 'cancelled' | 'state' | 'other';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: (m: InstallMessages) => string, body: (m: InstallMessages) => string): string {
  const sections = SUPPORTED_LOCALES.map((locale) => {
    const m = installMessagesFor(locale);
    return `<section lang="${locale}"><h1>${escapeHtml(title(m))}</h1>${body(m)}</section>`;
  }).join('\n<hr>\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title(installMessagesFor('en')))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}a.button{display:inline-block;padding:.6rem 1rem;background:#4A154B;color:#fff;border-radius:6px;text-decoration:none}hr{margin:2rem 0;border:0;border-top:1px solid #ddd}</style>
</head><body>
${sections}
</body></html>
`;
}

/** `GET /slack/install`: the Add to Slack link carries the state Bolt issued (it also set it as a cookie). */
export function installPage(authorizeUrl: string): string {
  const href = escapeHtml(authorizeUrl);
  return page(
    (m) => m.installTitle,
    (m) => `<p>${escapeHtml(m.installIntro)}</p><p><a class="button" href="${href}">${escapeHtml(m.installButton)}</a></p>`,
  );
}

export function installSuccessPage(appUrl: string): string {
  return page(
    (m) => m.successTitle,
    (m) => `<p>${escapeHtml(m.successBody)}</p><p><a class="button" href="${escapeHtml(appUrl)}">${escapeHtml(m.successOpen)}</a></p>`,
  );
}

export function installFailurePage(reason: InstallFailure, installPath: string): string {
  const text = (m: InstallMessages) => (reason === 'cancelled' ? m.failureCancelled : reason === 'state' ? m.failureState : m.failureOther);
  return page(
    (m) => m.failureTitle,
    (m) => `<p>${escapeHtml(text(m))}</p><p><a href="${escapeHtml(installPath)}">${escapeHtml(m.failureRetry)}</a></p>`,
  );
}
