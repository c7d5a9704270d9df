import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Palette } from '../../palette/palette';
import { newBlockNode } from '../../store/new-node';
import { inspectorHarness } from '../../testing/inspector-harness';

const notify = { ...newBlockNode('notify_team', { x: 0, y: 0 }), id: 'notify' };
const start: FlowGraph = { ...createEmptyFlow(), nodes: [notify] };

describe('the Notify the team block in the editor', () => {
  afterEach(cleanup);

  it('is in the palette under Integrations, with its readable name', () => {
    const onAdd = vi.fn();
    render(<Palette onAdd={onAdd} />);
    const integrations = screen.getByRole('heading', { name: 'Integrations' }).closest('section') as HTMLElement;
    fireEvent.click(within(integrations).getByRole('button', { name: /Notify the team/ }));
    expect(onAdd).toHaveBeenCalledWith('notify_team');
  });

  it('edits whom to notify with labelled fields, showing roles only when notifying by role', () => {
    const { Harness, latest } = inspectorHarness(start);
    render(<Harness nodeId="notify" />);
    expect(screen.getByLabelText('Message for the team')).toBeTruthy();
    expect(screen.getByLabelText('Also email them')).toBeTruthy();
    expect(screen.getByLabelText('Slack webhook URL (optional)')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Roles' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Notify in the inbox'), { target: { value: 'roles' } });
    fireEvent.click(within(screen.getByRole('group', { name: 'Roles' })).getByLabelText('Admins'));
    fireEvent.change(screen.getByLabelText('Slack webhook URL (optional)'), { target: { value: 'https://hooks.slack.com/services/x' } });
    expect(latest().nodes[0].data.config).toMatchObject({
      recipients: 'roles',
      roles: ['admin'],
      slackWebhookUrl: 'https://hooks.slack.com/services/x',
    });
  });
});
