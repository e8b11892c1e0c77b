import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { asSlackClients, installationClients, type AuthorizeTeam } from '../../src/services/slack-clients.js';

/** The scheduler's per-workspace clients: one store read per workspace per minute, a new client for a new token. */
describe('installationClients', () => {
  const tokens: Record<string, string> = { T0A: 'xoxb-a-1', T0B: 'xoxb-b-1' };
  const asked: string[] = [];
  const authorize: AuthorizeTeam = async ({ teamId }) => {
    asked.push(teamId);
    if (!tokens[teamId]) throw new Error(`no installation for T:${teamId}`);
    return { botToken: tokens[teamId] };
  };

  it('gives each workspace a client with its own token, read once a minute, and a new client once the token changed', async () => {
    let now = 0;
    const clients = installationClients({ authorize, clientOptions: { retryConfig: { retries: 0 } }, now: () => now });
    const a = await clients.clientFor('T0A');
    const b = await clients.clientFor('T0B');
    expect(a.token).toBe('xoxb-a-1');
    expect(b.token).toBe('xoxb-b-1');
    expect(await clients.clientFor('T0A')).toBe(a);
    expect(asked).toEqual(['T0A', 'T0B']);

    now = 61_000;
    expect(await clients.clientFor('T0A')).toBe(a); // read again, same token: same client
    tokens.T0A = 'xoxb-a-2'; // refreshed by the provider
    now = 122_000;
    expect((await clients.clientFor('T0A')).token).toBe('xoxb-a-2');
    expect(asked).toEqual(['T0A', 'T0B', 'T0A', 'T0A']);
    await expect(clients.clientFor('T0GONE')).rejects.toThrow('no installation for T:T0GONE');
    expect(clients.perWorkspace).toBe(true);
  });

  it('a single client serves every workspace in single-workspace mode', async () => {
    const client = new WebClient('xoxb-one');
    const clients = asSlackClients(client);
    expect(await clients.clientFor('T0A')).toBe(client);
    expect(await clients.clientFor('T0B')).toBe(client);
    expect(clients.perWorkspace).toBe(false);
  });
});
