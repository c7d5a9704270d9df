import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary } from '../api/inbox-api';
import { ConversationControls } from './conversation-controls';
import { threadTimeline } from './thread-timeline';

const conversation = (overrides: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: 'c1',
  contact_id: 'c1',
  username: 'shopper',
  ig_user_id: 'igsid-1',
  tags: [],
  last_message_at: '2026-12-06T10:00:00.000Z',
  last_message_text: 'hi',
  last_direction: 'inbound',
  unread_count: 0,
  status: 'open',
  assignee_user_id: null,
  automation_paused: false,
  automation_paused_until: null,
  handover_pending: false,
  ...overrides,
});

const assignees = [
  { user_id: 'u-me', email: 'me@example.com', role: 'editor' },
  { user_id: 'u-bob', email: 'bob@example.com', role: 'admin' },
];

function actions() {
  return { assign: vi.fn(), setStatus: vi.fn(), pause: vi.fn(), resume: vi.fn() };
}

function renderControls(row: ConversationSummary, canReply = true) {
  const calls = actions();
  render(
    <ConversationControls
      conversation={row}
      assignees={assignees}
      currentUserId="u-me"
      nameOf={(id) => assignees.find((member) => member.user_id === id)?.email ?? 'API'}
      canReply={canReply}
      actions={calls}
    />,
  );
  return calls;
}

describe('ConversationControls', () => {
  afterEach(cleanup);

  it('assigns to a member, to me, and marks done', () => {
    const calls = renderControls(conversation());
    fireEvent.change(screen.getByLabelText('Assigned to'), { target: { value: 'u-bob' } });
    expect(calls.assign).toHaveBeenCalledWith('u-bob');
    fireEvent.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(calls.assign).toHaveBeenCalledWith('u-me');
    expect(screen.queryByRole('button', { name: 'Unassign' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    expect(calls.setStatus).toHaveBeenCalledWith('done');
  });

  it('unassigns and reopens', () => {
    const calls = renderControls(conversation({ assignee_user_id: 'u-me', status: 'done' }));
    expect(screen.queryByRole('button', { name: 'Assign to me' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Unassign' }));
    expect(calls.assign).toHaveBeenCalledWith(null);
    fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(calls.setStatus).toHaveBeenCalledWith('open');
  });

  it('pauses for the chosen time or until resumed', () => {
    const calls = renderControls(conversation());
    fireEvent.click(screen.getByRole('button', { name: 'Pause automation' }));
    expect(calls.pause).toHaveBeenLastCalledWith(60);
    fireEvent.change(screen.getByLabelText('Pause for'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause automation' }));
    expect(calls.pause).toHaveBeenLastCalledWith(null);
  });

  it('resumes, continuing a handed-over flow only when asked', () => {
    const calls = renderControls(conversation({ automation_paused: true, handover_pending: true }));
    expect(screen.getByRole('status').textContent).toBe('Paused until resumed');
    fireEvent.click(screen.getByLabelText('Continue the flow that handed over'));
    fireEvent.click(screen.getByRole('button', { name: 'Resume automation' }));
    expect(calls.resume).toHaveBeenCalledWith(true);
  });

  it('shows a viewer the state without controls', () => {
    renderControls(conversation({ assignee_user_id: 'u-bob' }), false);
    expect(screen.getByText('Assigned to: bob@example.com')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});

describe('threadTimeline', () => {
  it('puts notes among the messages by time', () => {
    const message = (id: string, at: string) => ({
      id,
      direction: 'inbound' as const,
      kind: 'message',
      text: id,
      attachments: [],
      sender: { type: 'contact' as const, flow_id: null, node_id: null, user_id: null },
      tag: null,
      occurred_at: at,
    });
    const entries = threadTimeline(
      [message('m1', '2026-12-06T10:00:00.000Z'), message('m2', '2026-12-06T10:02:00.000Z')],
      [{ id: 'n1', author_user_id: 'u-me', text: 'note', created_at: '2026-12-06T10:01:00.000Z' }],
    );
    expect(entries.map((entry) => (entry.type === 'note' ? entry.note.id : entry.message.id))).toEqual(['m1', 'n1', 'm2']);
  });
});
