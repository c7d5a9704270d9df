import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_DEFAULTS, loadSettings } from './settings-file';

describe('loadSettings (npm start and the CLI)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'dmflow-settings-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('takes the environment over .env, and .env over the local defaults', () => {
    const envFile = join(folder, '.env');
    writeFileSync(envFile, '# a comment\nPORT=4000\nDATABASE_URL="postgres://file@127.0.0.1/db"\nexport LOG_LEVEL=debug\n');
    const { env, fromFile } = loadSettings({ PORT: '5000' }, envFile);
    expect(fromFile).toEqual({ PORT: '4000', DATABASE_URL: 'postgres://file@127.0.0.1/db', LOG_LEVEL: 'debug' });
    expect(env).toMatchObject({ PORT: '5000', DATABASE_URL: 'postgres://file@127.0.0.1/db', LOG_LEVEL: 'debug' });
    expect(env.REDIS_URL).toBe(LOCAL_DEFAULTS.REDIS_URL);
  });

  it('works without a .env file', () => {
    const { env, fromFile } = loadSettings({}, join(folder, 'missing.env'));
    expect(fromFile).toEqual({});
    expect(env).toEqual(LOCAL_DEFAULTS);
  });
});
