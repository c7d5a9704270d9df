import { createEmptyFlow, type FlowGraph, validateFlow } from '@dmflow/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useEffect, useReducer } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createHistory, flowHistoryReducer } from '../store/flow-history';
import { newBlockNode } from '../store/new-node';
import { Inspector } from './inspector';

const question = { ...newBlockNode('question', { x: 0, y: 0 }), id: 'ask' };
const saver = {
  ...newBlockNode('set_variable', { x: 0, y: 0 }),
  id: 'set',
  data: { config: { ...newBlockNode('set_variable', { x: 0, y: 0 }).data.config, variable: 'city' } },
};
const start: FlowGraph = { ...createEmptyFlow(), nodes: [question, saver] };
let latest: FlowGraph = start;

function Harness({ nodeId, showProblems = false }: { nodeId: string; showProblems?: boolean }) {
  const [history, dispatch] = useReducer(flowHistoryReducer, start, createHistory);
  // Exposes the document to the assertions once React has committed the render, not during it.
  useEffect(() => {
    latest = history.present;
  }, [history.present]);
  const node = history.present.nodes.find((candidate) => candidate.id === nodeId) ?? null;
  const problems = showProblems ? validateFlow(history.present).errors : [];
  return (
    <Inspector
      graph={history.present}
      node={node}
      problems={problems}
      dispatch={(action, mergeKey) => dispatch({ type: 'edit', action, mergeKey })}
    />
  );
}

describe('the inspector', () => {
  afterEach(cleanup);

  it('renders the question form from the catalogue and edits the document through actions', () => {
    render(<Harness nodeId="ask" />);
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: 'Your email?' } });
    fireEvent.change(screen.getByLabelText('Save answer to variable'), { target: { value: 'email' } });
    expect(latest.nodes[0].data.config).toMatchObject({ text: 'Your email?', variable: 'email' });
    expect(screen.queryByText('Multiple choice', { selector: 'legend' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Answer type'), { target: { value: 'choice' } });
    expect(latest.nodes[0].data.config.questionType).toBe('choice');
    const choicesBefore = (latest.nodes[0].data.config.choices as unknown[]).length;
    fireEvent.click(screen.getByRole('button', { name: /^Add / }));
    expect((latest.nodes[0].data.config.choices as unknown[]).length).toBe(choicesBefore + 1);
  });

  it('inserts {{variable}} placeholders the flow defines at the cursor', () => {
    render(<Harness nodeId="ask" />);
    const text = screen.getByLabelText<HTMLTextAreaElement>('Question');
    fireEvent.change(text, { target: { value: 'Hi !' } });
    text.setSelectionRange(3, 3);
    fireEvent.click(screen.getByRole('button', { name: '{x} Insert a variable into Question' }));
    const menu = screen.getByRole('listbox', { name: 'Variables' });
    expect(
      within(menu)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(expect.arrayContaining(['{{city}}', '{{contact.username}}']));
    fireEvent.click(within(menu).getByRole('option', { name: '{{contact.username}}' }));
    expect(latest.nodes[0].data.config.text).toBe('Hi {{contact.username}}!');
  });

  it("shows validateFlow's problems beside the field they are about", () => {
    render(<Harness nodeId="ask" showProblems />);
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: '' } });
    const textField = screen.getByLabelText('Question').closest('.field') as HTMLElement;
    expect(within(textField).getByRole('alert').textContent).toMatch(/text/);
    expect(screen.getByLabelText('Question').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: 'Back again?' } });
    expect(within(screen.getByLabelText('Question').closest('.field') as HTMLElement).queryByRole('alert')).toBeNull();
  });

  it('deletes the block it shows', () => {
    render(<Harness nodeId="set" />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete block' }));
    expect(latest.nodes.map((node) => node.id)).toEqual(['ask']);
  });

  it('connects an exit to another block, or marks it as ending the flow, from the keyboard', () => {
    render(<Harness nodeId="ask" />);
    fireEvent.change(screen.getByLabelText('Answered →'), { target: { value: 'set' } });
    expect(latest.edges).toEqual([expect.objectContaining({ source: 'ask', sourceHandle: 'answered', target: 'set' })]);
    fireEvent.change(screen.getByLabelText('Answered →'), { target: { value: '$end' } });
    expect(latest.edges).toEqual([]);
    expect(latest.nodes[0].data.terminalPorts).toEqual(['answered']);
  });
});
