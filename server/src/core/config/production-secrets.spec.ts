import { randomBytes } from 'node:crypto';
import { checkSecrets, secretProblems } from './production-secrets';

const real = {
  META_APP_SECRET: randomBytes(16).toString('hex'),
  META_VERIFY_TOKEN: randomBytes(12).toString('hex'),
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
};

describe('production secrets', () => {
  it('accepts real-looking secrets in production', () => {
    expect(checkSecrets({ ...real, NODE_ENV: 'production' })).toEqual([]);
  });

  it.each([
    ['META_APP_SECRET', { META_APP_SECRET: undefined }, 'is not set'],
    ['META_APP_SECRET', { META_APP_SECRET: 'change-me-meta-app-secret' }, 'is an example value'],
    ['META_VERIFY_TOKEN', { META_VERIFY_TOKEN: ' ' }, 'is not set'],
    ['META_VERIFY_TOKEN', { META_VERIFY_TOKEN: 'change-me-verify-token' }, 'is an example value'],
    ['ENCRYPTION_KEY', { ENCRYPTION_KEY: '0'.repeat(64) }, 'is weak'],
    ['ENCRYPTION_KEY', { ENCRYPTION_KEY: 'ab'.repeat(32) }, 'is weak'],
    ['ENCRYPTION_KEY', { ENCRYPTION_KEY: 'abcdef' }, 'is weak'],
  ])('refuses %s in production (%j), naming it', (variable, override, problem) => {
    const env = { ...real, NODE_ENV: 'production', ...override };
    expect(() => checkSecrets(env)).toThrow(`Invalid configuration: ${variable} ${problem}`);
  });

  it('only reports them outside production, so npm start can warn and go on', () => {
    const problems = checkSecrets({ ...real, META_APP_SECRET: 'change-me-meta-app-secret', ENCRYPTION_KEY: '0'.repeat(64) });
    expect(problems.map((problem) => problem.variable)).toEqual(['META_APP_SECRET', 'ENCRYPTION_KEY']);
    expect(secretProblems(real)).toEqual([]);
  });
});
