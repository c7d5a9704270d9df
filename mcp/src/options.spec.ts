import { parseOptions, UsageError } from './options';

describe('parseOptions', () => {
  it('takes --url and --key, and points a bare server URL at its /mcp', () => {
    expect(parseOptions(['--url', 'https://dmflow.example.com', '--key', 'k1'], {})).toEqual({
      endpoint: new URL('https://dmflow.example.com/mcp'),
      apiKey: 'k1',
    });
    expect(parseOptions(['--url=http://localhost:3000/mcp', '--key=k2'], {}).endpoint.href).toBe('http://localhost:3000/mcp');
  });

  it('falls back to DMFLOW_URL and DMFLOW_API_KEY; arguments win', () => {
    expect(parseOptions([], { DMFLOW_URL: 'http://a.test', DMFLOW_API_KEY: 'env' })).toMatchObject({ apiKey: 'env' });
    expect(parseOptions(['--key', 'arg'], { DMFLOW_URL: 'http://a.test', DMFLOW_API_KEY: 'env' }).apiKey).toBe('arg');
  });

  it.each([
    [[], {}, 'Missing --url (or DMFLOW_URL).'],
    [['--url', 'http://a.test'], {}, 'Missing --key (or DMFLOW_API_KEY).'],
    [['--url', 'not a url', '--key', 'k'], {}, '--url is not a URL: not a url'],
    [['--url', 'ftp://a.test', '--key', 'k'], {}, '--url must be http(s).'],
  ])('refuses %j with a usage error', (argv, env, message) => {
    expect(() => parseOptions(argv, env)).toThrow(new UsageError(message));
  });
});
