import { randomUUID } from 'node:crypto';
import { fetchApiOperations, fillPath, keyOperations, readJson, type ApiOperation } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// The /v1 error contract across the whole API: every operation of the OpenAPI document, called without a valid key.

describe('/v1 errors: one envelope and a request id on every route', () => {
  const suite = useServerWithTenants({ tenants: [{}] });
  let operations: ApiOperation[];

  // Sign-in routes take no credentials and a person's settings no API key: the people and roles suites cover those.
  beforeAll(async () => {
    operations = keyOperations(await fetchApiOperations(suite.stack.server.url));
  });

  const callWithout = (operation: ApiOperation, headers: Record<string, string>) => {
    const path = fillPath(operation.path, Object.fromEntries(operation.pathParams.map((name) => [name, randomUUID()])));
    const hasBody = operation.method === 'POST' || operation.method === 'PATCH';
    return fetch(`${suite.stack.server.url}${path}`, {
      method: operation.method,
      headers: { 'content-type': 'application/json', ...headers },
      body: hasBody ? '{}' : undefined,
    });
  };

  it.each([
    ['no key', {}, 'missing_api_key', 'Missing API key'],
    ['an unknown key', { authorization: 'Bearer sk_not_a_real_key' }, 'invalid_api_key', 'Invalid API key'],
  ])('answers %s with 401 in the envelope, with X-Request-Id, on every /v1 operation', async (_case, headers, code, message) => {
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of operations) {
      const response = await callWithout(operation, headers);
      const body = await readJson(response);
      const requestId = response.headers.get('x-request-id');
      expect({ operation: operation.key, status: response.status, body }).toEqual({
        operation: operation.key,
        status: 401,
        body: { error: { code, message, doc_url: expect.stringMatching(/^https:\/\//), request_id: expect.stringMatching(/^req_/) } },
      });
      expect([operation.key, requestId]).toEqual([operation.key, body.error.request_id]);
    }
  });

  it('sends X-Request-Id on successful answers too', async () => {
    for (const operation of operations.filter((candidate) => candidate.method === 'GET' && candidate.pathParams.length === 0)) {
      const response = await suite.api(operation.path, suite.tenants[0].apiKey);
      expect([operation.key, response.status, response.headers.get('x-request-id')]).toEqual([
        operation.key,
        200,
        expect.stringMatching(/^req_/),
      ]);
    }
  });

  it('answers ids that are not ids with 404 (or 400) in the envelope, never a server error', async () => {
    for (const operation of operations.filter((candidate) => candidate.pathParams.length > 0)) {
      for (const malformed of ['not-an-id', '-'.repeat(36), `${randomUUID()}x`]) {
        const path = fillPath(operation.path, Object.fromEntries(operation.pathParams.map((name) => [name, malformed])));
        const hasBody = operation.method === 'POST' || operation.method === 'PATCH';
        const response = await suite.api(path, suite.tenants[0].apiKey, { method: operation.method, body: hasBody ? '{}' : undefined });
        const body = await readJson(response);
        const status = [400, 404].includes(response.status) ? '400 or 404' : response.status;
        expect({ call: `${operation.method} ${path}`, status, requestId: body.error?.request_id }).toEqual({
          call: `${operation.method} ${path}`,
          status: '400 or 404',
          requestId: response.headers.get('x-request-id'),
        });
      }
    }
  });

  it('lists nested field problems with their path in details', async () => {
    const response = await suite.api('/v1/webhooks', suite.tenants[0].apiKey, {
      method: 'POST',
      body: JSON.stringify({
        url: 'https://example.com/hook',
        events: ['comment'],
        extra_headers: [{ name: 'bad name', value: 'x' }],
        surprise: true,
      }),
    });
    expect(response.status).toBe(400);
    const { error } = await readJson(response);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'extra_headers.0.name', message: 'name must be a valid HTTP header name' },
        { field: 'surprise', message: 'property surprise should not exist' },
      ]),
    );
  });
});
