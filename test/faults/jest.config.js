const { availableParallelism, loadavg } = require('node:os');

// The fault-injection suite (`npm run test:faults`): long scenarios that break Postgres, Redis, the server and
// its peers while traffic flows. Kept apart from the e2e suites: slower, and each spec owns private servers.
// The backstop timeout stretches with the machine's load when the run starts, like the waits in src/harness/load-scaled.ts.
const loadFactor = Math.min(6, Math.max(1, loadavg()[0] / availableParallelism()));
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/faults'],
  testMatch: ['**/*.faults-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  setupFilesAfterEnv: ['<rootDir>/src/harness/close-operators.ts'],
  testTimeout: Math.round(600_000 * loadFactor),
};
