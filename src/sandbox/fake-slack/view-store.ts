/**
 * The views Slack holds for the app: modal stacks (root first, at most 3 deep) and each user's Home tab. Every
 * save gets a new `hash`, which views.update and views.publish compare to catch a concurrent update.
 */
import { randomBytes } from 'node:crypto';
import type { FakeView, TriggerContext } from './types.js';
import { clone, type Json, str } from './values.js';
import type { Workspace } from './workspace.js';

/** Root view + 2 pushes. */
export const MODAL_STACK_MAX = 3;

/** The view as Slack returns it in API responses (without the fake-only `user_id`). */
export function publicView(view: FakeView): Json {
  const { user_id: _user, ...rest } = clone(view);
  return rest;
}

export class ViewStore {
  private readonly views = new Map<string, FakeView>();
  /** Modal stacks, root first. */
  private readonly stacks: string[][] = [];
  private readonly homeViewIdByUser = new Map<string, string>();

  constructor(private readonly workspace: Workspace) {}

  newViewId(): string {
    return this.workspace.makeId('V');
  }

  /** The stored view object for a validated `view` argument; `previous` is the view it replaces, if any. */
  buildView(input: Json, id: string, previous: FakeView | undefined, extra: Partial<FakeView>): FakeView {
    const { workspace } = this;
    const view: FakeView = {
      id,
      team_id: workspace.teamId,
      type: input.type as 'modal' | 'home',
      title: clone(input.title ?? null),
      submit: clone(input.submit ?? null),
      close: clone(input.close ?? null),
      blocks: clone(input.blocks as unknown[]),
      private_metadata: str(input.private_metadata) ?? '',
      callback_id: str(input.callback_id) ?? '',
      external_id: str(input.external_id) ?? previous?.external_id ?? '',
      state: { values: {} },
      hash: `${Math.floor(workspace.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      previous_view_id: previous?.previous_view_id ?? null,
      root_view_id: previous?.root_view_id ?? null,
      app_id: workspace.appId,
      app_installed_team_id: workspace.teamId,
      bot_id: workspace.botId,
      ...extra,
    };
    if (previous?.user_id !== undefined && view.user_id === undefined) view.user_id = previous.user_id;
    // A view belongs to its person's workspace (several workspaces share one fake in OAuth tests).
    const team = view.user_id !== undefined ? workspace.userRecord(view.user_id)?.teamId : undefined;
    if (team && !extra.team_id && !previous) view.team_id = view.app_installed_team_id = team;
    else if (previous) view.team_id = view.app_installed_team_id = previous.team_id;
    return view;
  }

  /** external_id is unique across the app's views. */
  externalIdTaken(externalId: unknown, exceptViewId?: string): boolean {
    if (typeof externalId !== 'string' || externalId === '') return false;
    return [...this.views.values()].some((v) => v.external_id === externalId && v.id !== exceptViewId);
  }

  /** The stored record by id (not a copy), for the Web API methods. */
  get(viewId: string): FakeView | undefined {
    return this.views.get(viewId);
  }

  findByExternalId(externalId: string | undefined): FakeView | undefined {
    return [...this.views.values()].find((v) => v.external_id === externalId);
  }

  /** Saves a new or changed view in place (stacks and Home tabs keep pointing at its id). */
  save(view: FakeView): void {
    this.views.set(view.id, view);
  }

  /** Saves a modal as the root of a new stack. */
  openStack(view: FakeView): void {
    this.save(view);
    this.stacks.push([view.id]);
  }

  /** Saves a modal on top of a stack. */
  push(stack: string[], view: FakeView): void {
    this.save(view);
    stack.push(view.id);
  }

  /** The stack holding the trigger's view, else the user's latest stack, else the only open stack. */
  stackForTrigger(context: TriggerContext): string[] | undefined {
    if (context.viewId) return this.stacks.find((stack) => stack.includes(context.viewId as string));
    const userId = context.userId;
    if (userId) {
      const own = this.stacks.filter((stack) => this.views.get(stack[0] as string)?.user_id === userId);
      if (own.length > 0) return own[own.length - 1];
    }
    return this.stacks.length === 1 ? this.stacks[0] : undefined;
  }

  /** The stored Home tab of a user (not a copy). */
  homeView(userId: string): FakeView | undefined {
    const id = this.homeViewIdByUser.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  saveHomeView(userId: string, view: FakeView): void {
    this.save(view);
    this.homeViewIdByUser.set(userId, view.id);
  }

  /** The Home tab view last published for a user. */
  homeViewFor(userId: string): FakeView | undefined {
    const view = this.homeView(userId);
    return view ? clone(view) : undefined;
  }

  /** Every modal currently open, root first within each stack. */
  openViews(): FakeView[] {
    return this.stacks.flat().flatMap((id) => {
      const view = this.views.get(id);
      return view ? [clone(view)] : [];
    });
  }

  /** A view (modal or home) by id. */
  viewById(viewId: string): FakeView | undefined {
    const view = this.views.get(viewId);
    return view ? clone(view) : undefined;
  }

  /** Simulates the user closing a modal: removes it and any views pushed on top of it. */
  closeView(viewId: string): void {
    const stackIndex = this.stacks.findIndex((stack) => stack.includes(viewId));
    const stack = this.stacks[stackIndex];
    if (!stack) return;
    const removed = stack.splice(stack.indexOf(viewId));
    for (const id of removed) this.views.delete(id);
    if (stack.length === 0) this.stacks.splice(stackIndex, 1);
  }

  reset(): void {
    this.views.clear();
    this.stacks.length = 0;
    this.homeViewIdByUser.clear();
  }
}
