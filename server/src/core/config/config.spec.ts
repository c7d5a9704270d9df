import { cases } from '../../../test/support/table-test';
import { ConfigError, loadConfig } from './config';

const valid = {
  PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dmflow',
  REDIS_URL: 'redis://127.0.0.1:6379',
  META_APP_SECRET: 'app-secret-123',
  ENCRYPTION_KEY: 'a'.repeat(64),
};

function problemWith(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('accepts a complete environment and applies defaults', () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.role).toBe('all');
    expect(config.queuePrefix).toBe('dmflow');
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.flowsAllowPrivateUrls).toBe(false);
    expect(config.retentionDays).toBe(30);
    expect(config.smtp).toBeNull();
  });

  it('reads SMTP for team notification emails, with a From address by default', () => {
    expect(loadConfig({ ...valid, SMTP_URL: 'smtp://u:p@mail.example.com:587' }).smtp).toEqual({
      url: 'smtp://u:p@mail.example.com:587',
      from: 'dmflow <notifications@mail.example.com>',
    });
    expect(loadConfig({ ...valid, SMTP_URL: 'smtps://mail.example.com', SMTP_FROM: 'Shop <team@shop.example>' }).smtp?.from).toBe(
      'Shop <team@shop.example>',
    );
    expect(problemWith({ ...valid, SMTP_URL: 'https://mail.example.com' })).toContain('SMTP_URL must start with smtp:// or smtps://');
  });

  cases(
    [
      ['DATABASE_URL', undefined, 'DATABASE_URL is not set'],
      ['DATABASE_URL', 'mysql://x@y/z', 'DATABASE_URL must start with postgres:// or postgresql://'],
      ['DATABASE_URL', 'not a url', 'DATABASE_URL is not a valid URL'],
      ['REDIS_URL', undefined, 'REDIS_URL is not set'],
      ['REDIS_URL', 'http://localhost', 'REDIS_URL must start with redis://'],
      ['PORT', undefined, 'PORT is not set'],
      ['PORT', 'abc', 'PORT must be a whole number'],
      ['PORT', '70000', 'PORT must be a whole number'],
      ['META_APP_SECRET', undefined, 'META_APP_SECRET is not set'],
      ['META_APP_SECRET', 'short', 'META_APP_SECRET must be at least 8 characters'],
      ['ENCRYPTION_KEY', 'abc', 'ENCRYPTION_KEY must be 64 hex characters'],
      ['ROLE', 'boss', 'ROLE must be one of all, api, worker'],
      ['BODY_LIMIT', 'huge', 'BODY_LIMIT must be a size'],
      ['WEBHOOKS_ALLOW_PRIVATE_URLS', 'yes', 'WEBHOOKS_ALLOW_PRIVATE_URLS must be one of true, false'],
      ['WEBHOOKS_RETRY_BASE_DELAY_MS', '0', 'WEBHOOKS_RETRY_BASE_DELAY_MS must be a whole number above 0'],
      ['FLOWS_ALLOW_PRIVATE_URLS', '1', 'FLOWS_ALLOW_PRIVATE_URLS must be one of true, false'],
      ['RETENTION_DAYS', '1', 'RETENTION_DAYS must be at least 2'],
      ['RETENTION_DAYS', 'forever', 'RETENTION_DAYS must be a whole number above 0'],
    ] as Array<[string, string | undefined, string]>,
    (variable, value) => `names ${variable} when it is ${value}`,
    (variable, value, expected) => {
      expect(problemWith({ ...valid, [variable]: value })).toContain(expected);
    },
  );

  it('parses body limits with units', () => {
    expect(loadConfig({ ...valid, BODY_LIMIT: '512kb' }).bodyLimitBytes).toBe(512 * 1024);
    expect(loadConfig({ ...valid, BODY_LIMIT: '2mb' }).bodyLimitBytes).toBe(2 * 1024 * 1024);
  });

  it('defaults webhook delivery to private URLs refused and retries over three days', () => {
    expect(loadConfig(valid).webhooks).toEqual({
      allowPrivateUrls: false,
      retryBaseDelayMs: 30_000,
      maxRetryDelayMs: 4 * 60 * 60 * 1000,
      retryWindowMs: 3 * 24 * 60 * 60 * 1000,
      pollIntervalMs: 500,
      concurrency: 16,
    });
    expect(loadConfig({ ...valid, WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_RETRY_BASE_DELAY_MS: '200' }).webhooks).toMatchObject({
      allowPrivateUrls: true,
      retryBaseDelayMs: 200,
    });
  });
});
