import type { FakeSlackUser } from './fake-slack/fake-slack-server.js';

/**
 * The sandbox's pretend workspace. Ids are fixed (not random) because the sandbox keeps its data in the ordinary
 * PGlite directory: the same people must find their assessments after a restart. The team id is one no real Slack
 * workspace can have (real ids start with T and are 9–11 upper-case characters, but never say SANDBOX), so sandbox
 * rows are easy to tell apart from a real workspace's in the same database.
 */

export const SANDBOX_TEAM = { id: 'T0SANDBOX', name: 'Skill Ladder Sandbox', domain: 'skill-ladder-sandbox' } as const;

export const SANDBOX_BOT = { userId: 'U0SKILLBOT', botId: 'B0SKILLBOT', appId: 'A0SKILLAPP', name: 'Skill Ladder' } as const;

/** #general: where slash commands are typed by default and shared cards land. */
export const GENERAL_CHANNEL = { id: 'C0GENERAL', name: 'general' } as const;

/**
 * Four people who show the app's language and time-zone behaviour: English in London, Spanish in Madrid, a
 * Brazilian Portuguese locale the app does not speak (it falls back to DEFAULT_LOCALE) in São Paulo, whose offset
 * differs from Europe's by 3–5 hours depending on the season — and a lead in New York, to share a growth picture
 * with as one person and open it as another (docs/sharing.md).
 */
export const SANDBOX_USERS: readonly FakeSlackUser[] = [
  { id: 'U0SBXADA', teamId: SANDBOX_TEAM.id, name: 'ada', realName: 'Ada Lovelace', tz: 'Europe/London', locale: 'en-GB' },
  { id: 'U0SBXROSA', teamId: SANDBOX_TEAM.id, name: 'rosa', realName: 'Rosa Martínez', tz: 'Europe/Madrid', locale: 'es-ES' },
  { id: 'U0SBXJOAO', teamId: SANDBOX_TEAM.id, name: 'joao', realName: 'João Silva', tz: 'America/Sao_Paulo', locale: 'pt-BR' },
  { id: 'U0SBXLEAD', teamId: SANDBOX_TEAM.id, name: 'grace', realName: 'Grace Hopper (lead)', tz: 'America/New_York', locale: 'en-US' },
];

export function findSandboxUser(id: string): FakeSlackUser | undefined {
  return SANDBOX_USERS.find((user) => user.id === id);
}
