import type { FlowSummaryView, MessengerProfileView } from '@dmflow/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';
import { MessengerProfileEditor } from './messenger-profile-editor';

const FLOW = '3f0c1a52-8d1e-4c1b-9a2e-5b7e2f1d9c11';
const flows = [{ id: FLOW, name: 'Prices' }] as FlowSummaryView[];
const empty: MessengerProfileView = { instagram_account_id: 'a1', ice_breakers: [], menu: [], pushed_at: null };

function fakeApi() {
  return {
    messengerProfile: vi.fn().mockResolvedValue(empty),
    saveMessengerProfile: vi
      .fn()
      .mockImplementation((_id: string, profile: MessengerProfileView) =>
        Promise.resolve({ ...empty, ...profile, pushed_at: '2026-12-06T12:00:00.000Z' }),
      ),
  };
}

describe('MessengerProfileEditor', () => {
  afterEach(cleanup);

  it('adds a starter with its flow and saves it for the account', async () => {
    const api = fakeApi();
    render(<MessengerProfileEditor api={api as unknown as InstagramAccountsApi} instagramAccountId="a1" username="shop" flows={flows} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a starter' }));
    fireEvent.change(screen.getByLabelText('Starter 1 question'), { target: { value: 'What are your prices?' } });
    fireEvent.change(screen.getByLabelText('Starter 1 flow'), { target: { value: FLOW } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and push to Instagram' }));
    await waitFor(() =>
      expect(api.saveMessengerProfile).toHaveBeenCalledWith('a1', {
        ice_breakers: [{ question: 'What are your prices?', flow_id: FLOW }],
        menu: [],
      }),
    );
    expect(await screen.findByText('Saved: Instagram shows them now.')).toBeTruthy();
  });

  it('says what is missing before calling the server, and offers no fifth starter', async () => {
    const api = fakeApi();
    render(<MessengerProfileEditor api={api as unknown as InstagramAccountsApi} instagramAccountId="a1" username="shop" flows={flows} />);
    const add = await screen.findByRole('button', { name: 'Add a starter' });
    for (let i = 0; i < 4; i++) fireEvent.click(add);
    expect((add as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Save and push to Instagram' }));
    expect((await screen.findByRole('alert')).textContent).toContain('choose the flow this question starts');
    expect(api.saveMessengerProfile).not.toHaveBeenCalled();
  });
});
