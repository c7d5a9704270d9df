import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { BridgeOptions } from './options';

// JSON-RPC's "server error" range: the dmflow server could not be reached or refused the call (e.g. a bad key).
const UPSTREAM_ERROR = -32000;

function protocolVersionOf(message: JSONRPCMessage): string | undefined {
  if (!isJSONRPCResultResponse(message)) return undefined;
  const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
  return typeof version === 'string' ? version : undefined;
}

/**
 * Relays JSON-RPC messages between a local transport (the assistant, over stdio) and dmflow's /mcp (Streamable
 * HTTP with the API key). The server holds every tool; this process only carries messages, so it never lags behind.
 */
export async function bridge(local: Transport, options: BridgeOptions): Promise<void> {
  const remote = new StreamableHTTPClientTransport(options.endpoint, {
    requestInit: { headers: { Authorization: `Bearer ${options.apiKey}` } },
  });
  local.onmessage = (message) => {
    remote.send(message).catch(async (error: unknown) => {
      if (!isJSONRPCRequest(message)) return;
      const reason = error instanceof Error ? error.message : String(error);
      await local.send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: UPSTREAM_ERROR, message: `dmflow at ${options.endpoint.origin}: ${reason}` },
      });
    });
  };
  remote.onmessage = (message) => {
    // After initialize, every request must name the protocol version both ends agreed on.
    const version = protocolVersionOf(message);
    if (version) remote.setProtocolVersion(version);
    void local.send(message);
  };
  remote.onerror = (error) => process.stderr.write(`dmflow-mcp: ${error.message}\n`);
  local.onclose = () => void remote.close();
  await remote.start();
  await local.start();
}
