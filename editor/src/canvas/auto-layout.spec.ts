import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { newBlockNode } from '../store/new-node';
import { autoLayout, BLOCK_WIDTH, estimatedHeight, needsLayout, overlaps, withLayoutIfNeeded } from './auto-layout';

function node(id: string, type: Parameters<typeof newBlockNode>[0], position = { x: 0, y: 0 }) {
  return { ...newBlockNode(type, position), id };
}

function boxes(graph: FlowGraph, positions: ReturnType<typeof autoLayout>) {
  return graph.nodes.map((n) => ({ ...positions[n.id], width: BLOCK_WIDTH, height: estimatedHeight(n) }));
}

const branching: FlowGraph = {
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

describe('autoLayout (dagre)', () => {
  it('lays a flow out left to right from the trigger, branches in the order of the exits, nothing overlapping', () => {
    const positions = autoLayout(branching);
    expect(positions.t).toEqual({ x: 0, y: expect.any(Number) });
    expect(positions.c.x).toBeGreaterThan(positions.t.x + BLOCK_WIDTH);
    expect(positions.yes.x).toBe(positions.no.x);
    expect(positions.yes.x).toBeGreaterThan(positions.c.x + BLOCK_WIDTH);
    expect(positions.yes.y).toBeLessThan(positions.no.y);
    expect(positions.end.x).toBeGreaterThan(positions.yes.x + BLOCK_WIDTH);
    const laid = boxes(branching, positions);
    expect(laid.some((a, i) => laid.slice(i + 1).some((b) => overlaps(a, b)))).toBe(false);
  });

  it('places blocks nothing leads to and blocks on a cycle', () => {
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
    const laid = boxes(graph, positions);
    expect(laid.some((a, i) => laid.slice(i + 1).some((b) => overlaps(a, b)))).toBe(false);
  });

  it('copes with sibling branches of different lengths', () => {
    const graph: FlowGraph = {
      ...branching,
      edges: [
        { id: '1', source: 't', sourceHandle: 'next', target: 'c' },
        { id: '2', source: 'c', sourceHandle: 'true', target: 'end' },
        { id: '3', source: 'c', sourceHandle: 'false', target: 'no' },
        { id: '5', source: 'no', sourceHandle: 'next', target: 'end' },
        { id: '6', source: 'yes', sourceHandle: 'next', target: 'c' },
      ],
    };
    const positions = autoLayout(graph);
    const laid = boxes(graph, positions);
    expect(laid.some((a, i) => laid.slice(i + 1).some((b) => overlaps(a, b)))).toBe(false);
  });

  it('lays out a flow opened without positions, and leaves a laid-out one alone', () => {
    expect(needsLayout(branching)).toBe(true);
    const laid = withLayoutIfNeeded(branching);
    expect(needsLayout(laid)).toBe(false);
    expect(withLayoutIfNeeded(laid)).toBe(laid);
  });
});
