import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './app';

describe('App', () => {
  afterEach(() => localStorage.clear());

  it('asks for the API key first, with the API URL defaulting to this origin', () => {
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Connect to dmflow' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('API URL').value).toBe('');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Connect' }).disabled).toBe(true);
  });
});
