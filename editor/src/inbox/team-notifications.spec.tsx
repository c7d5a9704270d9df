import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamNotification } from '../api/inbox-api';
import { TeamNotifications } from './team-notifications';

const notification = (overrides: Partial<TeamNotification> = {}): TeamNotification => ({
  id: 'n1',
  text: 'Lead asks about pricing',
  contact_id: 'c1',
  created_at: '2026-12-06T10:00:00.000Z',
  read_at: null,
  ...overrides,
});

describe('team notifications in the inbox', () => {
  afterEach(cleanup);

  it('shows the unread count and each notification, linking to its conversation', () => {
    const onOpen = vi.fn();
    const onDismiss = vi.fn();
    const first = notification();
    const orphan = notification({ id: 'n2', text: 'Contact gone', contact_id: null });
    render(<TeamNotifications notifications={[first, orphan]} onOpen={onOpen} onDismiss={onDismiss} />);
    const region = screen.getByRole('region', { name: /Notifications/ });
    expect(within(region).getByLabelText('2 unread notifications').textContent).toBe('2');
    const items = within(region).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.inbox-notification-text')?.textContent)).toEqual([
      'Lead asks about pricing',
      'Contact gone',
    ]);
    fireEvent.click(within(items[0]).getByRole('button', { name: 'Open conversation' }));
    expect(onOpen).toHaveBeenCalledWith(first);
    // A notification whose contact was deleted has nothing to open, only to mark read.
    expect(within(items[1]).queryByRole('button', { name: 'Open conversation' })).toBeNull();
    fireEvent.click(within(items[1]).getByRole('button', { name: 'Mark read' }));
    expect(onDismiss).toHaveBeenCalledWith(orphan);
  });

  it('says when there is nothing new', () => {
    render(<TeamNotifications notifications={[]} onOpen={vi.fn()} onDismiss={vi.fn()} />);
    expect(screen.getByText('No new notifications.')).toBeTruthy();
    expect(screen.queryByLabelText(/unread notifications/)).toBeNull();
  });
});
