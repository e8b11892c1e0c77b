/* global document, CSS */
/**
 * Keyboard focus for the modal, as Slack's client handles it: the modal takes focus when it opens (its first
 * field), Tab and Shift+Tab cycle inside it while it is open, and a redraw (the app's views.update) leaves focus
 * on the same field. Where focus goes back to on close is the page's business (main.js).
 */

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** What Tab can reach inside `root`, in document order. */
export function focusables(root) {
  return [...root.querySelectorAll(FOCUSABLE)].filter((node) => !node.disabled && node.getClientRects().length > 0);
}

/** The first field of the modal's body, else its first control (the ×). */
export function focusFirstField(modal) {
  const body = modal.querySelector('.modal-body');
  const target = (body && focusables(body).find((node) => node.matches('input, select, textarea'))) ?? focusables(modal)[0];
  target?.focus({ preventScroll: true });
}

/** Keeps Tab inside `modal`: past the last control it wraps to the first, and back. */
export function trapFocus(modal, event) {
  if (event.key !== 'Tab') return;
  const nodes = focusables(modal);
  if (nodes.length === 0) return;
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  const inside = modal.contains(document.activeElement);
  if (event.shiftKey && (document.activeElement === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}

/** How to find the focused control again after the modal is redrawn: its block, action and value. */
export function focusedControl(modal) {
  const active = document.activeElement;
  if (!active || !modal.contains(active) || active === document.body) return null;
  return {
    blockId: active.closest('[data-block-id]')?.dataset.blockId,
    value: active.matches('input[type="radio"], input[type="checkbox"]') ? active.value : undefined,
    testid: active.dataset.testid,
    className: active.className,
  };
}

/** Focuses the control `focusedControl` described in the redrawn modal; false when it is gone. */
export function refocus(modal, control) {
  if (!control) return false;
  let target;
  if (control.blockId) {
    const block = modal.querySelector(`[data-block-id="${CSS.escape(control.blockId)}"]`);
    const inBlock = block ? focusables(block) : [];
    target = control.value !== undefined ? inBlock.find((node) => node.value === control.value) : inBlock[0];
  } else if (control.testid) {
    target = modal.querySelector(`[data-testid="${CSS.escape(control.testid)}"]`);
  } else if (control.className) {
    target = focusables(modal).find((node) => node.className === control.className);
  }
  if (!target || target.disabled) return false;
  target.focus({ preventScroll: true });
  return true;
}
