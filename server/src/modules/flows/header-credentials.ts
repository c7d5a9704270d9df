import { type FlowGraph, isCredentialHeader, isMaskedCredential, maskCredential } from '@dmflow/shared';
import { isSealed, seal, tryUnseal } from '../../core/crypto/sealed-value';
import type { TokenCipher } from '../../core/crypto/token-cipher';

interface Header {
  name: string;
  value: string;
}

type HeaderChange = (header: Header, nodeId: string) => string;

function headersOf(node: FlowGraph['nodes'][number]): Header[] | null {
  const headers = node.type === 'http_request' ? node.data.config.headers : undefined;
  return Array.isArray(headers) ? (headers as Header[]) : null;
}

/** The graph with each HTTP request header's value replaced by `change` (the others untouched; the input is not modified). */
function mapHeaders(graph: FlowGraph, change: HeaderChange): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const headers = headersOf(node);
      if (!headers) return node;
      const changed = headers.map((header) =>
        typeof header?.name === 'string' && typeof header.value === 'string' ? { ...header, value: change(header, node.id) } : header,
      );
      return { ...node, data: { ...node.data, config: { ...node.data.config, headers: changed } } };
    }),
  };
}

/**
 * Credentials in HTTP request blocks (Authorization, API keys, tokens: see isCredentialHeader) are stored encrypted,
 * like Instagram tokens and webhook secrets, and shown masked. A templated value (`Bearer {{token}}`) is stored as
 * written: its secret lives in the variable, not in the flow.
 */
export class HeaderCredentials {
  constructor(private readonly cipher: TokenCipher) {}

  /**
   * Encrypts literal credential values of a draft about to be stored. A masked value sent back unchanged (the API
   * showed it so) keeps the credential stored under the same block and header name in `previous`.
   */
  seal(graph: FlowGraph, previous: FlowGraph | null): FlowGraph {
    const stored = new Map<string, string>();
    if (previous) {
      mapHeaders(previous, (header, nodeId) => {
        if (isSealed(header.value)) stored.set(`${nodeId}\n${header.name.toLowerCase()}`, header.value);
        return header.value;
      });
    }
    return mapHeaders(graph, (header, nodeId) => {
      if (!isCredentialHeader(header.name) || header.value.includes('{{')) return header.value;
      if (isSealed(header.value) && tryUnseal(this.cipher, header.value) !== null) return header.value;
      const kept = isMaskedCredential(header.value) ? stored.get(`${nodeId}\n${header.name.toLowerCase()}`) : undefined;
      return kept ?? seal(this.cipher, header.value);
    });
  }

  /** The graph as the API shows it: encrypted credentials masked to their last 4 characters. */
  mask(graph: FlowGraph): FlowGraph {
    return mapHeaders(graph, (header) => {
      if (!isSealed(header.value)) return header.value;
      const plaintext = tryUnseal(this.cipher, header.value);
      return plaintext === null ? maskCredential('') : maskCredential(plaintext);
    });
  }
}
