import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { createHistory, flowHistoryReducer, type FlowHistory } from './flow-history';
import { newBlockNode } from './new-node';

function edit(history: FlowHistory, ...actions: Parameters<typeof flowHistoryReducer>[1][]): FlowHistory {
  return actions.reduce(flowHistoryReducer, history);
}

function twoBlocks(): FlowGraph {
  const trigger = { ...newBlockNode('trigger', { x: 0, y: 0 }), id: 't' };
  const message = { ...newBlockNode('send_message', { x: 300, y: 0 }), id: 'm' };
  return { ...createEmptyFlow(), nodes: [trigger, message] };
}

describe('flow document history', () => {
  it('adds a block with the catalogue defaults as plain JSON, the texts the author writes left empty for their example', () => {
    const node = newBlockNode('send_message', { x: 10, y: 20 });
    const history = edit(createHistory(createEmptyFlow()), { type: 'edit', action: { type: 'add_node', node } });
    expect(history.present.nodes).toEqual([node]);
    expect(node.data.config).toEqual({ kind: 'text', text: '', buttons: [], cards: [], quickReplies: [], branchOnReply: false });
    expect(Object.getPrototypeOf(node.data.config)).toBe(Object.prototype);
  });

  it('undoes and redoes every edit, and a new edit forgets the redo branch', () => {
    let history = createHistory(twoBlocks());
    const start = history.present;
    history = edit(history, {
      type: 'edit',
      action: { type: 'connect', edge: { id: 'e1', source: 't', sourceHandle: 'next', target: 'm' } },
    });
    const connected = history.present;
    history = edit(history, { type: 'edit', action: { type: 'rename_node', nodeId: 'm', title: 'Welcome' } });
    expect(history.present.nodes[1].data.title).toBe('Welcome');

    history = edit(history, { type: 'undo' }, { type: 'undo' });
    expect(history.present).toBe(start);
    history = edit(history, { type: 'undo' });
    expect(history.present).toBe(start);
    history = edit(history, { type: 'redo' });
    expect(history.present).toBe(connected);
    expect(history.future).toHaveLength(1);

    history = edit(history, { type: 'edit', action: { type: 'move_nodes', positions: { m: { x: 5, y: 5 } } } });
    expect(history.future).toEqual([]);
    expect(history.past).toEqual([start, connected]);
  });

  it('records nothing for an edit that changes nothing (a drag that ends where it started)', () => {
    const history = createHistory(twoBlocks());
    const after = edit(history, { type: 'edit', action: { type: 'move_nodes', positions: { t: { x: 0, y: 0 } } } });
    expect(after).toBe(history);
  });

  it('moves a connection when a port is connected again, and clears its "ends the flow" mark', () => {
    let history = createHistory({ ...twoBlocks(), nodes: [...twoBlocks().nodes, { ...newBlockNode('end', { x: 600, y: 0 }), id: 'x' }] });
    history = edit(
      history,
      { type: 'edit', action: { type: 'set_terminal_port', nodeId: 't', portId: 'next', terminal: true } },
      { type: 'edit', action: { type: 'connect', edge: { id: 'e1', source: 't', sourceHandle: 'next', target: 'm' } } },
      { type: 'edit', action: { type: 'connect', edge: { id: 'e2', source: 't', sourceHandle: 'next', target: 'x' } } },
    );
    expect(history.present.edges).toEqual([{ id: 'e2', source: 't', sourceHandle: 'next', target: 'x' }]);
    expect(history.present.nodes[0].data.terminalPorts).toEqual([]);
  });

  it('removing a block removes the connections touching it', () => {
    let history = createHistory(twoBlocks());
    history = edit(
      history,
      { type: 'edit', action: { type: 'connect', edge: { id: 'e1', source: 't', sourceHandle: 'next', target: 'm' } } },
      { type: 'edit', action: { type: 'remove_elements', nodeIds: ['m'], edgeIds: [] } },
    );
    expect(history.present.nodes.map((node) => node.id)).toEqual(['t']);
    expect(history.present.edges).toEqual([]);
  });

  it('makes typing in one field a single undo step, and a different field a new one', () => {
    const start = createHistory(twoBlocks());
    const typed = ['H', 'He', 'Hey'].reduce(
      (history, text) =>
        flowHistoryReducer(history, {
          type: 'edit',
          action: { type: 'update_config', nodeId: 'm', config: { kind: 'text', text } },
          mergeKey: 'm:text',
        }),
      start,
    );
    expect(typed.present.nodes[1].data.config.text).toBe('Hey');
    expect(typed.past).toHaveLength(1);
    const renamed = flowHistoryReducer(typed, {
      type: 'edit',
      action: { type: 'rename_node', nodeId: 'm', title: 'Hi' },
      mergeKey: 'm:title',
    });
    expect(renamed.past).toHaveLength(2);
    const undone = edit(renamed, { type: 'undo' }, { type: 'undo' });
    expect(undone.present).toBe(start.present);
    // After an undo, typing again starts a new step instead of rewriting the one undone.
    const again = flowHistoryReducer(edit(typed, { type: 'undo' }, { type: 'redo' }), {
      type: 'edit',
      action: { type: 'update_config', nodeId: 'm', config: { kind: 'text', text: 'Hey!' } },
      mergeKey: 'm:text',
    });
    expect(again.past).toHaveLength(2);
  });

  it('refuses a connection from a block to itself', () => {
    const history = createHistory(twoBlocks());
    expect(
      edit(history, { type: 'edit', action: { type: 'connect', edge: { id: 'e', source: 'm', sourceHandle: 'next', target: 'm' } } }),
    ).toBe(history);
  });
});
