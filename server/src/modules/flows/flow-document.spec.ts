import { BLOCKS, createEmptyFlow, validateFlow } from '@dmflow/shared';
import { leadGenFlow } from '@dmflow/shared/testing';
import { DomainError } from '../../core/errors/domain-error';
import { cases } from '../../../test/support/table-test';
import { readFlowDocument } from './flow-document';

const LIMITS = { nodesPerFlow: 3, edgesPerFlow: 2 };

function refusal(document: Record<string, unknown>): string {
  try {
    readFlowDocument(document, LIMITS);
  } catch (error) {
    if (error instanceof DomainError) return `${error.status} ${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('readFlowDocument', () => {
  it('accepts a valid graph and an empty one unchanged', () => {
    expect(readFlowDocument(leadGenFlow() as unknown as Record<string, unknown>, { nodesPerFlow: 500, edgesPerFlow: 1000 })).toEqual(
      leadGenFlow(),
    );
    expect(readFlowDocument(createEmptyFlow() as unknown as Record<string, unknown>, LIMITS)).toEqual(createEmptyFlow());
  });

  it("gives a block's omitted settings the catalogue's defaults, as the editor does (POST /v1/flows, MCP)", () => {
    const question = {
      id: 'q',
      type: 'question',
      position: { x: 0, y: 0 },
      data: { config: { questionType: 'email', variable: 'email' } },
    };
    const [read] = readFlowDocument({ schemaVersion: 2, nodes: [question], edges: [] }, LIMITS).nodes;
    expect(read.data.config).toEqual({
      ...JSON.parse(JSON.stringify(BLOCKS.question.defaults())),
      questionType: 'email',
      variable: 'email',
    });
    expect(
      validateFlow({ schemaVersion: 2, nodes: [read], edges: [] }).errors.filter((problem) => problem.field === 'maxAttempts'),
    ).toEqual([]);
  });

  it('upgrades a v1 document (config directly in data)', () => {
    const graph = readFlowDocument({ nodes: [{ id: 'e', type: 'end', position: { x: 0, y: 0 }, data: {} }], edges: [] }, LIMITS);
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

  it('refuses more blocks or connections than the limits with 413 flow_too_large, before looking inside them', () => {
    const node = { id: 'a', type: 'end', position: { x: 0, y: 0 }, data: { config: {} } };
    const edge = { id: 'e', source: 'a', sourceHandle: 'next', target: 'a' };
    expect(refusal({ schemaVersion: 2, nodes: [node, node, node, node], edges: [] })).toBe(
      '413 flow_too_large: a flow has at most 3 blocks (this one has 4)',
    );
    expect(refusal({ schemaVersion: 2, nodes: [], edges: [edge, edge, edge] })).toBe(
      '413 flow_too_large: a flow has at most 2 connections (this one has 3)',
    );
  });
});
