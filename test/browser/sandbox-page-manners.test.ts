import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, assessmentEdits, GENERAL, messagesIn, ROSA, type SandboxFixture } from '../sandbox/sandbox-fixture.js';
import { HAS_CHROMIUM } from './chromium.js';
import { openSandboxInBrowser } from './sandbox-browser.js';

/**
 * How the sandbox page behaves as a Slack client beyond the happy path: it speaks the acting person's language,
 * its modal owns the keyboard, a reload forgets what only the client held, its sidebar shows whole names and
 * offers "To next check-in" only when there is one, and emoji are drawn (not empty boxes).
 */

describe.skipIf(!HAS_CHROMIUM)('sandbox page manners in Chromium', () => {
  let f: SandboxFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ f, browser, page } = await openSandboxInBrowser({ user: null }));
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  const open = async (user: string) => {
    await page.goto(`http://127.0.0.1:${f.sandbox.port}/?user=${user}`);
    await expect.poll(() => page.getByTestId('user-switcher').inputValue()).toBe(user);
  };
  const messages = () => page.getByTestId('message');
  const modal = () => page.locator('[data-testid="modal"][data-callback-id="assessment_modal"]');
  const typeCommand = async (text: string) => {
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('composer').press('Enter');
  };
  // Code run in the page is passed as text: the project compiles without the DOM library.
  const inPage = <T>(script: string) => page.evaluate<T>(script);
  const focusInModal = () => inPage<boolean>(`Boolean(document.activeElement?.closest('[data-testid="modal"]'))`);

  describe('the Spanish user gets the page in Spanish', () => {
    it('sidebar, card, modal, field errors and toasts speak Spanish, with no English chrome left', async () => {
      await open(ROSA);
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await page.locator('.switcher-label').textContent()).toBe('Actuando como');
      expect(await page.locator('.nav-heading').allTextContents()).toEqual(['Canales', 'Aplicaciones']);
      expect(await page.getByTestId('ff-next').textContent()).toBe('Al próximo seguimiento');
      await expect.poll(() => page.getByTestId('sandbox-banner').textContent()).toContain('No es Slack');

      await typeCommand('/skill nats senior');
      const card = messages().filter({ hasText: 'Autoevaluarme' });
      await card.waitFor();
      expect(await card.getByTestId('only-visible-to-you').textContent()).toBe('Solo visible para ti');

      await card.locator('[data-action-id="assess_open"]').click();
      await modal().waitFor();
      // Selects without a placeholder of the app's show the client's own prompt, in the person's language.
      const prompts = await modal().locator('select option[disabled]').allTextContents();
      expect(prompts.length).toBeGreaterThan(0);
      expect(prompts.filter((p) => p === 'Select an option')).toEqual([]);
      await page.getByTestId('modal-submit').click();
      const required = modal().getByTestId('field-error').first();
      await required.waitFor();
      expect(await required.textContent()).toBe('Completa este campo obligatorio.');
      await page.getByTestId('modal-close').click();
      await modal().waitFor({ state: 'detached' });

      await page.getByTestId('ff-1h').click();
      const toast = page.getByTestId('toast-info');
      await toast.waitFor();
      expect(await toast.textContent()).toMatch(/^\+1 hora: el reloj del sandbox marca ahora .+\. Se han enviado 0 seguimientos\.$/);

      await typeCommand('/deploy');
      await messages().filter({ hasText: '/deploy no es un comando válido' }).waitFor();

      const shown = await page.locator('body').innerText();
      for (const english of ['Only visible to you', 'Channels', 'Acting as', 'Sandbox clock', 'To next check-in', 'ahead of real time', 'Select an option', 'Please complete']) {
        expect(shown).not.toContain(english);
      }
    });

    it('switching to the English user switches the page to English', async () => {
      await page.getByTestId('user-switcher').selectOption(ADA);
      await expect.poll(() => page.locator('.nav-heading').allTextContents()).toEqual(['Channels', 'Apps']);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('.switcher-label').textContent()).toBe('Acting as');
    });
  });

  describe('the modal owns the keyboard', () => {
    it('takes focus when it opens, keeps Tab inside, closes on Escape and gives focus back', async () => {
      await open(ADA);
      await typeCommand('/skill nats senior');
      const opener = messages().filter({ hasText: 'what Senior expects' }).locator('[data-action-id="assess_open"]');
      await opener.click();
      await modal().waitFor();
      await expect.poll(focusInModal).toBe(true);

      // Forwards through every control and past the end: focus never leaves the modal.
      const stops = await modal().locator('button, input, select, textarea').count();
      const visited = new Set<string>();
      for (let i = 0; i < stops + 5; i += 1) {
        await page.keyboard.press('Tab');
        expect(await focusInModal()).toBe(true);
        visited.add(await inPage<string>(`document.activeElement?.outerHTML.slice(0, 120) ?? ''`));
      }
      // It moved through fields (not stuck on one), including the footer's buttons.
      expect(visited.size).toBeGreaterThan(5);
      // Backwards from the first control (×) wraps to the last (Submit).
      await modal().locator('.modal-x').focus();
      await page.keyboard.press('Shift+Tab');
      expect(await inPage<string>('document.activeElement?.dataset.testid')).toBe('modal-submit');

      // Clicking outside cannot take focus out of it either.
      await page.getByTestId('composer').focus();
      expect(await focusInModal()).toBe(true);

      await page.keyboard.press('Escape');
      await modal().waitFor({ state: 'detached' });
      expect(await inPage<string>('document.activeElement?.dataset.actionId')).toBe('assess_open');
      expect(await opener.count()).toBe(1);
    });
  });

  describe('a reload is a fresh Slack client', () => {
    it('drops the open modal and the "only visible to you" messages, keeps what was posted', async () => {
      await open(ADA);
      await typeCommand('hello from Ada');
      await messages().filter({ hasText: 'hello from Ada' }).waitFor();
      await typeCommand('/skill nats senior');
      const card = messages().filter({ hasText: 'what Senior expects' }).last();
      await card.locator('[data-action-id="assess_open"]').click();
      await modal().waitFor();
      expect(await page.locator('[data-testid="message"][data-ephemeral="true"]').count()).toBeGreaterThan(0);

      await page.reload();
      await messages().filter({ hasText: 'hello from Ada' }).waitFor();
      await expect.poll(() => page.locator('[data-testid="message"][data-ephemeral="true"]').count()).toBe(0);
      expect(await page.getByTestId('modal').count()).toBe(0);
      // The server agrees: nothing left to come back on the next refresh.
      const state = await f.state(ADA);
      expect(state.modal).toBeNull();
      expect(messagesIn(state, 'channel').filter((m) => m.ephemeral)).toEqual([]);
    });
  });

  describe('the sidebar', () => {
    it('shows whole names and zones under "Acting as", not cut', async () => {
      await open(ROSA);
      for (const user of [ADA, ROSA, 'U0SBXJOAO']) {
        await page.getByTestId('user-switcher').selectOption(user);
        await expect.poll(() => page.getByTestId('user-switcher').inputValue()).toBe(user);
        // The room for text in the select: its box minus padding and the drop-down arrow (about 20 px in Chromium).
        const fit = await inPage<{ text: number; room: number; metaCut: boolean; meta: string }>(`(() => {
          const select = document.querySelector('[data-testid="user-switcher"]');
          const style = getComputedStyle(select);
          const context = document.createElement('canvas').getContext('2d');
          context.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
          const meta = document.getElementById('user-meta');
          return { text: context.measureText(select.selectedOptions[0].text).width, room, metaCut: meta.scrollWidth > meta.clientWidth, meta: meta.textContent };
        })()`);
        expect(fit.text).toBeLessThanOrEqual(fit.room);
        expect(fit.metaCut).toBe(false);
        expect(fit.meta).toMatch(/Europe\/London|Europe\/Madrid|America\/Sao Paulo/);
      }
    });

    it('keeps the person chosen in "Acting as" when the previous person’s state arrives late', async () => {
      await open(ADA);
      // Holds the next state fetched for Ada until she is no longer the one acting.
      let arrived!: () => void;
      const held = new Promise<void>((resolve) => (arrived = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let armed = true;
      const adasState = (url: URL) => url.pathname === '/sandbox/api/state' && url.searchParams.get('user') === ADA;
      await page.route(
        adasState,
        async (route) => {
          if (armed) {
            armed = false;
            arrived();
            await released;
          }
          await route.continue();
        },
      );
      try {
        // Something happens (Ada posts): the page fetches Ada's state, and that answer is slow.
        await f.post('compose', { user: ADA, channel: GENERAL, text: 'a slow refresh' });
        await held;
        await page.getByTestId('user-switcher').selectOption(ROSA);
        release();
        await expect.poll(() => page.locator('.nav-heading').allTextContents()).toEqual(['Canales', 'Aplicaciones']);
        expect(await page.getByTestId('user-switcher').inputValue()).toBe(ROSA);
      } finally {
        release();
        await page.unroute(adasState);
      }
    });

    it('offers "To next check-in" only when one is scheduled, and says why not', async () => {
      // João never assessed anything: nothing is scheduled for him.
      await open('U0SBXJOAO');
      const toNext = page.getByTestId('ff-next');
      await expect.poll(() => toNext.isDisabled()).toBe(true);
      expect(await toNext.getAttribute('title')).toMatch(/No check-in is scheduled/);

      await f.post('compose', { user: 'U0SBXJOAO', channel: GENERAL, text: '/skill assess nats' });
      // The app opens a "Loading…" modal first and fills it in with views.update.
      const view = await f.waitFor('U0SBXJOAO', (s) => (s.modal && JSON.stringify(s.modal.blocks).includes('assess_current') ? s.modal : undefined), 'the filled-in modal');
      expect(await f.post('view-submit', { user: 'U0SBXJOAO', viewId: view.id, edits: assessmentEdits() })).toMatchObject({ ok: true, closed: true });
      await f.waitFor('U0SBXJOAO', (s) => s.nextCheckin, 'a scheduled check-in');
      await expect.poll(() => toNext.isDisabled(), { timeout: 5000 }).toBe(false);
      expect(await toNext.getAttribute('title')).toBeNull();
    });
  });

  describe('emoji', () => {
    it('draws ⏸️ and 💤 in colour, not as empty boxes', async () => {
      await open(ADA);
      // Drawn in black with the page's fonts: a missing glyph is a black box, an emoji font draws colour.
      const coloured = await inPage<number[]>(`['⏸️', '💤'].map((emoji) => {
        const canvas = document.createElement('canvas');
        canvas.width = 48;
        canvas.height = 48;
        const context = canvas.getContext('2d');
        context.font = '32px ' + getComputedStyle(document.body).fontFamily;
        context.fillStyle = '#000';
        context.fillText(emoji, 4, 38);
        const data = context.getImageData(0, 0, 48, 48).data;
        let colourful = 0;
        for (let i = 0; i < data.length; i += 4) {
          const r = data[i], g = data[i + 1], b = data[i + 2];
          if (data[i + 3] > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) colourful += 1;
        }
        return colourful;
      })`);
      expect(coloured[0]).toBeGreaterThan(20);
      expect(coloured[1]).toBeGreaterThan(20);
    });
  });
});
