// class-transformer's @Type reads decorator metadata through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';

export * from './flow/flow-graph';
export * from './flow/flow-problem';
export * from './flow/migrate-flow';
export * from './flow/validate-flow';
export * from './flow/trigger-summary';
export * from './flow/flow-trigger';
export * from './flow/answer-outcomes';
export * from './kernel/block-type';
export * from './kernel/block-definition';
export * from './kernel/config-validation';
export * from './kernel/variable-name';
export * from './blocks';
export * from './kernel/effects';
export * from './kernel/run-context';
export * from './kernel/run-events';
export * from './kernel/webhook-payloads';
export * from './engine/compile-flow';
export * from './engine/run-api';
export * from './kernel/node-entry';
export * from './text/template';
export * from './util/assert-never';
export * from './util/timestamp';
export * from './util/normalize-text';
export * from './fixtures/lead-gen-flow';
