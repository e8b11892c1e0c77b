import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ChangeFeed } from './change-feed.js';
import { HttpError, readJson, sendJson } from './http-utils.js';
import { SANDBOX_USERS, findSandboxUser } from './sandbox-people.js';
import { SandboxRefusal, type SchedulerControl } from './scheduler-control.js';
import { sandboxWords } from './sandbox-words.js';
import type { SlackSimulator } from './slack-simulator.js';
import type { SandboxSnapshot } from './state-snapshot.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * The page's JSON API under /sandbox/api/. Every request says which sandbox person acts (the page's user
 * switcher); bodies are validated here because the page, like Slack's payloads, is input from outside.
 *
 *   GET  state?user=U…        what that person sees (SandboxSnapshot; the first person when none is given)
 *   GET  events               Server-Sent Events: {version} after every change
 *   POST compose              {user, channel, text}            the composer: a /command or a message
 *   POST message-action       {user, channel, ts, actionId, blockIndex?, choice?}
 *   POST view-action          {user, viewId, actionId, blockIndex?, choice?, edits?}
 *   POST view-submit          {user, viewId, edits?}           → {closed, errors?}
 *   POST view-close           {user, viewId}
 *   POST app-tab              {user, tab: home|messages}       sends app_home_opened
 *   POST client-restart       {}                               the page (re)loaded: modals and ephemerals go
 *   POST fast-forward         {user, by: 1h|1d|1w} | {user, to: next-checkin} | {user, at: ISO instant}
 */

const id = z.string().min(1).max(64);
const choice = z
  .object({
    selectedOption: z.string().max(150).optional(),
    selectedOptions: z.array(z.string().max(150)).max(100).optional(),
    selectedDate: z.string().max(10).optional(),
    selectedTime: z.string().max(5).optional(),
    value: z.string().max(10_000).optional(),
  })
  .strict();
const edits = z.record(z.string().max(255), z.record(z.string().max(255), choice));
const elementRef = { actionId: z.string().min(1).max(255), blockIndex: z.number().int().min(0).max(100).optional() };

const schemas = {
  compose: z.object({ user: id, channel: id, text: z.string().max(40_000) }),
  'message-action': z.object({ user: id, channel: id, ts: z.string().max(32), ...elementRef, choice: choice.optional() }),
  'view-action': z.object({ user: id, viewId: id, ...elementRef, choice: choice.optional(), edits: edits.optional() }),
  'view-submit': z.object({ user: id, viewId: id, edits: edits.optional() }),
  'view-close': z.object({ user: id, viewId: id }),
  'app-tab': z.object({ user: id, tab: z.enum(['home', 'messages']) }),
  'client-restart': z.object({ user: z.string().max(64).optional() }),
  'fast-forward': z.union([
    z.object({ user: id, by: z.enum(['1h', '1d', '1w']) }),
    z.object({ user: id, to: z.literal('next-checkin') }),
    z.object({ user: id, at: z.iso.datetime({ offset: true }) }),
  ]),
};

const STEP_MS = { '1h': 3_600_000, '1d': 86_400_000, '1w': 7 * 86_400_000 } as const;

export interface SandboxApiOptions {
  simulator: SlackSimulator;
  scheduler: SchedulerControl;
  clock: VirtualClock;
  feed: ChangeFeed;
  snapshot(userId: string): Promise<SandboxSnapshot>;
}

export type SandboxApi = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

export function createSandboxApi(o: SandboxApiOptions): SandboxApi {
  const actions: { [K in keyof typeof schemas]: (input: z.infer<(typeof schemas)[K]>) => Promise<unknown> } = {
    compose: (i) => o.simulator.compose(i.user, i.channel, i.text),
    'message-action': (i) => o.simulator.clickInMessage(i.user, { channel: i.channel, ts: i.ts, actionId: i.actionId, blockIndex: i.blockIndex }, i.choice),
    'view-action': (i) => o.simulator.actInView(i.user, { viewId: i.viewId, actionId: i.actionId, blockIndex: i.blockIndex }, i.choice, i.edits),
    'view-submit': (i) => o.simulator.submitView(i.user, i.viewId, i.edits),
    'view-close': (i) => o.simulator.closeView(i.user, i.viewId),
    'app-tab': (i) => o.simulator.openAppTab(i.user, i.tab),
    'client-restart': () => o.simulator.clientRestarted(SANDBOX_USERS.map((u) => u.id)),
    'fast-forward': (i) => fastForward(o, i),
  };

  return async (req, res, pathname) => {
    const route = /^\/sandbox\/api\/([a-z-]+)$/.exec(pathname)?.[1];
    if (!route) return false;
    try {
      if (route === 'events' && req.method === 'GET') {
        o.feed.subscribe(res);
        return true;
      }
      if (route === 'state' && req.method === 'GET') {
        // Nobody chosen yet (a first visit) or someone unknown (an old bookmark): show the first person.
        const asked = new URL(req.url ?? '/', 'http://sandbox.invalid').searchParams.get('user') ?? '';
        sendJson(res, 200, await o.snapshot(findSandboxUser(asked)?.id ?? SANDBOX_USERS[0]!.id));
        return true;
      }
      if (!(route in actions)) throw new HttpError(404, 'no such endpoint');
      if (req.method !== 'POST') throw new HttpError(405, 'use POST');
      const name = route as keyof typeof schemas;
      const parsed = schemas[name].safeParse(await readJson(req));
      if (!parsed.success) throw new HttpError(400, z.prettifyError(parsed.error));
      if (name !== 'client-restart' && !findSandboxUser(parsed.data.user ?? '')) throw new HttpError(404, 'unknown user');
      const result = await (actions[name] as (input: unknown) => Promise<unknown>)(parsed.data);
      sendJson(res, 200, result);
    } catch (error) {
      if (error instanceof HttpError) sendJson(res, error.status, { ok: false, error: 'bad_request', message: error.message });
      else if (error instanceof SandboxRefusal) sendJson(res, 409, { ok: false, error: 'refused', message: error.message });
      else throw error;
    }
    return true;
  };
}

async function fastForward(o: SandboxApiOptions, input: z.infer<(typeof schemas)['fast-forward']>): Promise<unknown> {
  let target: Date;
  if ('by' in input) target = new Date(o.clock.nowMs() + STEP_MS[input.by]);
  else if ('at' in input) target = new Date(input.at);
  else {
    const next = await o.scheduler.nextCheckin(input.user);
    if (!next) return { ok: false, error: 'no_checkin', message: sandboxWords(input.user).noCheckin };
    // A second past it: the pass then finds it due, as a tick just after the minute would.
    target = new Date(Math.max(next.getTime(), o.clock.nowMs()) + 1000);
  }
  if (target.getTime() <= o.clock.nowMs()) return { ok: false, error: 'in_the_past', message: sandboxWords(input.user).onlyForward };
  const result = await o.scheduler.fastForward(target);
  o.feed.changed();
  return { ok: true, ...result };
}
