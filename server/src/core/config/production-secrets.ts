import { ConfigError } from './config';

type Env = Record<string, string | undefined>;

/** Values shipped in .env.example, docker-compose.yml and `npm start`'s defaults: public, so never secrets. */
const EXAMPLE_VALUE = /^(change-?me|example|your[-_ ])/i;

function isExample(value: string): boolean {
  return EXAMPLE_VALUE.test(value);
}

/** All one repeated digit (64 zeros), or fewer than 8 distinct hex characters: an example, not 32 random bytes. */
function isWeakEncryptionKey(hex: string): boolean {
  return !/^[0-9a-fA-F]{64}$/.test(hex) || new Set(hex.toLowerCase()).size < 8;
}

export interface SecretProblem {
  variable: string;
  problem: string;
}

/** What is wrong with the secrets in `env` for a real deployment; empty when nothing is. */
export function secretProblems(env: Env): SecretProblem[] {
  const problems: SecretProblem[] = [];
  const appSecret = env.META_APP_SECRET?.trim();
  if (!appSecret) problems.push({ variable: 'META_APP_SECRET', problem: 'is not set' });
  else if (isExample(appSecret)) problems.push({ variable: 'META_APP_SECRET', problem: `is an example value ("${appSecret}")` });
  const verifyToken = env.META_VERIFY_TOKEN?.trim();
  if (!verifyToken) problems.push({ variable: 'META_VERIFY_TOKEN', problem: 'is not set' });
  else if (isExample(verifyToken)) problems.push({ variable: 'META_VERIFY_TOKEN', problem: `is an example value ("${verifyToken}")` });
  const key = env.ENCRYPTION_KEY?.trim();
  if (!key) problems.push({ variable: 'ENCRYPTION_KEY', problem: 'is not set' });
  else if (isWeakEncryptionKey(key))
    problems.push({
      variable: 'ENCRYPTION_KEY',
      problem: 'is weak (all zeros, too short or too regular): generate one with `openssl rand -hex 32`',
    });
  return problems;
}

export function isProduction(env: Env): boolean {
  return env.NODE_ENV?.trim() === 'production';
}

/**
 * With NODE_ENV=production the server refuses example or weak secrets, naming the first variable at fault;
 * otherwise it returns the problems so the caller can warn loudly that it runs with development secrets.
 */
export function checkSecrets(env: Env): SecretProblem[] {
  const problems = secretProblems(env);
  if (isProduction(env) && problems.length) throw new ConfigError(problems[0].variable, `${problems[0].problem} (NODE_ENV=production)`);
  return problems;
}
