import { createEmptyFlow } from '@dmflow/shared';
import { leadGenFlow } from '@dmflow/shared/testing';
import { DomainError } from '../../core/errors/domain-error';
import { cases } from '../../../test/support/table-test';
import { readFlowDocument } from './flow-document';

function refusal(document: Record<string, unknown>): string {
  try {
    readFlowDocument(document);
  } catch (error) {
    if (error instanceof DomainError) return `${error.status} ${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('readFlowDocument', () => {
  it('accepts a valid graph and an empty one unchanged', () => {
    expect(readFlowDocument(leadGenFlow() as unknown as Record<string, unknown>)).toEqual(leadGenFlow());
    expect(readFlowDocument(createEmptyFlow() as unknown as Record<string, unknown>)).toEqual(createEmptyFlow());
  });

  it('upgrades a v1 document (config directly in data)', () => {
    const graph = readFlowDocument({ nodes: [{ id: 'e', type: 'end', position: { x: 0, y: 0 }, data: {} }], edges: [] });
    expect(graph.nodes[0].data).toEqual({ config: {} });
    expect(graph.schemaVersion).toBe(2);
  });

  cases<[string, Record<string, unknown>, string]>(
    [
      ['nodes not an array', { schemaVersion: 2, nodes: 'x', edges: [] }, '400 invalid_flow_document: draft.nodes must be an array'],
      [
        'a node without position',
        { schemaVersion: 2, nodes: [{ id: 'a', type: 'end', data: { config: {} } }], edges: [] },
        '400 invalid_flow_document: draft.nodes[0].position needs numeric x and y',
      ],
      [
        'an edge without a port',
        { schemaVersion: 2, nodes: [], edges: [{ id: 'e', source: 'a', target: 'b' }] },
        '400 invalid_flow_document: draft.edges[0] needs string id, source, sourceHandle and target',
      ],
      [
        'a newer schema',
        { schemaVersion: 99, nodes: [], edges: [] },
        '400 invalid_flow_document: flow schema version 99 is newer than this dmflow (2)',
      ],
    ],
    (what) => `refuses ${what} with 400 invalid_flow_document`,
    (_what, document, expected) => expect(refusal(document)).toBe(expected),
  );
});
