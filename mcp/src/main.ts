#!/usr/bin/env node
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseOptions, USAGE, UsageError } from './options';
import { bridge } from './stdio-bridge';

// `npx @dmflow/mcp --url https://dmflow.example.com --key <API key>`: stdout carries the protocol, so every word
// for people goes to stderr.
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  await bridge(new StdioServerTransport(), options);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n\n${USAGE}\n` : `dmflow-mcp: ${String(error)}\n`);
  process.exitCode = 1;
});
