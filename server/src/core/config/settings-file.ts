import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** The repository's root, from this file in server/src/core/config or its build in server/dist/core/config. */
export const REPO_ROOT = join(__dirname, '../../../..');

/** The settings file `npm start` and the CLI read (and `npm start` writes a generated ENCRYPTION_KEY into). */
export const ENV_FILE = join(REPO_ROOT, '.env');

/** What a developer machine has without any setting: Postgres and Redis on 127.0.0.1, the built editor. */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dmflow',
  REDIS_URL: 'redis://127.0.0.1:6379',
  META_APP_SECRET: 'change-me-meta-app-secret',
  META_VERIFY_TOKEN: 'change-me-verify-token',
  EDITOR_DIST: join(REPO_ROOT, 'editor/dist'),
};

export interface Settings {
  /** The environment to run with: the process's own variables, then `.env`, then LOCAL_DEFAULTS. */
  env: Record<string, string>;
  /** The variables `.env` set (empty when there is no file). */
  fromFile: Record<string, string>;
}

/**
 * The one settings loader of `npm start` and the CLI. `.env` is parsed with Node's own parser (`util.parseEnv`, the
 * one behind `node --env-file`), so a file that works here works with `node --env-file=.env server/dist/main.js` too.
 * A variable already set in the environment always wins over the file.
 */
export function loadSettings(processEnv: NodeJS.ProcessEnv = process.env, envFile: string = ENV_FILE): Settings {
  const fromFile = existsSync(envFile) ? definedOnly(parseEnv(readFileSync(envFile, 'utf8'))) : {};
  return { env: { ...LOCAL_DEFAULTS, ...fromFile, ...definedOnly(processEnv) }, fromFile };
}

function definedOnly(values: NodeJS.Dict<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
