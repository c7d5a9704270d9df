// class-transformer's @Type reads decorator metadata through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';

export * from './flow/flow-graph';
export * from './flow/flow-problem';
export * from './flow/migrate-flow';
export * from './flow/validate-flow';
export * from './flow/trigger-summary';
export * from './flow/flow-trigger';
export * from './flow/answer-outcomes';
export * from './blocks';
export * from './engine/effects';
export * from './engine/run-context';
export * from './engine/run-events';
export * from './engine/webhook-payloads';
export * from './engine/compile-flow';
export * from './engine/run-api';
export * from './engine/node-entry';
export * from './text/template';
export * from './util/assert-never';
export * from './util/timestamp';
export * from './util/normalize-text';
export * from './util/http-header-field';
export * from './api/views';
export * from './fixtures/lead-gen-flow';
