import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphApiError } from './graph-api.error';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function failure(call: () => Promise<unknown>): Promise<GraphApiError> {
  try {
    await call();
  } catch (error) {
    return error as GraphApiError;
  }
  throw new Error('expected the call to fail');
}

describe('GraphApiClient: which network failures leave a send in doubt', () => {
  let dropping: Server;
  let droppingUrl: string;
  let closedUrl: string;

  beforeAll(async () => {
    // Reads the whole request, then hangs up without answering: Meta may have acted on it.
    dropping = createServer((request) => request.on('data', () => undefined).on('end', () => request.socket.destroy()));
    droppingUrl = `http://127.0.0.1:${await listen(dropping)}`;
    const closed = createServer();
    closedUrl = `http://127.0.0.1:${await listen(closed)}`;
    await new Promise((resolve) => closed.close(resolve));
  });

  afterAll(() => new Promise<void>((resolve) => dropping.close(() => resolve())));

  const client = async (url: string) => {
    const { GraphApiClient } = await import('./graph-api.client');
    return new GraphApiClient({ metaGraphUrl: url });
  };

  it('a POST whose connection dropped before an answer is in doubt and never retried', async () => {
    const error = await failure(async () => (await client(droppingUrl)).sendMessage('token', { id: '1' }, { text: 'hi' }));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error.inDoubt).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it('a POST that never connected surely did not happen: not in doubt, retryable', async () => {
    const error = await failure(async () => (await client(closedUrl)).sendMessage('token', { id: '1' }, { text: 'hi' }));
    expect(error.inDoubt).toBe(false);
    expect(error.retryable).toBe(true);
  });

  it('a read (GET) is never in doubt', async () => {
    const error = await failure(async () => (await client(droppingUrl)).userProfile('token', '1'));
    expect(error.inDoubt).toBe(false);
    expect(error.retryable).toBe(true);
  });
});
