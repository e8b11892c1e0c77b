/** views.open, views.push, views.update and views.publish: modals opened from a trigger, and the Home tab. */
import { type ApiResult, type Args, fail, invalidArguments, ok, type WebApiMethods } from '../api-result.js';
import { validateView } from '../block-kit-validator.js';
import type { TriggerIds } from '../trigger-ids.js';
import type { FakeView } from '../types.js';
import { isObject, type Json, str } from '../values.js';
import { MODAL_STACK_MAX, publicView, type ViewStore } from '../view-store.js';
import type { Workspace } from '../workspace.js';

/** Parses and validates a `view` argument of the expected type(s); returns the error reply or the view. */
function checkViewArg(raw: unknown, allowed: readonly ('modal' | 'home')[]): { error: ApiResult } | { view: Json } {
  if (raw === undefined) return { error: invalidArguments([{ pointer: '/view', message: 'missing required field: view' }]) };
  if (!isObject(raw)) return { error: invalidArguments([{ pointer: '/view', message: 'must provide an object' }]) };
  const problems = validateView(raw);
  // An oversized view has its own error code.
  if (problems.some((p) => p.pointer === '/view' && p.message.startsWith('view_too_large'))) return { error: fail('view_too_large') };
  if (problems.length > 0) return { error: invalidArguments(problems) };
  if (!allowed.includes(raw.type as 'modal' | 'home')) {
    return { error: invalidArguments([{ pointer: '/view/type', message: `must be a valid enum value (one of: ${allowed.join(', ')})` }]) };
  }
  return { view: raw };
}

export function viewsMethods({ workspace, triggers, views }: { workspace: Workspace; triggers: TriggerIds; views: ViewStore }): WebApiMethods {
  function viewsOpen(args: Args): ApiResult {
    const trigger = triggers.check(args.trigger_id);
    if ('error' in trigger) return trigger.error;
    const checked = checkViewArg(args.view, ['modal']);
    if ('error' in checked) return checked.error;
    if (views.externalIdTaken(checked.view.external_id)) return fail('duplicate_external_id');
    trigger.trigger.used = true;
    const id = views.newViewId();
    const extra: Partial<FakeView> = { root_view_id: id, previous_view_id: null };
    if (trigger.trigger.context.userId) extra.user_id = trigger.trigger.context.userId;
    const view = views.buildView(checked.view, id, undefined, extra);
    views.openStack(view);
    return ok({ view: publicView(view) });
  }

  function viewsPush(args: Args): ApiResult {
    const trigger = triggers.check(args.trigger_id);
    if ('error' in trigger) return trigger.error;
    const checked = checkViewArg(args.view, ['modal']);
    if ('error' in checked) return checked.error;
    const stack = views.stackForTrigger(trigger.trigger.context);
    // Pushing needs an open modal to push onto; the trigger must come from an interaction inside it.
    if (!stack) return fail('not_found');
    if (stack.length >= MODAL_STACK_MAX) return fail('push_limit_reached');
    if (views.externalIdTaken(checked.view.external_id)) return fail('duplicate_external_id');
    trigger.trigger.used = true;
    const id = views.newViewId();
    const top = views.get(stack[stack.length - 1] as string);
    const extra: Partial<FakeView> = { root_view_id: stack[0] ?? id, previous_view_id: top?.id ?? null };
    const userId = trigger.trigger.context.userId ?? top?.user_id;
    if (userId) extra.user_id = userId;
    const view = views.buildView(checked.view, id, undefined, extra);
    views.push(stack, view);
    return ok({ view: publicView(view) });
  }

  function viewsUpdate(args: Args): ApiResult {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (!viewId && !externalId) return invalidArguments([{ pointer: '/view_id', message: 'must provide view_id or external_id' }]);
    const current = viewId ? views.get(viewId) : views.findByExternalId(externalId);
    if (!current) return fail('not_found');
    // A stale hash means someone else updated the view first.
    const hash = str(args.hash);
    if (hash !== undefined && hash !== current.hash) return fail('hash_conflict');
    const checked = checkViewArg(args.view, [current.type]);
    if ('error' in checked) return checked.error;
    if (views.externalIdTaken(checked.view.external_id, current.id)) return fail('duplicate_external_id');
    const view = views.buildView(checked.view, current.id, current, {});
    views.save(view);
    return ok({ view: publicView(view) });
  }

  function viewsPublish(args: Args): ApiResult {
    const userId = str(args.user_id);
    if (!userId || !workspace.isUser(userId)) return fail('user_not_found');
    const checked = checkViewArg(args.view, ['home']);
    if ('error' in checked) return checked.error;
    const current = views.homeView(userId);
    const hash = str(args.hash);
    if (hash !== undefined && current && hash !== current.hash) return fail('hash_conflict');
    if (views.externalIdTaken(checked.view.external_id, current?.id)) return fail('duplicate_external_id');
    const id = current?.id ?? views.newViewId();
    const view = views.buildView(checked.view, id, current, { user_id: userId });
    views.saveHomeView(userId, view);
    return ok({ view: publicView(view) });
  }

  return { 'views.open': viewsOpen, 'views.push': viewsPush, 'views.update': viewsUpdate, 'views.publish': viewsPublish };
}
