import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { newBlockNode } from '../store/new-node';
import { BLOCK_WIDTH, estimatedHeight, overlaps } from './auto-layout';
import { firstFreePort, placeBeside } from './placement';

const at = (id: string, type: Parameters<typeof newBlockNode>[0], x: number, y: number) => ({ ...newBlockNode(type, { x, y }), id });

describe('placing a block added from the palette', () => {
  it('finds the first exit that leads nowhere', () => {
    const question = at('q', 'question', 0, 0);
    const graph: FlowGraph = { ...createEmptyFlow(), nodes: [question, at('e', 'end', 300, 0)], edges: [] };
    expect(firstFreePort(graph, question)).toBe('answered');
    const connected = { ...graph, edges: [{ id: 'x', source: 'q', sourceHandle: 'answered', target: 'e' }] };
    expect(firstFreePort(connected, question)).toBe('invalid');
    const ended = { ...connected, nodes: [{ ...question, data: { ...question.data, terminalPorts: ['invalid'] } }] };
    expect(firstFreePort(ended, ended.nodes[0])).toBeNull();
  });

  it('goes to the right of the anchor, and never on top of another block', () => {
    const anchor = at('q', 'question', 0, 0);
    const newcomer = at('n', 'send_message', 0, 0);
    const free: FlowGraph = { ...createEmptyFlow(), nodes: [anchor], edges: [] };
    expect(placeBeside(free, anchor, newcomer, 'answered')).toEqual({ x: BLOCK_WIDTH + 80, y: 0 });

    // A Tag already sits exactly where the new block would go (the review's stacked blocks).
    const tag = at('t', 'tag', BLOCK_WIDTH + 80, 0);
    const busy: FlowGraph = { ...free, nodes: [anchor, tag] };
    const spot = placeBeside(busy, anchor, newcomer, 'answered');
    expect(spot.x).toBe(BLOCK_WIDTH + 80);
    expect(
      overlaps(
        { ...spot, width: BLOCK_WIDTH, height: estimatedHeight(newcomer) },
        { ...tag.position, width: BLOCK_WIDTH, height: estimatedHeight(tag) },
      ),
    ).toBe(false);
  });
});
