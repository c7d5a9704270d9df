import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { randomBytes } from 'node:crypto';
import { TokenCipher } from '../../core/crypto/token-cipher';
import { HeaderCredentials } from './header-credentials';

const cipher = new TokenCipher(randomBytes(32));
const credentials = new HeaderCredentials(cipher);

function withHeaders(headers: Array<{ name: string; value: string }>): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      {
        id: 'crm',
        type: 'http_request',
        position: { x: 0, y: 0 },
        data: { config: { method: 'POST', url: 'https://crm.example.com', headers, timeoutSeconds: 5, saveResponse: [] } },
      },
    ],
    edges: [],
  };
}

const headersOf = (graph: FlowGraph) => graph.nodes[0].data.config.headers as Array<{ name: string; value: string }>;

describe('HeaderCredentials', () => {
  const written = withHeaders([
    { name: 'Authorization', value: 'Bearer live-secret-1234' },
    { name: 'X-API-Key', value: 'key-abcdefgh' },
    { name: 'X-Token', value: 'Bearer {{crm_token}}' },
    { name: 'X-Source', value: 'dmflow' },
  ]);

  it('stores literal credentials encrypted, leaves templated and ordinary headers as written, and masks on read', () => {
    const sealed = credentials.seal(written, null);
    const [authorization, apiKey, templated, source] = headersOf(sealed);
    expect(authorization.value).toMatch(/^enc:v1\./);
    expect(apiKey.value).toMatch(/^enc:v1\./);
    expect(JSON.stringify(sealed)).not.toContain('live-secret');
    expect([templated.value, source.value]).toEqual(['Bearer {{crm_token}}', 'dmflow']);
    expect(headersOf(credentials.mask(sealed)).map((header) => header.value)).toEqual([
      '****1234',
      '****efgh',
      'Bearer {{crm_token}}',
      'dmflow',
    ]);
    expect(headersOf(written)[0].value).toBe('Bearer live-secret-1234');
  });

  it('keeps the stored credential when the masked value comes back unchanged, and replaces it when edited', () => {
    const sealed = credentials.seal(written, null);
    const resent = credentials.seal(credentials.mask(sealed), sealed);
    expect(headersOf(resent)[0].value).toBe(headersOf(sealed)[0].value);
    expect(headersOf(resent)[1].value).toBe(headersOf(sealed)[1].value);

    const edited = credentials.mask(sealed);
    headersOf(edited)[0].value = 'Bearer rotated-9999';
    const [authorization] = headersOf(credentials.seal(edited, sealed));
    expect(authorization.value).not.toBe(headersOf(sealed)[0].value);
    expect(headersOf(credentials.mask(credentials.seal(edited, sealed)))[0].value).toBe('****9999');
  });

  it('does not accept a sealed value this key did not seal', () => {
    const foreign = new HeaderCredentials(new TokenCipher(randomBytes(32))).seal(written, null);
    const [authorization] = headersOf(credentials.seal(foreign, null));
    expect(authorization.value).not.toBe(headersOf(foreign)[0].value);
    expect(authorization.value).toMatch(/^enc:v1\./);
  });
});
