import { FLOW_SCHEMA_VERSION } from './flow-graph';
import { FlowSchemaError, migrateFlow } from './migrate-flow';

describe('migrateFlow', () => {
  it('upgrades a v1 document (config directly in data) to the current version', () => {
    const v1 = {
      schemaVersion: 1,
      nodes: [{ id: 'd', type: 'delay', position: { x: 0, y: 0 }, data: { amount: 2, unit: 'hours' } }],
      edges: [],
    };
    expect(migrateFlow(v1)).toEqual({
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [{ id: 'd', type: 'delay', position: { x: 0, y: 0 }, data: { config: { amount: 2, unit: 'hours' } } }],
      edges: [],
    });
  });

  it('treats a document without a version as v1 and leaves current documents alone', () => {
    expect(migrateFlow({ nodes: [{ id: 'e', type: 'end', position: { x: 0, y: 0 }, data: {} }] }).nodes[0].data).toEqual({ config: {} });
    const current = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [{ id: 'e', type: 'end', position: { x: 1, y: 2 }, data: { config: {}, terminalPorts: [] } }],
      edges: [],
    };
    expect(migrateFlow(current)).toEqual(current);
  });

  it('refuses a document from a newer dmflow', () => {
    expect(() => migrateFlow({ schemaVersion: FLOW_SCHEMA_VERSION + 1 })).toThrow(FlowSchemaError);
  });

  it('turns garbage into an empty flow rather than crashing', () => {
    expect(migrateFlow(null)).toEqual({ schemaVersion: FLOW_SCHEMA_VERSION, nodes: [], edges: [] });
  });
});
