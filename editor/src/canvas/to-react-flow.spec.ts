import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { toReactFlow } from './to-react-flow';

describe('toReactFlow', () => {
  it('derives nothing from an empty flow', () => {
    expect(toReactFlow(createEmptyFlow())).toEqual({ nodes: [], edges: [] });
  });

  it('maps document nodes and edges one to one, with selection, problems and the active node', () => {
    const flow: FlowGraph = {
      ...createEmptyFlow(),
      nodes: [
        { id: 'a', type: 'trigger', position: { x: 0, y: 0 }, data: { config: { keywords: ['hi'] } } },
        { id: 'b', type: 'end', position: { x: 200, y: 0 }, data: { config: {} } },
      ],
      edges: [{ id: 'e1', source: 'a', sourceHandle: 'next', target: 'b' }],
    };
    const { nodes, edges } = toReactFlow(flow, {
      selectedNodeIds: new Set(['b']),
      problemsByNode: new Map([['a', ['no keyword']]]),
      activeNodeId: 'b',
    });
    expect(nodes.map((n) => [n.id, n.data.node.type, n.position.x, n.selected, n.data.problems, n.data.active])).toEqual([
      ['a', 'trigger', 0, false, ['no keyword'], false],
      ['b', 'end', 200, true, [], true],
    ]);
    expect(edges).toEqual([
      { id: 'e1', source: 'a', sourceHandle: 'next', target: 'b', selected: false, ariaLabel: 'Trigger, exit Next, to End' },
    ]);
  });
});
