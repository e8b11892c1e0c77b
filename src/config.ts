import { z } from 'zod';

/**
 * The only module that reads the environment. `loadConfig(env)` validates every variable at once and
 * returns a frozen, grouped object; callers never see `process.env`.
 */

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export const SUPPORTED_LOCALES = ['en', 'es'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

// Booleans are parsed honestly: "false", "0", "no" and "off" mean false (z.coerce.boolean would say true).
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

/** A key is 32 random bytes in base64 (`openssl rand -base64 32`). */
const KEY_RULE = 'must be 32 bytes in base64 (openssl rand -base64 32)';
function decodeKey(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const key = Buffer.from(value, 'base64');
  return key.length === 32 ? key : undefined;
}
const encryptionKey = z.string().transform((value, ctx) => {
  const key = decodeKey(value);
  if (!key) {
    ctx.addIssue({ code: 'custom', message: KEY_RULE });
    return z.NEVER;
  }
  return key;
});

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', { error: 'must start with xoxb-' }).optional(),
    SLACK_SIGNING_SECRET: z.string().min(8, { error: 'looks too short for a signing secret' }).optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', { error: 'must start with xapp-' }).optional(),
    SLACK_API_URL: z.url({ error: 'must be a URL such as https://slack.com/api/' }).default('https://slack.com/api/'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    PGLITE_DIR: z.string().default('.data/pglite'),
    PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    LOG_FORMAT: z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }).optional(),
    NODE_ENV: z.string().optional(),
    SANDBOX: booleanFlag.optional(),
    DEFAULT_LOCALE: z.enum(SUPPORTED_LOCALES, { error: `must be one of ${SUPPORTED_LOCALES.join(', ')}` }).default('en'),
    REMINDER_CRON: z.string().default('*/15 * * * * *'),
    REMINDERS_ENABLED: booleanFlag.default(true),
    CATALOG_DIR: z.string().default('data/skills'),
    METRICS_PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535).optional(),
    // OAuth (distributable) mode, docs/installations.md: all three, and the encryption key, or none.
    SLACK_CLIENT_ID: z.string().regex(/^\d+\.\d+$/, { error: 'looks wrong: a client id is two numbers joined by a dot (Basic Information → App Credentials)' }).optional(),
    SLACK_CLIENT_SECRET: z.string().min(16, { error: 'looks too short for a client secret' }).optional(),
    SLACK_STATE_SECRET: z.string().min(16, { error: 'is too short: use at least 16 random characters' }).optional(),
    INSTALLATION_ENCRYPTION_KEY: encryptionKey.optional(),
    INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: z
      .string()
      .transform((value, ctx) => {
        const keys = value.split(',').map((part) => part.trim()).filter((part) => part !== '').map(decodeKey);
        if (keys.some((key) => key === undefined)) ctx.addIssue({ code: 'custom', message: KEY_RULE.replace('must be', 'must be a comma-separated list of keys, each') });
        return keys.filter((key): key is Buffer => key !== undefined);
      })
      .optional(),
  });

/**
 * What the process will do with Slack, which decides the Slack settings it needs. `serve`: the app (HTTP mode, Socket
 * Mode, or the local sandbox when no Slack setting is given). `send`: the CLI's `tick`, which only posts check-ins as
 * the bot: it needs the bot token (or, in OAuth mode, the installations and their key) and nothing that receiving
 * requests needs. `installations`: the CLI's `reencrypt-installations`, which needs only the encryption keys.
 */
export type ConfigPurpose = 'serve' | 'send' | 'installations';

const SLACK_CREDENTIALS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;
const OAUTH_TRIO = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const SANDBOX_HINT = 'set SANDBOX=true to run the local sandbox instead (a demo without Slack or authentication)';

/**
 * Rules across variables, checked on the raw values so they are reported together with per-variable problems.
 *
 * The sandbox has no authentication, so it must never start by accident: only when no Slack credential is set at
 * all outside production, or when SANDBOX=true asks for it. An empty value is "not filled in" (the .env.example
 * lines); a value of only spaces is a broken paste and counts as a blank credential, never as absent.
 */
function crossFieldProblems(env: Record<string, string | undefined>, cleaned: Record<string, string>, production: boolean, purpose: ConfigPurpose): string[] {
  if (purpose === 'installations') {
    return cleaned.INSTALLATION_ENCRYPTION_KEY === undefined ? ['INSTALLATION_ENCRYPTION_KEY: is required to read and re-encrypt installations'] : [];
  }
  const oauth = oauthProblems(cleaned, purpose);
  if (OAUTH_TRIO.some((name) => cleaned[name] !== undefined)) return oauth;
  return [...oauth, ...singleWorkspaceProblems(env, cleaned, production, purpose)];
}

