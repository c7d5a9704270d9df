const { availableParallelism, loadavg } = require('node:os');

// A test's time limit is a backstop (each wait inside fails first with its own message): it stretches with the
// machine's load when the run starts, like the waits in src/harness/load-scaled.ts.
const loadFactor = Math.min(6, Math.max(1, loadavg()[0] / availableParallelism()));

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  setupFilesAfterEnv: ['<rootDir>/src/harness/close-operators.ts'],
  testTimeout: Math.round(180_000 * loadFactor),
};
