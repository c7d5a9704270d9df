import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Json } from './http';

/** The stdio entry desktop assistants start (`npx @dmflow/mcp`), as built by `npm run build -w @dmflow/mcp`. */
export const MCP_STDIO_MAIN = join(__dirname, '..', '..', '..', 'mcp', 'dist', 'main.js');

export type McpTransportKind = 'http' | 'stdio';

/** A transport to the server's /mcp: Streamable HTTP with the key, or the stdio entry pointed at the server. */
export function mcpTransport(kind: McpTransportKind, serverUrl: string, apiKey: string | null): Transport {
  if (kind === 'http') {
    const headers: Record<string, string> = apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
    return new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), { requestInit: { headers } });
  }
  return new StdioClientTransport({
    command: process.execPath,
    args: [MCP_STDIO_MAIN, '--url', serverUrl],
    // The key by environment, as the docs recommend (arguments show in the process list).
    env: { PATH: process.env.PATH ?? '', ...(apiKey ? { DMFLOW_API_KEY: apiKey } : {}) },
    stderr: 'pipe',
  });
}

/** The MCP SDK's own client, connected (initialize done) over the given transport. */
export async function connectMcpClient(kind: McpTransportKind, serverUrl: string, apiKey: string | null): Promise<Client> {
  const client = new Client({ name: 'dmflow-e2e-assistant', version: '1.0.0' });
  await client.connect(mcpTransport(kind, serverUrl, apiKey));
  return client;
}

export interface ToolAnswer {
  isError: boolean;
  /** The tool's JSON answer (the text content, parsed). */
  json: Json;
}

/** Calls a tool and reads its JSON answer, as an assistant would. */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text?: string }>;
  const text = content.find((part) => part.type === 'text')?.text ?? 'null';
  return { isError: result.isError === true, json: JSON.parse(text) };
}
