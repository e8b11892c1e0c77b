import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckinBacklog } from '../../src/db/repositories/checkin-backlog.js';
import { startMetricsServer, type MetricsServer } from '../../src/metrics-server.js';
import { runSchedulerPass } from '../../src/reminders/run.js';
import { createSenderClient } from '../../src/reminders/sender-client.js';
import { fakeUsers, seedSchedules, userId } from '../helpers/checkins.js';
import { buildCommandBody, FORM_CONTENT_TYPE } from '../../src/sandbox/slack-payloads.js';
import { startSlackAppHarness, TEAM, USERS, type SlackAppHarness } from '../helpers/slack-app-harness.js';
import { pgliteTarget, postgresTarget, useTestDatabase } from '../helpers/test-database.js';

/**
 * /metrics moves with traffic (README, Operations → Metrics): scraped over HTTP before and after a command and a
 * check-in pass, against the real app and the fake Slack. On Postgres when available, for the pool gauges.
 */

/** `name{labels}` → value, from Prometheus' text format. */
function parse(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

describe('/metrics', () => {
  const database = useTestDatabase(postgresTarget() ?? pgliteTarget());
  let slack: SlackAppHarness;
  let server: MetricsServer;
  beforeAll(async () => {
    slack = await startSlackAppHarness({ database });
    const { metrics } = slack.deps;
    metrics.collectBacklog(() => readCheckinBacklog(database.db));
    if (database.poolUsage) metrics.collectPool('requests', database.poolUsage);
    server = await startMetricsServer(metrics, { port: 0, host: '127.0.0.1', logger: slack.deps.logger });
  });
  afterAll(async () => {
    await server?.close();
    await slack?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(await response.text());
  };

  it('counts a command: request, ack latency, the Slack calls it made', async () => {
    const before = await scrape();
    expect(before.get('skill_ladder_requests_total{surface="command",outcome="ok"}')).toBeUndefined();
    await slack.command('nats senior');
    await slack.waitFor(() => slack.fake.callsTo('users.info').length === 1, 'the language lookup');
    const after = await scrape();
    expect(after.get('skill_ladder_requests_total{surface="command",outcome="ok"}')).toBe(1);
    expect(after.get('skill_ladder_ack_seconds_count{surface="command"}')).toBe(1);
    expect(after.get('skill_ladder_ack_seconds_bucket{le="3",surface="command"}')).toBe(1);
    expect(after.get('skill_ladder_slack_api_calls_total{method="users.info",error="ok"}')).toBe(1);
    // The card went to the response_url: one `response_url` method, never a label per one-off URL.
    expect(after.get('skill_ladder_slack_api_calls_total{method="response_url",error="ok"}')).toBe(1);
    expect([...after.keys()].filter((key) => key.startsWith('skill_ladder_slack_api_calls_total') && !/method="[a-z]+(\.[a-zA-Z]+)*"|method="response_url"/.test(key))).toEqual([]);
    if (database.poolUsage) expect(after.get('skill_ladder_db_pool_connections{pool="requests",state="total"}')).toBeGreaterThan(0);

    // An event, then one whose Slack call Slack refuses: counted under Slack's error.
    await slack.event({ type: 'app_home_opened', user: 'U0ENGLISH', channel: 'D0HOME', tab: 'home' });
    slack.fake.failNext('views.publish', { error: 'not_enabled' });
    await slack.event({ type: 'app_home_opened', user: 'U0ENGLISH', channel: 'D0HOME', tab: 'home' });
    await slack.waitFor(() => slack.fake.callsTo('views.publish').length === 2, 'App Home published twice');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the counter reads a copy of the answer, just after
    const withEvents = await scrape();
    expect(withEvents.get('skill_ladder_requests_total{surface="event",outcome="ok"}')).toBe(2);
    expect(withEvents.get('skill_ladder_slack_api_calls_total{method="views.publish",error="ok"}')).toBe(1);
    expect(withEvents.get('skill_ladder_slack_api_calls_total{method="views.publish",error="not_enabled"}')).toBe(1);
  });

  it('counts a check-in pass: backlog before, emitted and sent after, pass duration, the post', async () => {
    slack.fake.addUser({ ...fakeUsers(1)[0]!, teamId: 'T0FAKE0001' });
    await seedSchedules(database.db, { count: 1, withAssessments: true });
    const before = await scrape();
    expect(before.get('skill_ladder_checkin_due_backlog')).toBe(1);
    expect(before.get('skill_ladder_checkin_oldest_due_seconds')).toBeGreaterThanOrEqual(59);
    expect(before.get('skill_ladder_checkins_total{outcome="sent"}')).toBe(0);

    const { metrics, config } = slack.deps;
    const client = createSenderClient(config, { timeoutMs: 1000, fetch: metrics.instrumentFetch() });
    const result = await runSchedulerPass(slack.deps, client, { workerId: 'metrics-test' });
    expect(result).toMatchObject({ emitted: 1, sent: 1 });
    expect(slack.fake.dmsTo(userId(0))).toHaveLength(1);

    const after = await scrape();
    expect(after.get('skill_ladder_checkins_total{outcome="emitted"}')).toBe(1);
    expect(after.get('skill_ladder_checkins_total{outcome="sent"}')).toBe(1);
    expect(after.get('skill_ladder_checkins_total{outcome="dead"}')).toBe(0);
    expect(after.get('skill_ladder_checkin_pass_seconds_count')).toBe(1);
    expect(after.get('skill_ladder_checkin_due_backlog')).toBe(0);
    expect(after.get('skill_ladder_checkin_oldest_due_seconds')).toBe(0);
    expect(after.get('skill_ladder_slack_api_calls_total{method="chat.postMessage",error="ok"}')).toBe(1);
  });

  it('counts a request whose listener fails as an error', async () => {
    // A listener that acks and then throws, added beside the app's own: Bolt hands its error to app.error.
    slack.app.command('/broken', async ({ ack }) => {
      await ack();
      throw new Error('a listener failed on purpose');
    });
    const body = buildCommandBody({
      app: { apiAppId: slack.fake.appId },
      team: { id: TEAM, domain: 'skills' },
      user: { id: USERS.en.id, name: USERS.en.name, teamId: TEAM },
      channel: { id: 'C0GENERAL', name: 'general' },
      command: '/broken',
      text: '',
      responseUrl: slack.fake.createResponseUrl({ channel: 'C0GENERAL', userId: USERS.en.id }),
      triggerId: slack.fake.issueTriggerId({ userId: USERS.en.id }),
    });
    expect((await slack.post(body, FORM_CONTENT_TYPE)).status).toBe(200);
    await slack.waitFor(() => slack.logs.some((line) => line.includes('a listener failed on purpose')), 'the error in the log');
    const after = await scrape();
    expect(after.get('skill_ladder_requests_total{surface="command",outcome="error"}')).toBe(1);
  });

  it('answers 404 anywhere but /metrics', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
