import { FIELD } from '../../src/blocks/assessment-modal.js';
import { ACTION, COMMAND, VIEW } from '../../src/ids.js';
import {
  buildCommandBody,
  buildInteractionBody,
  buildMessageActionPayload,
  buildViewSubmissionPayload,
  FORM_CONTENT_TYPE,
  signSlackRequest,
} from '../../src/sandbox/slack-payloads.js';

/**
 * The requests the load generators send, built with the same payload module as the sandbox (src/sandbox) so they
 * are shaped like Slack's. Every request is signed afresh: its body changes (the response_url carries the send
 * time), and the app verifies every signature like in production.
 */

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-bench-0000000000';
export const TEAM = { id: 'T0BENCH001', domain: 'bench' };
const APP = { apiAppId: 'A0BENCHAPP' };
const CHANNEL = { id: 'C0BENCH001', name: 'bench' };

/** What a load generator sends; plain data so it can cross the IPC channel. */
export type RequestSpec =
  | { kind: 'command'; text: string; users: number; responseUrlBase: string }
  | { kind: 'click'; users: number; responseUrlBase: string }
  | { kind: 'submit'; users: number; skillId: string; levels: string[]; roleId: string };

export interface BuiltRequest {
  body: string;
  headers: Record<string, string>;
}

export function benchUserId(i: number): string {
  return `U0BENCH${String(i).padStart(5, '0')}`;
}

/** Builds request number `seq` sent at `stamp` (process.hrtime.bigint()), signed with the current time. */
export function buildRequest(spec: RequestSpec, seq: number, stamp: bigint): BuiltRequest {
  const user = { id: benchUserId(seq % spec.users), name: `bench${seq % spec.users}`, teamId: TEAM.id };
  let body: string;
  if (spec.kind === 'command') {
    body = buildCommandBody({
      app: APP,
      team: TEAM,
      user,
      channel: CHANNEL,
      command: COMMAND,
      text: spec.text,
      responseUrl: `${spec.responseUrlBase}/${stamp}`,
      triggerId: `${seq}.${seq}.bench`,
    });
  } else if (spec.kind === 'click') {
    // "Next level ▶" on a NATS card, as the level card renders it (value = card reference).
    body = buildInteractionBody(
      buildMessageActionPayload({
        app: APP,
        team: TEAM,
        user,
        channel: CHANNEL,
        message: { ts: '1800000000.000100', ephemeral: true },
        action: { action_id: `${ACTION.openLevel}:next`, block_id: 'card_actions', type: 'button', action_ts: '1800000000.000200', value: 'nats:lead:go' },
        responseUrl: `${spec.responseUrlBase}/${stamp}`,
        triggerId: `${seq}.${seq}.bench`,
      }),
    );
  } else {
    body = buildInteractionBody(
      buildViewSubmissionPayload({
        app: APP,
        team: TEAM,
        user,
        view: assessmentView(spec.skillId, seq),
        stateValues: assessmentValues(spec.levels, spec.roleId),
        triggerId: `${seq}.${seq}.bench`,
      }),
    );
  }
  const headers = { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) };
  return { body, headers };
}

/**
 * The modal as Slack echoes it back on submit: only the fields the handler reads matter. Each request is a new
 * modal (its own view id): the view id is the submission key, so one fixed id made every submission after the first
 * a replay of the same Save (an update, no confirmation DM, no App Home) instead of a save.
 */
function assessmentView(skillId: string, seq: number): Record<string, unknown> & { id: string } {
  return {
    id: `V0B${process.pid.toString(36).toUpperCase()}X${seq.toString(36).toUpperCase()}`,
    type: 'modal',
    callback_id: VIEW.assessment,
    private_metadata: JSON.stringify({ skill: skillId }),
    blocks: [],
    hash: '1800000000.bench',
    title: { type: 'plain_text', text: 'Self-assessment' },
  };
}

/** A complete, valid form: every level rated, current < target, weekly check-ins. */
function assessmentValues(levels: string[], roleId: string): Record<string, unknown> {
  const select = (value: string) => ({ type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } });
  const values: Record<string, unknown> = {
    [FIELD.role]: { [ACTION.assessmentRole]: select(roleId) },
    [FIELD.current]: { value: select(levels[1] ?? levels[0]!) },
    [FIELD.target]: { value: select(levels[2] ?? levels[levels.length - 1]!) },
    [FIELD.targetDate]: { value: { type: 'datepicker', selected_date: null } },
    [FIELD.goals]: { value: { type: 'plain_text_input', value: 'Lead the JetStream migration and write the runbook' } },
    [FIELD.cadence]: { value: select('weekly') },
    [FIELD.weekday]: { value: select('2') },
    [FIELD.time]: { value: { type: 'timepicker', selected_time: '10:00' } },
  };
  levels.forEach((level, i) => {
    const rating = i < 2 ? 'fully' : i === 2 ? 'partly' : 'not_yet';
    values[`${FIELD.ratingPrefix}${level}`] = { value: { type: 'radio_buttons', selected_option: { value: rating } } };
  });
  return values;
}
