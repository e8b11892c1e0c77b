/** Modal and Home tab views as sent to views.open / push / update / publish. */
import { validateBlocks, type Surface } from './block-list.js';
import { checkText } from './composition-objects.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { checkBoolean, checkKeys, checkRequired, checkString, isObject } from './primitive-checks.js';
import { type BlockKitProblem, problem, problemsError, type Problems } from './problems.js';

const MODAL_KEYS = ['type', 'title', 'blocks', 'close', 'submit', 'private_metadata', 'callback_id', 'clear_on_close', 'notify_on_close', 'external_id'];
const HOME_KEYS = ['type', 'blocks', 'private_metadata', 'callback_id', 'external_id'];

/** Size of the serialised view in UTF-8 bytes; TextEncoder works in Node and in a browser. */
function viewBytes(view: unknown): number {
  return new TextEncoder().encode(JSON.stringify(view)).length;
}

/** A modal or Home tab view as sent to views.open / push / update / publish. Pointers start at `/view`. */
export function validateView(view: unknown): BlockKitProblem[] {
  const L = BLOCK_KIT_LIMITS;
  if (!isObject(view)) return [problem('/view', 'must provide an object')];
  if (view.type !== 'modal' && view.type !== 'home') {
    return [problem('/view/type', view.type === undefined ? 'missing required field: type' : 'must be a valid enum value (one of: modal, home)')];
  }
  const surface: Surface = view.type;
  const out: Problems = [
    ...checkKeys(view, surface === 'modal' ? MODAL_KEYS : HOME_KEYS, '/view'),
    ...checkString(view.private_metadata, '/view/private_metadata', L.privateMetadata),
    ...checkString(view.callback_id, '/view/callback_id', L.callbackId),
    ...checkString(view.external_id, '/view/external_id', L.externalId, 1),
    ...validateBlocks(view.blocks, surface, '/view'),
  ];
  if (surface === 'modal') {
    out.push(
      ...checkRequired(view, ['title'], '/view'),
      ...checkText(view.title, '/view/title', L.modalTitle, 'plain_text'),
      ...checkText(view.submit, '/view/submit', L.modalButton, 'plain_text'),
      ...checkText(view.close, '/view/close', L.modalButton, 'plain_text'),
      ...checkBoolean(view.clear_on_close, '/view/clear_on_close'),
      ...checkBoolean(view.notify_on_close, '/view/notify_on_close'),
    );
    // Submit is required when the modal holds an input block; the pointer mirrors Slack's real error.
    const firstInput = Array.isArray(view.blocks) ? view.blocks.findIndex((b) => isObject(b) && b.type === 'input') : -1;
    if (firstInput >= 0 && view.submit === undefined) out.push(problem(`/view/blocks/${firstInput}/input`, 'must define submit to use input block'));
  }
  const bytes = viewBytes(view);
  if (bytes > L.viewBytes) out.push(problem('/view', `view_too_large: the view is ${bytes} bytes; must be at most ${L.viewBytes}`));
  return out;
}

/** Throws an Error listing every problem; for tests of modal and Home tab builders. */
export function assertValidView(view: unknown, label = 'view'): void {
  const problems = validateView(view);
  if (problems.length > 0) throw problemsError(label, problems);
}
