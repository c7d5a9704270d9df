import { FLOW_SCHEMA_VERSION } from './flow-graph';
import { FlowSchemaError, migrateFlow } from './migrate-flow';
import { validateFlow } from './validate-flow';

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
  it('reads a first-generation AI reply (keyword list, local provider, one exit) as the current block, which validates', () => {
    const legacy = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        {
          id: 't',
          type: 'trigger',
          position: { x: 0, y: 0 },
          data: { config: { source: 'dm_keyword', keywords: ['help'], keywordMatch: 'any' } },
        },
        {
          id: 'ai',
          type: 'ai_reply',
          position: { x: 0, y: 100 },
          data: {
            config: {
              provider: 'local',
              instructions: 'Be brief.',
              knowledge: [{ keywords: ['price', 'cost'], answer: 'From $10.' }],
              fallback: 'A person will answer soon.',
              saveAs: 'answer',
            },
          },
        },
        { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: { config: {} } },
      ],
      edges: [
        { id: 'e1', source: 't', sourceHandle: 'next', target: 'ai' },
        { id: 'e2', source: 'ai', sourceHandle: 'next', target: 'end' },
      ],
    };
    const upgraded = migrateFlow(legacy);
    expect(upgraded.nodes[1].data.config).toEqual({
      instructions: 'Be brief.\nWhen you cannot answer, say: A person will answer soon.',
      knowledge: 'price, cost: From $10.',
      historyMessages: 6,
      readVariables: [],
      maxLength: 640,
      saveAs: 'answer',
    });
    expect(upgraded.edges[1]).toMatchObject({ source: 'ai', sourceHandle: 'replied', target: 'end' });
    expect(validateFlow(upgraded).errors.filter((problem) => problem.nodeId === 'ai' && problem.field !== undefined)).toEqual([]);
  });
});
