// @dmflow/shared/testing: graph builders and fixtures for specs, e2e suites and benchmarks; never imported by runtime code.
export * from './graph-builder';
export * from './lead-gen-flow.fixture';
export * from './run-context.fixture';
export * from './migrated-template';
