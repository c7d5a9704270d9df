export interface BridgeOptions {
  /** The dmflow server's MCP endpoint, e.g. https://dmflow.example.com/mcp. */
  endpoint: URL;
  apiKey: string;
}

export const USAGE = `Usage: dmflow-mcp --url <dmflow server URL> [--key <API key>]

Serves dmflow's MCP tools over stdio for a desktop assistant, forwarding every call to the server's /mcp.
  --url  the dmflow server (https://dmflow.example.com) or its /mcp endpoint; or DMFLOW_URL
  --key  a workspace API key; or DMFLOW_API_KEY (better: arguments show in the process list)`;

export class UsageError extends Error {}

function flag(argv: string[], name: string): string | undefined {
  const inline = argv.find((argument) => argument.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** The endpoint and key from the arguments, else the environment; a server URL without a path gets /mcp. */
export function parseOptions(argv: string[], env: Record<string, string | undefined>): BridgeOptions {
  const url = flag(argv, 'url') ?? env.DMFLOW_URL;
  const apiKey = flag(argv, 'key') ?? env.DMFLOW_API_KEY;
  if (!url) throw new UsageError('Missing --url (or DMFLOW_URL).');
  if (!apiKey) throw new UsageError('Missing --key (or DMFLOW_API_KEY).');
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new UsageError(`--url is not a URL: ${url}`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new UsageError('--url must be http(s).');
  if (endpoint.pathname === '/' || endpoint.pathname === '') endpoint.pathname = '/mcp';
  return { endpoint, apiKey };
}
