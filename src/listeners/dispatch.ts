import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * One Bolt listener per payload kind, choosing the handler from a table by id. Bolt runs every registered
 * listener's matchers on every request, so with a listener per button the cost of any request grew with the number
 * of features (about 3.5× a one-listener app's with 17 of them); a table lookup costs the same for any number.
 */

/** A route: an exact id, or a pattern for ids that carry a `:suffix`. */
export type Route<Handler> = readonly [id: string | RegExp, handler: Handler];

/** Finds the handler for an id: exact ids through a map, then patterns in order. */
export function routeTable<Handler>(routes: readonly Route<Handler>[]): (id: string | undefined) => Handler | undefined {
  const exact = new Map<string, Handler>();
  const patterns: [RegExp, Handler][] = [];
  for (const [id, handler] of routes) {
    if (typeof id === 'string') exact.set(id, handler);
    else patterns.push([id, handler]);
  }
  return (id) => {
    if (id === undefined) return undefined;
    return exact.get(id) ?? patterns.find(([pattern]) => pattern.test(id))?.[1];
  };
}

/** A listener that runs the handler the id names, or `otherwise` when none does. */
export function dispatchBy<Args extends AnyMiddlewareArgs>(
  idOf: (args: Args) => string | undefined,
  routes: readonly Route<Middleware<Args>>[],
  otherwise: Middleware<Args>,
): Middleware<Args> {
  const find = routeTable(routes);
  return (args) => (find(idOf(args)) ?? otherwise)(args);
}
