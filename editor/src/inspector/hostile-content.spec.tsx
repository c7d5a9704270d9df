import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectorHarness } from '../testing/inspector-harness';
import { newBlockNode } from '../store/new-node';

// Security review: what held (React escapes what flow authors typed) and L6 (credentials come masked from the API
// and must go back unchanged, so the server keeps the stored secret).

const PAYLOAD = '<img src=x onerror="window.__pwned=1">';
const http = newBlockNode('http_request', { x: 0, y: 0 });
const crm = {
  ...http,
  id: 'crm',
  data: {
    config: {
      ...http.data.config,
      url: `https://crm.example.com/${PAYLOAD}`,
      headers: [
        { name: 'Authorization', value: '****1234' },
        { name: 'X-Note', value: PAYLOAD },
      ],
    },
  },
};
const ask = newBlockNode('question', { x: 0, y: 0 });
const question = { ...ask, id: 'ask', data: { config: { ...ask.data.config, text: `<script>window.__pwned=1</script>${PAYLOAD}` } } };
const start: FlowGraph = { ...createEmptyFlow(), nodes: [crm, question] };
const { Harness, latest } = inspectorHarness(start);

describe('hostile content in the inspector', () => {
  afterEach(cleanup);

  it.each([['crm'], ['ask']])('shows HTML a flow author typed as text, never as markup (%s)', (nodeId) => {
    const { container } = render(<Harness nodeId={nodeId} />);
    expect(container.querySelectorAll('img, script').length).toBe(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    const values = [...container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((field) => field.value);
    expect(values.some((value) => value.includes(PAYLOAD))).toBe(true);
  });

  it('shows a stored credential masked, as the API sends it, and keeps the mask when other fields change', () => {
    const { container } = render(<Harness nodeId="crm" />);
    const values = [...container.querySelectorAll<HTMLInputElement>('input')].map((field) => field.value);
    expect(values).toContain('****1234');
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'PUT' } });
    const saved = latest().nodes.find((node) => node.id === 'crm')?.data.config;
    expect(saved).toMatchObject({
      method: 'PUT',
      headers: [
        { name: 'Authorization', value: '****1234' },
        { name: 'X-Note', value: PAYLOAD },
      ],
    });
  });
});
