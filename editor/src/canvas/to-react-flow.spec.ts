import { createEmptyFlow } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { toReactFlow } from './to-react-flow';

describe('toReactFlow', () => {
  it('derives nothing from an empty flow', () => {
    expect(toReactFlow(createEmptyFlow())).toEqual({ nodes: [], edges: [] });
  });

  it('maps document nodes and edges one to one, keeping port handles', () => {
    const flow = {
      ...createEmptyFlow(),
      nodes: [
        { id: 'a', type: 'trigger', position: { x: 0, y: 0 }, data: { config: { keywords: ['hi'] } } },
        { id: 'b', type: 'end', position: { x: 200, y: 0 }, data: { config: {} } },
      ],
      edges: [{ id: 'e1', source: 'a', sourceHandle: 'next', target: 'b' }],
    };
    const { nodes, edges } = toReactFlow(flow);
    expect(nodes.map((n) => [n.id, n.type, n.position.x])).toEqual([
      ['a', 'trigger', 0],
      ['b', 'end', 200],
    ]);
    expect(edges).toEqual([{ id: 'e1', source: 'a', sourceHandle: 'next', target: 'b' }]);
  });
});
