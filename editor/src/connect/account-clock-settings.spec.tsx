import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountClockSettings } from './account-clock-settings';

const account = { id: 'a1', username: 'shop', time_zone: 'UTC', locale: 'en-US' };

function fakeApi() {
  return {
    update: vi
      .fn()
      .mockImplementation((_id: string, settings: { time_zone: string; locale: string }) =>
        Promise.resolve({ ...account, time_zone: settings.time_zone, locale: settings.locale === 'en-gb' ? 'en-GB' : settings.locale }),
      ),
  };
}

describe('AccountClockSettings', () => {
  afterEach(cleanup);

  it('saves the time zone and locale for the account, showing the stored form', async () => {
    const api = fakeApi();
    render(<AccountClockSettings api={api} account={account} />);
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/London' } });
    fireEvent.change(screen.getByLabelText('Locale'), { target: { value: 'en-gb' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save time zone and locale' }));
    await waitFor(() => expect(api.update).toHaveBeenCalledWith('a1', { time_zone: 'Europe/London', locale: 'en-gb' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Locale').value).toBe('en-GB');
  });

  it('refuses an unknown zone before calling the server', async () => {
    const api = fakeApi();
    render(<AccountClockSettings api={api} account={account} />);
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'CET+1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save time zone and locale' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is not a time zone');
    expect(api.update).not.toHaveBeenCalled();
  });
});
