import { upgradeLegacyAiReplies } from '../blocks/ai-reply/legacy-ai-reply';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from './flow-graph';

type StoredDocument = Record<string, unknown> & { schemaVersion?: number };
type Migration = (document: StoredDocument) => StoredDocument;

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Each entry upgrades a document from version N to N + 1. Published versions are frozen in the database
 * in their original form; they are upgraded when read, never rewritten.
 */
const MIGRATIONS: Record<number, Migration> = {
  // v1 kept a node's config directly in `data` and had no terminal ports; v2 nests it under `data.config`.
  1: (document) => ({
    ...document,
    schemaVersion: 2,
    nodes: (Array.isArray(document.nodes) ? document.nodes : []).map((node) => {
      const record = asRecord(node);
      const data = asRecord(record.data);
      return 'config' in data ? record : { ...record, data: { config: data } };
    }),
  }),
};

export class FlowSchemaError extends Error {}

/** Upgrades a stored flow document step by step to FLOW_SCHEMA_VERSION. A document without a version is v1. */
export function migrateFlow(stored: unknown): FlowGraph {
  let document: StoredDocument = { ...asRecord(stored) };
  let version = typeof document.schemaVersion === 'number' ? document.schemaVersion : 1;
  if (version > FLOW_SCHEMA_VERSION)
    throw new FlowSchemaError(`flow schema version ${version} is newer than this dmflow (${FLOW_SCHEMA_VERSION})`);
  while (version < FLOW_SCHEMA_VERSION) {
    document = MIGRATIONS[version]({ ...document, schemaVersion: version });
    version += 1;
  }
  const { nodes, edges } = upgradeLegacyAiReplies(
    Array.isArray(document.nodes) ? (document.nodes as FlowGraph['nodes']) : [],
    Array.isArray(document.edges) ? (document.edges as FlowGraph['edges']) : [],
  );
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes, edges };
}
