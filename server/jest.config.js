// NestJS 12 ships as ES modules only: Jest loads them through Node's require(esm), which its module system
// supports from Node 24.9 with --experimental-vm-modules (the `test` script sets it).
if (typeof require('node:vm').SourceTextModule?.prototype.hasAsyncGraph !== 'function') {
  throw new Error(
    `Server specs need Node >= 24.9 started with --experimental-vm-modules (this is ${process.version}): run them with \`npm test\`.`,
  );
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.integration-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  // Integration specs migrate a fresh database in beforeAll and wait up to 15 s for queued work.
  testTimeout: 60000,
};
