import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxFixture } from '../sandbox/sandbox-fixture.js';
import { HAS_CHROMIUM } from './chromium.js';
import { openSandboxInBrowser } from './sandbox-browser.js';

/** `/skill export` in the sandbox page: the files arrive in the DM as links that download them (docs/check-in-delivery.md#export). */
describe.skipIf(!HAS_CHROMIUM)('sandbox page: export my data', () => {
  let f: SandboxFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ f, browser, page } = await openSandboxInBrowser());
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  it('types /skill export, then finds the JSON and CSV in the DM and downloads them', async () => {
    await page.getByTestId('composer').fill('/skill export');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('message').filter({ hasText: 'your data is in your direct messages' }).waitFor();
    await page.getByTestId('nav-app').click();
    await page.getByTestId('tab-messages').click();
    const files = page.getByTestId('file');
    await files.first().waitFor();
    expect(await files.count()).toBe(2);
    expect(await files.allTextContents()).toEqual([expect.stringMatching(/^skill-ladder-T0SANDBOX-\d{4}-\d{2}-\d{2}\.json/), expect.stringMatching(/^skill-ladder-assessments-.*\.csv/)]);
    const href = await files.first().getAttribute('href');
    const download = await page.request.get(new URL(href!, page.url()).toString());
    expect(download.status()).toBe(200);
    expect(JSON.parse(await download.text())).toMatchObject({ format: 'skill-ladder-export', team_id: 'T0SANDBOX', user_id: 'U0SBXADA' });
  });
});
