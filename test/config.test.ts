import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('applies defaults and runs in sandbox mode with no Slack settings', () => {
    const config = loadConfig({});
    expect(config.slack.mode).toBe('sandbox');
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.db.url).toBeUndefined();
    expect(config.db.pgliteDir).toBe('.data/pglite');
    expect(config.http.port).toBe(3000);
    expect(config.defaultLocale).toBe('en');
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config) && Object.isFrozen(config.slack)).toBe(true);
  });

  it('treats empty values as unset, so defaults still apply', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '  ', SLACK_BOT_TOKEN: '', DEFAULT_LOCALE: '' });
    expect(config.http.port).toBe(3000);
    expect(config.db.url).toBeUndefined();
    expect(config.slack.mode).toBe('sandbox');
  });

  it('picks HTTP mode with a bot token and signing secret, Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12345678' }).slack.mode).toBe('http');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('parses booleans honestly: "false" is false', () => {
    expect(loadConfig({ REMINDERS_ENABLED: 'false' }).reminders.enabled).toBe(false);
    expect(loadConfig({ REMINDERS_ENABLED: '0' }).reminders.enabled).toBe(false);
    expect(loadConfig({ REMINDERS_ENABLED: 'true' }).reminders.enabled).toBe(true);
    expect(() => loadConfig({ REMINDERS_ENABLED: 'maybe' })).toThrow(/REMINDERS_ENABLED/);
  });

  it('adds the trailing slash the Web API client expects to SLACK_API_URL', () => {
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9999/api' }).slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('reports every problem at once, by variable name, without echoing values', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxp-secret-user-token', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DEFAULT_LOCALE: 'fr' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'SLACK_BOT_TOKEN', 'DATABASE_URL', 'LOG_LEVEL', 'DEFAULT_LOCALE', 'SLACK_SIGNING_SECRET']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('xoxp-secret-user-token');
  });

  it('requires a bot token once any Slack setting is given', () => {
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'abcdefgh12345678' })).toThrow(/SLACK_BOT_TOKEN/);
  });

  describe('never the sandbox by accident', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      return 'no problems';
    };

    it('in production, blank or whitespace credentials stop start-up naming the variables (HOST=0.0.0.0 changes nothing)', () => {
      // Before: blank values counted as unset, so this started the unauthenticated sandbox on every interface.
      const production = { NODE_ENV: 'production', HOST: '0.0.0.0' };
      expect(problemsOf({ ...production, SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '' })).toMatch(/SLACK_BOT_TOKEN: is required in production[\s\S]*SLACK_SIGNING_SECRET/);
      expect(problemsOf({ ...production, SLACK_BOT_TOKEN: '   ', SLACK_SIGNING_SECRET: ' \t ' })).toMatch(/SLACK_BOT_TOKEN: is blank[\s\S]*SLACK_SIGNING_SECRET: is blank/);
      expect(problemsOf(production)).toMatch(/SLACK_BOT_TOKEN: is required in production.*SANDBOX=true/);
    });

    it('outside production, credentials of only spaces are a mistake, not "no credentials"', () => {
      expect(problemsOf({ SLACK_BOT_TOKEN: '   ' })).toMatch(/SLACK_BOT_TOKEN: is blank/);
      expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '' }).slack.mode).toBe('sandbox');
    });

    it('SANDBOX=true runs the sandbox in production on purpose; it cannot be combined with credentials', () => {
      expect(loadConfig({ NODE_ENV: 'production', SANDBOX: 'true' }).slack.mode).toBe('sandbox');
      expect(problemsOf({ SANDBOX: 'true', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12345678' })).toMatch(/SANDBOX: cannot be combined/);
      expect(problemsOf({ SANDBOX: 'false' })).toMatch(/SLACK_BOT_TOKEN: is required when SANDBOX=false/);
    });

    it('production with credentials runs in HTTP mode', () => {
      expect(loadConfig({ NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12345678' }).slack.mode).toBe('http');
    });
  });

  it('logs JSON in production and readable text elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}).logFormat).toBe('text');
    expect(loadConfig({ NODE_ENV: 'production', SANDBOX: 'true' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', SANDBOX: 'true', LOG_FORMAT: 'text' }).logFormat).toBe('text');
  });

  it('serves metrics only when METRICS_PORT is set, and never on the port Slack reaches', () => {
    expect(loadConfig({}).metrics.port).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics.port).toBe(9464);
    expect(loadConfig({ PORT: '8080', METRICS_PORT: '3000' }).metrics.port).toBe(3000);
    expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ PORT: '8080', METRICS_PORT: '8080' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT: must be a number/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });

  describe('OAuth (distributable) mode', () => {
    const KEY = Buffer.alloc(32, 7).toString('base64');
    const OLD = Buffer.alloc(32, 9).toString('base64');
    const OAUTH = {
      SLACK_CLIENT_ID: '1234567890.0987654321',
      SLACK_CLIENT_SECRET: 'client-secret-0123456789abcdef',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
      SLACK_SIGNING_SECRET: 'abcdefgh12345678',
      INSTALLATION_ENCRYPTION_KEY: KEY,
    };
    const problemsOf = (env: Record<string, string>, purpose?: 'serve' | 'send' | 'installations') => {
      try {
        loadConfig(env, purpose);
        return '';
      } catch (error) {
        return (error as ConfigError).message;
      }
    };

    it('the client id, client secret, state secret and encryption key switch the app to OAuth over HTTP', () => {
      const config = loadConfig({ ...OAUTH, INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: ` ${OLD} ,` });
      expect(config.slack.mode).toBe('http');
      expect(config.slack.botToken).toBeUndefined();
      expect(config.slack.oauth).toEqual({ clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET });
      expect(config.installations?.encryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
      expect(config.installations?.previousKeys.map((k) => k.toString('base64'))).toEqual([OLD]);
      // Single-workspace mode and the sandbox are unchanged.
      expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12345678' }).slack.oauth).toBeUndefined();
      expect(loadConfig({}).installations).toBeUndefined();
    });

    it('refuses part of the trio, naming what is missing and what was given', () => {
      const message = problemsOf({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: 'abcdefgh12345678', INSTALLATION_ENCRYPTION_KEY: KEY });
      expect(message).toContain('SLACK_CLIENT_SECRET: is required: OAuth mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET together (given: SLACK_CLIENT_ID)');
      expect(message).toContain('SLACK_STATE_SECRET: is required');
      expect(message).not.toContain('SLACK_BOT_TOKEN');
    });

    it('refuses OAuth with a bot token, with an app token, without the key or without the signing secret, all at once', () => {
      const { SLACK_SIGNING_SECRET: _s, INSTALLATION_ENCRYPTION_KEY: _k, ...bare } = OAUTH;
      const message = problemsOf({ ...bare, SLACK_BOT_TOKEN: 'xoxb-secret-value', SLACK_APP_TOKEN: 'xapp-1' });
      expect(message).toContain('INSTALLATION_ENCRYPTION_KEY: is required in OAuth mode');
      expect(message).toContain('SLACK_SIGNING_SECRET: is required in OAuth mode');
      expect(message).toMatch(/SLACK_BOT_TOKEN: cannot be combined with OAuth mode \(SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET\)/);
      expect(message).toContain('SLACK_APP_TOKEN: Socket Mode cannot be combined with OAuth mode');
      expect(message).not.toContain('xoxb-secret-value');
      expect(problemsOf({ ...OAUTH, SANDBOX: 'true' })).toContain('SANDBOX: cannot be combined');
    });

    it('checks the keys: 32 bytes of base64, previous keys only beside a current one, and the key only with OAuth', () => {
      expect(problemsOf({ ...OAUTH, INSTALLATION_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toContain('INSTALLATION_ENCRYPTION_KEY: must be 32 bytes in base64');
      expect(problemsOf({ ...OAUTH, INSTALLATION_ENCRYPTION_KEY: 'not base64 at all!' })).toContain('INSTALLATION_ENCRYPTION_KEY: must be 32 bytes in base64');
      expect(problemsOf({ ...OAUTH, INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: `${OLD},short` })).toContain('INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: must be a comma-separated list of keys');
      expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12345678', INSTALLATION_ENCRYPTION_KEY: KEY })).toContain('INSTALLATION_ENCRYPTION_KEY: is used only in OAuth mode');
      expect(problemsOf({ INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: OLD })).toContain('INSTALLATION_ENCRYPTION_PREVIOUS_KEYS: needs INSTALLATION_ENCRYPTION_KEY');
      expect(problemsOf({ ...OAUTH, SLACK_CLIENT_ID: 'abc' })).toContain('SLACK_CLIENT_ID: looks wrong');
    });

    it('the scheduler CLI sends in OAuth mode without a bot token; re-encryption needs only the key', () => {
      const { SLACK_SIGNING_SECRET: _s, ...sending } = OAUTH;
      expect(loadConfig(sending, 'send').slack.oauth).toBeDefined();
      expect(loadConfig({ INSTALLATION_ENCRYPTION_KEY: KEY }, 'installations').installations).toBeDefined();
      expect(problemsOf({}, 'installations')).toContain('INSTALLATION_ENCRYPTION_KEY: is required to read and re-encrypt installations');
    });
  });
});
