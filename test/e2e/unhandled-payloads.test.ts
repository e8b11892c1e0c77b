import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildInteractionBody, buildViewClosedPayload, FORM_CONTENT_TYPE } from '../../src/sandbox/slack-payloads.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';

/**
 * Slack waits 3 s for an answer to every interaction and then shows the person an error. Payloads no listener
 * handles (an old button, a select's suggestion request, a closed modal, a shortcut) must be answered at once.
 */
describe('payloads no listener handles are acknowledged at once', () => {
  const database = useTestDatabase();
  let slack: SlackAppHarness;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database });
    // Bolt sets its logger to INFO when it starts; these lines are debug.
    slack.deps.logger.setLevel(LogLevel.DEBUG);
  });
  afterAll(async () => {
    await slack?.close();
  });
  beforeEach(() => {
    slack.fake.reset();
  });

  const user = USERS.en;
  const envelope = { team: { id: TEAM, domain: 'skills' }, user: { id: user.id, username: user.name, name: user.name, team_id: TEAM }, api_app_id: 'A0SKILL', token: 'legacy' };
  const view = (callbackId: string) => ({ id: 'V0MYSTERY', team_id: TEAM, type: 'modal', callback_id: callbackId, private_metadata: '', hash: '1.a', blocks: [], state: { values: {} } });

  it.each([
    ['an unknown action_id', { ...envelope, type: 'block_actions', trigger_id: '1.2.3', response_url: 'http://127.0.0.1:9/nowhere', actions: [{ action_id: 'retired_button', block_id: 'b', type: 'button', value: 'x', action_ts: '1.0' }] }, 'retired_button', ''],
    ['a block_suggestion', { ...envelope, type: 'block_suggestion', action_id: 'skill_search', block_id: 'b', value: 'nat', container: { type: 'view', view_id: 'V0MYSTERY' } }, 'skill_search', '{"options":[]}'],
    ['a view_closed', buildViewClosedPayload({ app: { apiAppId: 'A0SKILL' }, team: envelope.team, user: { id: user.id, name: user.name, teamId: TEAM }, view: view('assessment_modal') }), 'assessment_modal', ''],
    ['a view_submission with an unknown callback_id', { ...envelope, type: 'view_submission', trigger_id: '1.2.3', view: view('retired_modal'), response_urls: [] }, 'retired_modal', ''],
    ['a shortcut with an unknown callback_id', { ...envelope, type: 'shortcut', callback_id: 'mystery_shortcut', trigger_id: '1.2.3', action_ts: '1.0' }, 'mystery_shortcut', ''],
  ] as const)('%s: 200 well under 3 s, one debug line with team, user and the id', async (_name, payload, id, body) => {
    const logsBefore = slack.logs.length;
    const started = performance.now();
    const answer = await slack.post(buildInteractionBody(payload), FORM_CONTENT_TYPE);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(answer).toEqual({ status: 200, body });
    const lines = slack.logs.slice(logsBefore).filter((line) => line.includes(id));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DEBUG');
    expect(lines[0]).toContain(`"teamId":"${TEAM}"`);
    expect(lines[0]).toContain(`"userId":"${user.id}"`);
    expect(slack.logs.slice(logsBefore).join('')).not.toMatch(/ERROR|WARN/);
  });

  it('does not touch payloads a listener handles (no second ack, no debug line)', async () => {
    const { reply } = await slack.command('NATS');
    const logsBefore = slack.logs.length;
    const opened = await slack.click({ blocks: (reply.body as { blocks: unknown[] }).blocks }, 'open_level', { value: 'nats:principal' });
    expect(opened.request).toEqual({ status: 200, body: '' });
    expect(JSON.stringify(opened.reply!.body)).toContain('is the top of this ladder');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slack.logs.slice(logsBefore).join('')).not.toMatch(/open_level|ERROR|WARN/);
  });
});
