/* global document, setTimeout */
import { h, plainText, textObject } from './dom.js';
import { words } from './words.js';

/** Slack's confirmation dialog (a button's `confirm` object) and the sandbox's small notices. */

export function confirmDialog(confirm, ctx) {
  return new Promise((resolve) => {
    const before = document.activeElement;
    const done = (answer) => {
      overlay.remove();
      // Back to the control that asked, so the keyboard (and a modal's focus) carries on from there.
      if (before?.isConnected) before.focus({ preventScroll: true });
      resolve(answer);
    };
    const danger = confirm.style === 'danger' ? ' danger' : ' primary';
    const overlay = h(
      'div',
      { class: 'overlay confirm-overlay' },
      h(
        'div',
        { class: 'confirm', data: { testid: 'confirm-dialog' }, attrs: { role: 'alertdialog', 'aria-modal': 'true' } },
        h('h2', { class: 'confirm-title', text: plainText(confirm.title) || words().areYouSure }),
        h('div', { class: 'confirm-text' }, textObject(confirm.text, ctx)),
        h(
          'div',
          { class: 'confirm-buttons' },
          h('button', { class: 'sk-button', attrs: { type: 'button' }, text: plainText(confirm.deny) || words().cancel, on: { click: () => done(false) } }),
          h('button', { class: `sk-button${danger}`, data: { testid: 'confirm-yes' }, attrs: { type: 'button' }, text: plainText(confirm.confirm) || words().yes, on: { click: () => done(true) } }),
        ),
      ),
    );
    overlay.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        done(false);
      }
    });
    document.body.append(overlay);
    overlay.querySelector('[data-testid="confirm-yes"]').focus();
  });
}

export function toast(text, kind = 'info') {
  const root = document.getElementById('toasts');
  const node = h('div', { class: `toast ${kind}`, data: { testid: `toast-${kind}` }, text });
  root.append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 9000 : 6000);
}
