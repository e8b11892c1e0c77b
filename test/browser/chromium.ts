import { existsSync } from 'node:fs';

/**
 * Where the browser tests find Chromium: Debian's package (apt-get install -y chromium), never a browser that
 * Playwright downloads. CHROMIUM_PATH overrides it. When there is none, the browser tests are skipped with a
 * message instead of failing, so `npm test` still passes on a machine without a browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** Flags that work here as root in a container with a closed network (no sandbox, no background fetches). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// CI sets this after installing Chromium, so a broken install fails the run instead of silently skipping.
if (!HAS_CHROMIUM && process.env.REQUIRE_BROWSER_TESTS === '1') {
  throw new Error(`REQUIRE_BROWSER_TESTS=1 but there is no Chromium at ${CHROMIUM_PATH}`);
}

if (!HAS_CHROMIUM) {
  process.stderr.write(
    `\n[browser tests] SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH to run them.\n\n`,
  );
}
