import type { HeaderBlock, KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidMessage, assertValidView } from '../../src/sandbox/fake-slack/block-kit-validator.js';
import { startSocketModeHarness, type SocketModeHarness } from '../helpers/socket-mode-harness.js';
import { TEAM, USERS } from '../helpers/slack-app-harness.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { fillAssessment } from '../helpers/view-state.js';

/**
 * The real app in Socket Mode (docs/slack-limits.md#socket-mode): SLACK_API_URL points the Socket Mode client at the
 * fake Slack, which hands out a WebSocket with `apps.connections.open`, sends envelopes and records acks. A command,
 * a button, a modal submission and an event go through it, with Slack asking for a reconnect in the middle.
 */

interface Reply {
  text?: string;
  blocks?: KnownBlock[];
  replace_original?: boolean;
}
const headerOf = (reply: Reply) => (reply.blocks?.find((b) => b.type === 'header') as HeaderBlock | undefined)?.text.text;

describe('Socket Mode end to end', () => {
  const database = useTestDatabase();
  let slack: SocketModeHarness;
  beforeAll(async () => {
    slack = await startSocketModeHarness({ database });
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('serves a command, a button, a modal and an event over the WebSocket, through a reconnect, each once', async () => {
    const { fake } = slack;
    // Connected with the app-level token, against the fake: apps.connections.open, then hello.
    const opens = fake.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.token).toMatch(/^xapp-/);
    expect(fake.socketMode.connectionsOpened).toBe(1);

    // 1. /skill nats senior: the card (on the response_url here: the first command looks up the person's language).
    const command = await slack.command('nats senior');
    const card = command.reply.body as Reply;
    expect(headerOf(card)).toBe('NATS / NATS JetStream · Senior');
    assertValidMessage(card);
    // Known now: the next card comes in the ack itself, as a slash command's Socket Mode ack may carry it.
    const again = await slack.command('nats');
    expect(again.ack.payload).toMatchObject({ response_type: 'ephemeral', text: 'NATS / NATS JetStream: the skill ladder' });

    // 2. A button: Lead ▶ replaces the card in place.
    const next = await slack.click({ blocks: card.blocks, ts: command.reply.messageTs }, /^open_level:next$/);
    expect(next.ack.payload).toEqual({});
    expect((next.reply.body as Reply).replace_original).toBe(true);
    expect(headerOf(next.reply.body as Reply)).toBe('NATS / NATS JetStream · Lead');

    // 3. Slack recycles the connection: `disconnect` (refresh_requested). The command sent meanwhile waits for the
    //    new connection and is answered there.
    fake.socketMode.requestReconnect();
    const opening = slack.commandOnly('assess nats');
    await fake.socketMode.waitForConnections(2);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    expect((await opening).payload).toEqual({});
    const modal = await slack.waitFor(() => fake.openViews().find((v) => v.callback_id === 'assessment_modal' && v.user_id === USERS.en.id), 'the assessment modal');

    // 4. The modal submission: saved once, one confirmation DM, App Home refreshed.
    const nats = slack.deps.catalog.byId.get('nats')!;
    const submitted = await slack.submit(modal, fillAssessment(nats, { current: 'senior', target: 'lead' }));
    expect(submitted.payload).toEqual({});
    fake.closeView(modal.id);
    const dm = await slack.waitFor(() => fake.dmsTo(USERS.en.id)[0], 'the confirmation DM');
    expect(dm.text).toBe('Saved your NATS / NATS JetStream self-assessment: Senior → Lead');
    assertValidMessage(dm);
    await slack.waitFor(() => fake.callsTo('views.publish').length === 1, 'App Home refreshed after the save');

    // 5. An event: app_home_opened publishes App Home.
    const event = await slack.event({ type: 'app_home_opened', user: USERS.en.id, channel: 'D0HOME', tab: 'home' });
    expect(event.payload).toEqual({});
    await slack.waitFor(() => fake.callsTo('views.publish').length === 2, 'App Home published for the event');
    const home = fake.homeViewFor(USERS.en.id)!;
    expect(JSON.stringify(home.blocks)).toContain('Senior → *Lead*');
    assertValidView(fake.callsTo('views.publish').at(-1)!.args.view as Parameters<typeof assertValidView>[0]);

    // Nothing lost, nothing doubled: every envelope acked exactly once, every effect once.
    const envelopes = fake.socketMode.envelopes;
    expect(envelopes.map((e) => e.type)).toEqual(['slash_commands', 'slash_commands', 'interactive', 'slash_commands', 'interactive', 'events_api']);
    expect(envelopes.map((e) => fake.socketMode.ackCount(e.envelopeId))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await database.db.selectFrom('assessments').select(['team_id', 'user_id', 'current_level', 'target_level']).execute()).toEqual([
      { team_id: TEAM, user_id: USERS.en.id, current_level: 'senior', target_level: 'lead' },
    ]);
    expect(fake.dmsTo(USERS.en.id)).toHaveLength(1);
    expect(fake.callsTo('views.open')).toHaveLength(1);
    expect(fake.socketMode.openConnections).toBe(1);
    expect(slack.logs.join('')).not.toMatch(/ ERROR |Unhandled/);
  });
});
