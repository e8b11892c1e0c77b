import type { Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { createLogger } from '../../src/logger.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../lib/slack-requests.js';

/**
 * The floor: the same Bolt version and HTTP receiver, the same signing secret, token, client options and logger
 * as the app, and one listener that acks a static text. Whatever the app costs above this is ours.
 */

const app = new App({
  token: BOT_TOKEN,
  signingSecret: SIGNING_SECRET,
  logger: createLogger('warn'),
  clientOptions: { slackApiUrl: process.env.BENCH_SLACK_API_URL, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 }, timeout: 10_000 },
});
app.command('/skill', async ({ ack }) => {
  await ack('NATS · Senior');
});
const server = (await app.start(0)) as Server;
process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });

// The same event-loop probe as bench/servers/app.ts.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
process.on('message', (message: { type?: string }) => {
  if (message.type !== 'loop') return;
  // The histogram holds whole timer intervals: subtract the 10 ms resolution to get the stall itself.
  process.send?.({ type: 'loop', maxMs: Math.max(0, loopDelay.max / 1e6 - 10) });
  loopDelay.reset();
});

process.once('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
// The parent went away (crashed or was interrupted): do not linger as an orphan.
process.once('disconnect', () => process.exit(0));
