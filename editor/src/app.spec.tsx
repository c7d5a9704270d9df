import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './app';

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

describe('App', () => {
  it('renders the header and an empty React Flow canvas', () => {
    const { container } = render(<App />);
    expect(screen.getByRole('heading', { name: 'dmflow' })).toBeTruthy();
    expect(screen.getByTestId('flow-canvas')).toBeTruthy();
    expect(container.querySelector('.react-flow')).not.toBeNull();
    expect(container.querySelectorAll('.react-flow__node')).toHaveLength(0);
  });
});
