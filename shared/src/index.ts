export * from './flow/flow-graph';
export * from './text/template';
