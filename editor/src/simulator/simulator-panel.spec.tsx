import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testBlock as block } from '../testing/test-block';
import { ApiClient } from '../api/api-client';
import { FlowsApi } from '../api/flows-api';
import { SimulatorPanel } from './simulator-panel';

const graph: FlowGraph = {
  ...createEmptyFlow(),
  nodes: [
    block('trigger', 'trigger', { source: 'dm_keyword', keywords: ['menu'] }),
    block('pick', 'question', {
      questionType: 'choice',
      text: 'Pick one',
      variable: 'pick',
      choices: [
        { id: 'a', title: 'Apples', payload: 'A' },
        { id: 'b', title: 'Pears', payload: 'B' },
      ],
    }),
    block('thanks', 'send_message', { text: 'You picked {{pick}}' }),
    block('end', 'end'),
  ],
  edges: [
    { id: '1', source: 'trigger', sourceHandle: 'next', target: 'pick' },
    { id: '2', source: 'pick', sourceHandle: 'choice:a', target: 'thanks' },
    { id: '3', source: 'pick', sourceHandle: 'choice:b', target: 'thanks' },
    { id: '4', source: 'pick', sourceHandle: 'invalid', target: 'end' },
    { id: '5', source: 'thanks', sourceHandle: 'next', target: 'end' },
  ],
};

// Rendered outside a session: the test send (which needs the server) is not shown.
const noServer = { flowsApi: new FlowsApi(new ApiClient()), flowId: 'flow-1' };

describe('the simulator panel', () => {
  afterEach(cleanup);

  it('shows the conversation, reports the active block, and answers through quick replies', () => {
    const active: (string | null)[] = [];
    render(<SimulatorPanel graph={graph} onActiveNodeChange={(nodeId) => active.push(nodeId)} onClose={() => undefined} {...noServer} />);
    expect(screen.getByText('menu')).toBeTruthy();
    expect(screen.getByText('Pick one')).toBeTruthy();
    expect(active[active.length - 1]).toBe('pick');

    fireEvent.click(screen.getByRole('button', { name: 'Pears' }));
    expect(screen.getByText('You picked Pears')).toBeTruthy();
    expect(screen.getByText('Flow completed.')).toBeTruthy();
    expect(active[active.length - 1]).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Message as the contact').disabled).toBe(true);
  });

  it('restarts with the comment text the author types, and says when it would not start the flow', () => {
    render(<SimulatorPanel graph={graph} onActiveNodeChange={() => undefined} onClose={() => undefined} {...noServer} />);
    const text = screen.getByLabelText<HTMLInputElement>('Message text');
    expect(text.value).toBe('menu');
    fireEvent.change(text, { target: { value: 'hello there' } });
    expect(screen.getByText(/has none of the trigger's keywords/)).toBeTruthy();
    fireEvent.change(text, { target: { value: 'the MENU please' } });
    expect(screen.getByText('Pick one')).toBeTruthy();
  });

  it('lists what to fix when the flow cannot run', () => {
    render(<SimulatorPanel graph={createEmptyFlow()} onActiveNodeChange={() => undefined} onClose={() => undefined} {...noServer} />);
    expect(screen.getByRole('alert').textContent).toContain('the flow has no trigger');
  });
});
