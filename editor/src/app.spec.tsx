import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './app';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The server as the editor finds it: no session, and whether the owner still has to be created. */
function serverWithoutSession(setupNeeded: boolean) {
  const fetchMock = vi.fn((input: RequestInfo | URL, _init?: RequestInit) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    if (path === '/v1/auth/session')
      return Promise.resolve(answer(401, { error: { code: 'missing_api_key', message: 'Missing API key' } }));
    if (path === '/v1/auth/setup') return Promise.resolve(answer(200, { needed: setupNeeded, signed_in: false }));
    return Promise.resolve(answer(404, { error: { code: 'not_found', message: 'Not found' } }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('App', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the owner account on an empty install', async () => {
    serverWithoutSession(true);
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Create the owner account' })).toBeTruthy();
    expect(screen.getByLabelText('Workspace name')).toBeTruthy();
  });

  it('asks to sign in otherwise, never for an API key, and keeps nothing in the browser storage', async () => {
    const fetchMock = serverWithoutSession(false);
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Sign in to dmflow' })).toBeTruthy();
    expect(screen.queryByLabelText('API key')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Password').type).toBe('password');
    expect(localStorage.length).toBe(0);
    for (const [, init] of fetchMock.mock.calls) {
      expect(JSON.stringify(init?.headers ?? {})).not.toMatch(/authorization|x-api-key/i);
    }
  });
});
