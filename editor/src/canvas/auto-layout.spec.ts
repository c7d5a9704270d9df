import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { newBlockNode } from '../store/new-node';
import { autoLayout, LAYER_GAP, ROW_GAP } from './auto-layout';

function node(id: string, type: Parameters<typeof newBlockNode>[0]) {
  return { ...newBlockNode(type, { x: Math.random() * 1000, y: Math.random() * 1000 }), id };
}

describe('autoLayout', () => {
  it('puts each block one layer right of its longest path from the trigger, branches stacked', () => {
    const graph: FlowGraph = {
      ...createEmptyFlow(),
      nodes: [node('end', 'end'), node('c', 'condition'), node('t', 'trigger'), node('yes', 'send_message'), node('no', 'send_message')],
      edges: [
        { id: '1', source: 't', sourceHandle: 'next', target: 'c' },
        { id: '2', source: 'c', sourceHandle: 'true', target: 'yes' },
        { id: '3', source: 'c', sourceHandle: 'false', target: 'no' },
        { id: '4', source: 'yes', sourceHandle: 'next', target: 'end' },
        { id: '5', source: 'no', sourceHandle: 'next', target: 'end' },
      ],
    };
    const positions = autoLayout(graph);
    expect(positions.t).toEqual({ x: 0, y: 0 });
    expect(positions.c).toEqual({ x: LAYER_GAP, y: 0 });
    expect([positions.yes, positions.no]).toEqual([
      { x: 2 * LAYER_GAP, y: -ROW_GAP / 2 },
      { x: 2 * LAYER_GAP, y: ROW_GAP / 2 },
    ]);
    expect(positions.end).toEqual({ x: 3 * LAYER_GAP, y: 0 });
  });

  it('places blocks nothing leads to and blocks on a cycle without looping forever', () => {
    const graph: FlowGraph = {
      ...createEmptyFlow(),
      nodes: [node('t', 'trigger'), node('a', 'send_message'), node('b', 'send_message'), node('loose', 'end')],
      edges: [
        { id: '1', source: 't', sourceHandle: 'next', target: 'a' },
        { id: '2', source: 'a', sourceHandle: 'next', target: 'b' },
        { id: '3', source: 'b', sourceHandle: 'next', target: 'a' },
      ],
    };
    const positions = autoLayout(graph);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'loose', 't']);
    expect(positions.t.x).toBe(0);
    expect(positions.loose.x).toBe(0);
    expect(positions.t.y).not.toBe(positions.loose.y);
  });
});
