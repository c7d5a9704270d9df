import { AT, enter, onEvent, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { httpRequestBlock } from './http-request.block';

describe('http_request block', () => {
  const config = {
    method: 'POST' as const,
    url: 'https://crm.example/leads?source={{contact.username}}',
    headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
    body: '{"email":"{{email}}"}',
    timeoutSeconds: 5,
    saveResponse: [
      { path: 'data.id', variable: 'lead_id' },
      { path: 'data.tags', variable: 'lead_tags' },
      { path: 'missing', variable: 'nothing' },
    ],
  };
  const waiting = runContext({
    variables: { email: 'a@b.co', token: 't0k' },
    node: { nodeId: 'node1', attempts: 0, pendingEffectKey: 'run1:3:0' },
  });

  it('renders URL, headers and body, then waits for the response', () => {
    expect(enter(httpRequestBlock, config, waiting)).toEqual({
      effects: [
        {
          type: 'http_request',
          request: {
            method: 'POST',
            url: 'https://crm.example/leads?source=user123',
            headers: { Authorization: 'Bearer t0k' },
            body: '{"email":"a@b.co"}',
            timeoutMs: 5000,
          },
        },
      ],
    });
    expect(enter(httpRequestBlock, { ...config, method: 'GET' }, waiting).effects?.[0]).toMatchObject({ request: { body: null } });
  });

  it.each([
    [
      '2xx saves response fields',
      { type: 'http.responded', effectKey: 'run1:3:0', status: 201, body: { data: { id: 7, tags: ['a'] } }, at: AT },
      { next: 'success', variables: { lead_id: 7, lead_tags: '["a"]', nothing: null } },
    ],
    [
      '4xx/5xx takes the error port',
      { type: 'http.responded', effectKey: 'run1:3:0', status: 500, body: 'oops', at: AT },
      { next: 'error' },
    ],
    [
      'a network failure or timeout takes the error port',
      { type: 'http.failed', effectKey: 'run1:3:0', error: 'timeout', at: AT },
      { next: 'error' },
    ],
    ['a response to another request is ignored', { type: 'http.responded', effectKey: 'run1:1:0', status: 200, body: {}, at: AT }, {}],
  ] as const)('%s', (_name, event, result) => {
    expect(onEvent(httpRequestBlock, config, event, waiting)).toEqual(result);
  });

  it('takes the error port without sending when a rendered header value is not valid HTTP (a contact answered with an emoji or a line break, security review L2)', () => {
    for (const answer of ['Bob 😀', 'two\nlines', 'bell\u0007']) {
      expect(
        enter(httpRequestBlock, { ...config, headers: [{ name: 'X-Answer', value: '{{answer}}' }] }, runContext({ variables: { answer } })),
      ).toEqual({ next: 'error' });
    }
    expect(
      enter(
        httpRequestBlock,
        { ...config, headers: [{ name: 'X-Answer', value: '{{answer}}' }] },
        runContext({ variables: { answer: 'Zoë\tB' } }),
      ).effects,
    ).toHaveLength(1);
  });

  it.each([
    [
      'a line break',
      'a\r\nX-Injected: 1',
      'headers.0.value',
      'value holds a control character (U+000D); a header value is visible ASCII or Latin-1 text, spaces and tabs',
    ],
    [
      'a control character',
      'a\u0001b',
      'headers.0.value',
      'value holds a control character (U+0001); a header value is visible ASCII or Latin-1 text, spaces and tabs',
    ],
    [
      'text beyond Latin-1',
      'tok😀',
      'headers.0.value',
      'value holds "😀", which a header cannot carry; a header value is visible ASCII or Latin-1 text, spaces and tabs',
    ],
  ])('refuses a header value with %s at save', (_name, value, field, message) => {
    expect(validateConfig(httpRequestBlock, { ...config, headers: [{ name: 'X-Token', value }] })).toEqual([{ field, message }]);
  });

  it('accepts Latin-1 text, tabs and placeholders in header values', () => {
    expect(validateConfig(httpRequestBlock, { ...config, headers: [{ name: 'X-Name', value: 'Zoë\tcafé {{name}}' }] })).toEqual([]);
  });

  it('saves own properties of the response only', () => {
    const mapped = {
      ...config,
      saveResponse: [
        { path: 'constructor', variable: 'a' },
        { path: 'data.toString', variable: 'b' },
      ],
    };
    expect(
      onEvent(
        httpRequestBlock,
        mapped,
        { type: 'http.responded', effectKey: 'run1:3:0', status: 200, body: { data: {} }, at: AT },
        waiting,
      ),
    ).toEqual({ next: 'success', variables: { a: null, b: null } });
  });

  it('refuses a non-http URL and a long timeout', () => {
    expect(
      validateConfig(httpRequestBlock, { ...config, url: 'ftp://x', timeoutSeconds: 60 })
        .map((p) => p.field)
        .sort(),
    ).toEqual(['timeoutSeconds', 'url']);
  });
});
