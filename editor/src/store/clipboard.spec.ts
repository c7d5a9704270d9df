import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { applyFlowAction } from './apply-flow-action';
import { copyFragment, prepareFragmentForPaste } from './clipboard';
import { newBlockNode } from './new-node';

const graph: FlowGraph = {
  ...createEmptyFlow(),
  nodes: [
    { ...newBlockNode('trigger', { x: 0, y: 0 }), id: 't' },
    { ...newBlockNode('send_message', { x: 300, y: 0 }), id: 'm' },
    { ...newBlockNode('end', { x: 600, y: 0 }), id: 'e' },
  ],
  edges: [
    { id: 'tm', source: 't', sourceHandle: 'next', target: 'm' },
    { id: 'me', source: 'm', sourceHandle: 'next', target: 'e' },
  ],
};

describe('copy and paste', () => {
  it('copies the selected blocks with only the connections inside the selection', () => {
    const fragment = copyFragment(graph, new Set(['m', 'e']));
    expect(fragment.nodes.map((node) => node.id)).toEqual(['m', 'e']);
    expect(fragment.edges.map((edge) => edge.id)).toEqual(['me']);
  });

  it('pastes with fresh ids, rewired connections and an offset that grows with each paste', () => {
    const fragment = copyFragment(graph, new Set(['m', 'e']));
    const first = prepareFragmentForPaste(fragment, 1);
    const second = prepareFragmentForPaste(fragment, 2);
    const ids = [...first.nodes, ...second.nodes].map((node) => node.id);
    expect(new Set([...ids, 't', 'm', 'e']).size).toBe(ids.length + 3);
    expect(first.edges).toEqual([{ id: first.edges[0].id, source: first.nodes[0].id, sourceHandle: 'next', target: first.nodes[1].id }]);
    expect(first.nodes[0].position).toEqual({ x: 340, y: 40 });
    expect(second.nodes[0].position).toEqual({ x: 380, y: 80 });

    const pasted = applyFlowAction(graph, { type: 'paste', ...first });
    expect(pasted.nodes).toHaveLength(5);
    expect(pasted.edges).toHaveLength(3);
    // Editing the copy never touches the original's config.
    (pasted.nodes[3].data.config as { text: string }).text = 'changed';
    expect(graph.nodes[1].data.config.text).toBe('');
  });
});
