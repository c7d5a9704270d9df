import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/api-client';
import { ApiClientContext } from '../api/use-instagram-api';
import { FlowField } from './flow-field';

const flow = (id: string, name: string, published: boolean) => ({ id, name, published_version_id: published ? `${id}-v1` : null });

function renderWith(flows: ReturnType<typeof flow>[], value: string, onChange = vi.fn()) {
  const request = vi.fn().mockResolvedValue({ data: flows, next_cursor: null });
  const client = { request } as unknown as ApiClient;
  render(
    <ApiClientContext.Provider value={client}>
      <FlowField inputProps={{ id: 'target', 'aria-invalid': false }} value={value} onChange={onChange} />
    </ApiClientContext.Provider>,
  );
  return { request, onChange };
}

describe('FlowField', () => {
  afterEach(cleanup);

  it('offers the published flows by name and picks one by id', async () => {
    const { request, onChange } = renderWith(
      [flow('f1', 'Welcome', true), flow('f2', 'Draft only', false), flow('f3', 'Onboarding', true)],
      '',
    );
    await screen.findByRole('option', { name: 'Onboarding' });
    expect(request).toHaveBeenCalledWith('GET', '/v1/flows?limit=100');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Choose a published flow', 'Welcome', 'Onboarding']);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'f3' } });
    expect(onChange).toHaveBeenCalledWith('f3');
  });

  it('keeps a chosen flow that is no longer published visible as such', async () => {
    renderWith([flow('f1', 'Welcome', true), flow('f2', 'Paused draft', false)], 'f2');
    expect(await screen.findByRole('option', { name: 'Paused draft (not published)' })).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox').value).toBe('f2');
  });
});
