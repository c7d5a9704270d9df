import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectorHarness } from '../../testing/inspector-harness';
import { fastForward, sendText, startSimulation } from '../../simulator/simulator-driver';
import { newBlockNode } from '../../store/new-node';
import { testBlock as block } from '../../testing/test-block';

const start: FlowGraph = {
  ...createEmptyFlow(),
  nodes: [
    { ...newBlockNode('delay', { x: 0, y: 0 }), id: 'wait' },
    { ...newBlockNode('question', { x: 0, y: 0 }), id: 'ask' },
  ],
};
const { Harness, latest } = inspectorHarness(start);

const config = (id: string) => latest().nodes.find((node) => node.id === id)?.data.config ?? {};

describe('smart delay and richer question settings', () => {
  afterEach(cleanup);

  it('switches the delay to business hours, with Mon–Fri 09:00–17:00 filled in, and edits the days', () => {
    render(<Harness nodeId="wait" />);
    expect(screen.queryByRole('group', { name: 'On these days' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Wait'), { target: { value: 'window' } });
    const days = screen.getByRole('group', { name: 'On these days' });
    expect(within(days).getByLabelText('Sat')).toHaveProperty('checked', false);
    fireEvent.click(within(days).getByLabelText('Sat'));
    fireEvent.click(within(days).getByLabelText('Mon'));
    fireEvent.change(screen.getByLabelText('Until (HH:MM, 24-hour)'), { target: { value: '18:30' } });
    expect(config('wait')).toMatchObject({
      mode: 'window',
      days: ['tue', 'wed', 'thu', 'fri', 'sat'],
      windowStart: '09:00',
      windowEnd: '18:30',
    });
    expect(screen.queryByLabelText('Wait for')).toBeNull();
  });

  it('offers the date-variable mode with its variable and offset', () => {
    render(<Harness nodeId="wait" />);
    fireEvent.change(screen.getByLabelText('Wait'), { target: { value: 'until_date' } });
    fireEvent.change(screen.getByLabelText('Date variable'), { target: { value: 'appointment' } });
    fireEvent.change(screen.getByLabelText('Plus (negative: before)'), { target: { value: '-1' } });
    expect(config('wait')).toMatchObject({ mode: 'until_date', dateVariable: 'appointment', offsetAmount: -1, offsetUnit: 'days' });
  });

  it('lists the new answer types with readable labels', () => {
    render(<Harness nodeId="ask" />);
    const types = within(screen.getByLabelText('Answer type'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(types).toEqual(
      expect.arrayContaining(['Date (in the account’s locale)', 'Web address (URL)', 'File (sent in the DM)', 'Image (sent in the DM)']),
    );
  });
});

describe('the preview of a smart delay', () => {
  const flow = (delay: Record<string, unknown>): FlowGraph => ({
    ...createEmptyFlow(),
    nodes: [
      block('trigger', 'trigger', { source: 'dm_keyword', keywords: ['hi'] }),
      block('ask', 'question', { questionType: 'date', text: 'When?', variable: 'when' }),
      block('wait', 'delay', delay),
      block('done', 'send_message', { text: 'Done {{when}}' }),
      block('end', 'end'),
    ],
    edges: [
      { id: '1', source: 'trigger', sourceHandle: 'next', target: 'ask' },
      { id: '2', source: 'ask', sourceHandle: 'answered', target: 'wait' },
      { id: '3', source: 'wait', sourceHandle: 'next', target: 'done' },
      { id: '4', source: 'done', sourceHandle: 'next', target: 'end' },
      { id: '5', source: 'ask', sourceHandle: 'invalid', target: 'end' },
      ...(delay.mode === 'until_date' ? [{ id: '6', source: 'wait', sourceHandle: 'error', target: 'end' }] : []),
    ],
  });
  const account = { timeZone: 'America/New_York', locale: 'en-GB' };
  const businessHours = { mode: 'window', days: ['mon', 'tue', 'wed', 'thu', 'fri'], windowStart: '09:00', windowEnd: '17:00' };

  it('waits for the next opening in the account’s zone, and skipping the wait lands on it', () => {
    // Friday 18:00 in New York.
    let simulation = startSimulation(flow(businessHours), { startedAt: new Date('2026-06-12T22:00:00Z'), account });
    expect(simulation.problems).toEqual([]);
    simulation = sendText(simulation, '12/03/2026');
    expect(simulation.bubbles.at(-1)?.text).toBe('Waiting 3 d (until 2026-06-15 13:00 UTC)…');
    simulation = fastForward(simulation);
    expect(new Date(simulation.clock).toISOString()).toBe('2026-06-15T13:00:00.000Z');
    expect(simulation.bubbles.some((bubble) => bubble.text === 'Done 2026-03-12')).toBe(true);
  });

  it('goes straight on for a date variable in the past', () => {
    let simulation = startSimulation(flow({ mode: 'until_date', dateVariable: 'when' }), {
      startedAt: new Date('2026-06-12T22:00:00Z'),
      account,
    });
    simulation = sendText(simulation, '01/02/2020');
    expect(simulation.status).toBe('done');
    expect(simulation.bubbles.some((bubble) => bubble.text === 'Done 2020-02-01')).toBe(true);
  });
});
