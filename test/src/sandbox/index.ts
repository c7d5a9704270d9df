export * from './graph-api/graph-api-sandbox';
export * from './graph-api/graph-sandbox-client';
export * from './graph-api/failures';
export * from './graph-api/meta-errors';
