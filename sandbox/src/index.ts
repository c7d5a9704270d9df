export * from './graph-api/graph-api-sandbox';
export * from './graph-api/graph-sandbox-client';
export * from './graph-api/failures';
export * from './graph-api/meta-errors';
export * from './graph-api/scripted-answers';
export * from './webhooks/meta-webhook-events';
export * from './webhooks/meta-webhook-sender';
export * from './webhooks/webhook-control';
export type { SandboxMedia, SandboxProfile } from './graph-api/graph-api-routes';
