// The fault-injection suite (`npm run test:faults`): long scenarios that break Postgres, Redis, the server and
// its peers while traffic flows. Kept apart from the e2e suites: slower, and each spec owns private servers.
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/faults'],
  testMatch: ['**/*.faults-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 600_000,
};