/** Single-workspace mode (one bot token) and the sandbox. */
function singleWorkspaceProblems(env: Record<string, string | undefined>, cleaned: Record<string, string>, production: boolean, purpose: ConfigPurpose): string[] {
  if (purpose === 'send') return cleaned.SLACK_BOT_TOKEN === undefined ? ['SLACK_BOT_TOKEN: is required to send check-ins (they are posted as the bot), or configure OAuth mode'] : [];
  const sandboxFlag = cleaned.SANDBOX === undefined ? undefined : ['true', '1', 'yes', 'on'].includes(cleaned.SANDBOX);
  const blank = SLACK_CREDENTIALS.filter((name) => env[name] !== undefined && env[name] !== '' && cleaned[name] === undefined);
  const given = SLACK_CREDENTIALS.filter((name) => cleaned[name] !== undefined);
  const problems = blank.map((name) => `${name}: is blank (only spaces); give the credential or leave it empty`);
  if (sandboxFlag === true) {
    if (given.length > 0) problems.push(`SANDBOX: cannot be combined with Slack credentials (${given.join(', ')}); unset one or the other`);
    return problems;
  }
  if (given.length === 0 && blank.length === 0) {
    if (production) {
      problems.push(`SLACK_BOT_TOKEN: is required in production (NODE_ENV=production); ${SANDBOX_HINT}`);
      problems.push('SLACK_SIGNING_SECRET: is required in production for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    } else if (sandboxFlag === false) {
      problems.push('SLACK_BOT_TOKEN: is required when SANDBOX=false');
    }
    return problems; // no Slack settings at all: the local sandbox (outside production)
  }
  if (cleaned.SLACK_BOT_TOKEN === undefined && !blank.includes('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: is required when any Slack setting is given');
  }
  // HTTP mode verifies every request with the signing secret; Socket Mode needs the app-level token instead.
  if (cleaned.SLACK_APP_TOKEN === undefined && cleaned.SLACK_SIGNING_SECRET === undefined && !blank.includes('SLACK_SIGNING_SECRET') && !blank.includes('SLACK_APP_TOKEN')) {
    problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return problems;
}

/**
 * OAuth (distributable) mode: each workspace's token comes from its installation, so a bot token beside it would be
 * a second, competing source; Socket Mode is refused with it (docs/installations.md#socket-mode) because the install
 * page and the redirect need the HTTP receiver anyway, and the request signature is what authenticates requests.
 * Empty unless some OAuth variable or key is given.
 */
function oauthProblems(cleaned: Record<string, string>, purpose: ConfigPurpose): string[] {
  const trio = OAUTH_TRIO.filter((name) => cleaned[name] !== undefined);
  const keyGiven = cleaned.INSTALLATION_ENCRYPTION_KEY !== undefined;
  const previousGiven = cleaned.INSTALLATION_ENCRYPTION_PREVIOUS_KEYS !== undefined;
  const problems: string[] = [];
  if (previousGiven && !keyGiven) problems.push('INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: needs INSTALLATION_ENCRYPTION_KEY (the key new writes use)');
  if (trio.length === 0) {
    if (keyGiven) problems.push(`INSTALLATION_ENCRYPTION_KEY: is used only in OAuth mode; set ${OAUTH_TRIO.join(', ')} too, or unset it`);
    return problems;
  }
  const together = `OAuth mode needs ${OAUTH_TRIO.join(', ')} together`;
  for (const name of OAUTH_TRIO) if (cleaned[name] === undefined) problems.push(`${name}: is required: ${together} (given: ${trio.join(', ')})`);
  if (!keyGiven) problems.push('INSTALLATION_ENCRYPTION_KEY: is required in OAuth mode (tokens are encrypted at rest; openssl rand -base64 32)');
  if (purpose === 'serve' && cleaned.SLACK_SIGNING_SECRET === undefined) problems.push('SLACK_SIGNING_SECRET: is required in OAuth mode (it verifies every request from every workspace)');
  if (cleaned.SLACK_BOT_TOKEN !== undefined) {
    problems.push(`SLACK_BOT_TOKEN: cannot be combined with OAuth mode (${trio.join(', ')}): each workspace's token comes from its installation; unset one or the other`);
  }
  if (cleaned.SLACK_APP_TOKEN !== undefined) {
    problems.push(`SLACK_APP_TOKEN: Socket Mode cannot be combined with OAuth mode (${trio.join(', ')}): the install page and redirect are served over HTTP; unset SLACK_APP_TOKEN`);
  }
  if (cleaned.SANDBOX !== undefined && ['true', '1', 'yes', 'on'].includes(cleaned.SANDBOX)) {
    problems.push(`SANDBOX: cannot be combined with Slack credentials (${trio.join(', ')}); unset one or the other`);
  }
  return problems;
}

/** Metrics are kept off the port Slack reaches, so they are never published with it by accident. */
function metricsProblems(cleaned: Record<string, string>): string[] {
  const port = cleaned.METRICS_PORT;
  if (port === undefined || Number(port) === 0 || Number(port) !== Number(cleaned.PORT ?? 3000)) return [];
  return ['METRICS_PORT: must differ from PORT (metrics are served on a port of their own, never beside /slack/events)'];
}

export type SlackMode = 'socket' | 'http' | 'sandbox';

export interface Config {
  readonly slack: {
    readonly mode: SlackMode;
    readonly botToken: string | undefined;
    readonly signingSecret: string | undefined;
    readonly appToken: string | undefined;
    readonly apiUrl: string;
    /** OAuth (distributable) mode; undefined in single-workspace mode and the sandbox (docs/installations.md). */
    readonly oauth: { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string } | undefined;
  };
  /** Keys that seal tokens at rest (OAuth mode, and the re-encryption command); undefined otherwise. */
  readonly installations: { readonly encryptionKey: Buffer; readonly previousKeys: readonly Buffer[] } | undefined;
  readonly db: { readonly url: string | undefined; readonly pgliteDir: string };
  /** `hostSet`: HOST came from the environment (the sandbox stays on loopback unless it did). */
  readonly http: { readonly port: number; readonly host: string; readonly hostSet: boolean };
  readonly logLevel: LogLevelName;
  /** `json`: one JSON object per line (production); `text`: one readable line per entry (a terminal). */
  readonly logFormat: LogFormat;
  /** NODE_ENV=production: no sandbox unless asked for, JSON logs by default. */
  readonly production: boolean;
  readonly defaultLocale: Locale;
  readonly reminders: { readonly cron: string; readonly enabled: boolean };
  readonly catalogDir: string;
  /** `GET /metrics` on a port of its own, on HOST (metrics-server.ts); undefined: no metrics endpoint. */
  readonly metrics: { readonly port: number | undefined };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Empty strings count as unset, so `PORT=` falls back to the default. */
export function loadConfig(env: Record<string, string | undefined>, purpose: ConfigPurpose = 'serve'): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const parsed = envSchema.safeParse(cleaned);
  const production = cleaned.NODE_ENV === 'production';
  // Name the variable and the rule, never the value: values may be secrets.
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossFieldProblems(env, cleaned, production, purpose),
    ...metricsProblems(cleaned),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const oauth =
    e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
      ? Object.freeze({ clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET })
      : undefined;
  const mode: SlackMode = e.SLACK_APP_TOKEN ? 'socket' : e.SLACK_BOT_TOKEN || oauth ? 'http' : 'sandbox';
  const apiUrl = e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
  return Object.freeze({
    slack: Object.freeze({
      mode,
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl,
      oauth,
    }),
    installations: e.INSTALLATION_ENCRYPTION_KEY
      ? Object.freeze({ encryptionKey: e.INSTALLATION_ENCRYPTION_KEY, previousKeys: Object.freeze(e.INSTALLATION_ENCRYPTION_PREVIOUS_KEYS ?? []) })
      : undefined,
    db: Object.freeze({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR }),
    http: Object.freeze({ port: e.PORT, host: e.HOST, hostSet: cleaned.HOST !== undefined }),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (production ? 'json' : 'text'),
    production,
    defaultLocale: e.DEFAULT_LOCALE,
    reminders: Object.freeze({ cron: e.REMINDER_CRON, enabled: e.REMINDERS_ENABLED }),
    catalogDir: e.CATALOG_DIR,
    metrics: Object.freeze({ port: e.METRICS_PORT }),
  });
}

/** Loads `.env` (if present) and validates `process.env`. The one place the process environment is read. */
export async function loadConfigFromEnvironment(purpose: ConfigPurpose = 'serve'): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  return loadConfig(process.env, purpose);
}
