import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RefLinkField } from './ref-link-field';

describe('RefLinkField', () => {
  it('shows the ig.me link and its QR code (a PNG) for a valid ref, and neither for an invalid one', async () => {
    const { rerender } = render(<RefLinkField inputProps={{ 'aria-label': 'Link ref' }} value="summer-sale" onChange={vi.fn()} />);
    expect(screen.getByText('https://ig.me/m/<username>?ref=summer-sale')).toBeTruthy();
    const qr = await screen.findByAltText(/^QR code for https:\/\/ig\.me\/m\//);
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(screen.getByRole('link', { name: 'Download QR code (PNG)' }).getAttribute('download')).toBe('ref-summer-sale.png');

    rerender(<RefLinkField inputProps={{ 'aria-label': 'Link ref' }} value="not valid" onChange={vi.fn()} />);
    expect(screen.queryByText(/ig\.me/)).toBeNull();
    // qrcode's first import is slow on a loaded machine; the test's own steps are quick.
  }, 30_000);
});
