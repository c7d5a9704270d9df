import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { applyFlowAction } from './apply-flow-action';
import { addAfter, insertOnEdge } from './link-new-block';
import { newBlockNode } from './new-node';

const at = (id: string, type: Parameters<typeof newBlockNode>[0], x = 0, y = 0) => ({ ...newBlockNode(type, { x, y }), id });

describe('linking a new block', () => {
  it('links a palette block from the selected block’s first free exit, in one step', () => {
    const graph: FlowGraph = { ...createEmptyFlow(), nodes: [at('t', 'trigger')], edges: [] };
    const action = addAfter(graph, graph.nodes[0], 'send_message');
    const next = applyFlowAction(graph, action);
    expect(next.nodes.map((node) => node.type)).toEqual(['trigger', 'send_message']);
    expect(next.edges).toEqual([expect.objectContaining({ source: 't', sourceHandle: 'next', target: action.node.id })]);
    expect(action.node.position.x).toBeGreaterThan(0);
  });

  it('only places the block when the selected block has no free exit, or the new block is a trigger', () => {
    const graph: FlowGraph = {
      ...createEmptyFlow(),
      nodes: [at('t', 'trigger'), at('e', 'end', 300)],
      edges: [{ id: 'x', source: 't', sourceHandle: 'next', target: 'e' }],
    };
    expect(addAfter(graph, graph.nodes[0], 'tag').type).toBe('add_node');
    expect(addAfter({ ...graph, edges: [] }, graph.nodes[0], 'trigger').type).toBe('add_node');
  });

  it('splits a link when a block is dropped on it', () => {
    const graph: FlowGraph = {
      ...createEmptyFlow(),
      nodes: [at('t', 'trigger'), at('e', 'end', 300)],
      edges: [{ id: 'x', source: 't', sourceHandle: 'next', target: 'e' }],
    };
    const action = insertOnEdge(graph, 'x', 'tag', { x: 150, y: 0 });
    const next = applyFlowAction(graph, action);
    const id = action.node.id;
    expect(next.edges.map((edge) => [edge.source, edge.sourceHandle, edge.target])).toEqual([
      ['t', 'next', id],
      [id, 'next', 'e'],
    ]);
    // Dropped right between the two blocks, it moves to free canvas.
    expect(action.node.position.y).not.toBe(0);
    // An End cannot sit in the middle of a link: it is only added.
    expect(insertOnEdge(graph, 'x', 'end', { x: 0, y: 0 }).type).toBe('add_node');
  });
});
