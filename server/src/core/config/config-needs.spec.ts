import { ConfigError, loadConfig } from './config';

const CLI_ENV = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dmflow', ENCRYPTION_KEY: 'b'.repeat(64) };

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with needs', () => {
  it('gives a command that needs only Postgres and the key its config without PORT, REDIS_URL or META_APP_SECRET', () => {
    const config = loadConfig(CLI_ENV, { need: ['DATABASE_URL', 'ENCRYPTION_KEY'] });
    expect(config.databaseUrl).toBe(CLI_ENV.DATABASE_URL);
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.role).toBe('all');
  });

  it('still refuses a needed setting at load, with the usual message', () => {
    expect(errorOf(() => loadConfig({ DATABASE_URL: CLI_ENV.DATABASE_URL }, { need: ['DATABASE_URL', 'ENCRYPTION_KEY'] }))).toContain(
      'ENCRYPTION_KEY is not set',
    );
  });

  it('names a setting that was not needed when something reads it anyway', () => {
    const config = loadConfig(CLI_ENV, { need: ['DATABASE_URL', 'ENCRYPTION_KEY'] });
    expect(errorOf(() => config.redisUrl)).toContain('REDIS_URL is not set');
    expect(errorOf(() => loadConfig({ ...CLI_ENV, PORT: 'abc' }, { need: [] }).port)).toContain('PORT must be a whole number');
  });

  it('reads an unneeded setting that is set', () => {
    expect(loadConfig({ ...CLI_ENV, PORT: '8080' }, { need: ['DATABASE_URL'] }).port).toBe(8080);
  });
});
