import type { InstagramAccountView } from '@dmflow/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';
import { InstagramConnections } from './instagram-connections';

const account = (overrides: Partial<InstagramAccountView>): InstagramAccountView => ({
  id: 'a1',
  ig_user_id: '17841400000000001',
  username: 'sunrise.bakery',
  profile_picture_url: 'https://cdn.example/p.jpg',
  status: 'connected',
  needs_reconnect_reason: null,
  has_access_token: true,
  token_expires_at: null,
  time_zone: 'UTC',
  locale: 'en-US',
  connected_at: '2026-12-01T00:00:00.000Z',
  created_at: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

function fakeApi(accounts: InstagramAccountView[]) {
  return {
    list: vi.fn().mockResolvedValue(accounts),
    startLogin: vi.fn().mockResolvedValue({ authorize_url: 'https://www.instagram.com/oauth/authorize?state=s', expires_at: '' }),
    disconnect: vi.fn(),
  };
}

describe('InstagramConnections', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('lists accounts with their status, and a Reconnect button only where one is needed', async () => {
    const api = fakeApi([
      account({}),
      account({
        id: 'a2',
        username: 'moved.shop',
        status: 'needs_reconnect',
        needs_reconnect_reason: 'connected_elsewhere',
        has_access_token: false,
      }),
    ]);
    render(<InstagramConnections api={api as unknown as InstagramAccountsApi} />);
    expect(await screen.findByText('@sunrise.bakery')).toBeTruthy();
    expect(screen.getByText('Connected')).toBeTruthy();
    expect(screen.getByText('Needs reconnect')).toBeTruthy();
    expect(screen.getByText(/another workspace/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /Reconnect/ })).toHaveLength(1);
    expect(screen.queryByText(/npm run cli/)).toBeNull();
  });

  it('"Connect Instagram" and "Reconnect" send the browser to the authorize URL the server answers', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign, search: '' });
    const api = fakeApi([account({ status: 'needs_reconnect', needs_reconnect_reason: 'token_refresh_refused' })]);
    render(<InstagramConnections api={api as unknown as InstagramAccountsApi} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reconnect @sunrise.bakery' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://www.instagram.com/oauth/authorize?state=s'));
    expect(api.startLogin).toHaveBeenCalledTimes(1);
  });

  it('explains what the callback sent back', async () => {
    window.history.replaceState(null, '', '/connect?instagram_error=state_invalid');
    render(<InstagramConnections api={fakeApi([]) as unknown as InstagramAccountsApi} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be matched to your session/);
    expect(await screen.findByText('No Instagram account is connected yet.')).toBeTruthy();
  });
});
