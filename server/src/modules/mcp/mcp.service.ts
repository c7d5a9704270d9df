import { Injectable } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import type { McpCaller } from './mcp-caller';
import { McpResources } from './mcp-resources';
import { ActionTools } from './tools/action-tools';
import { ContactTools } from './tools/contact-tools';
import { FlowTools } from './tools/flow-tools';
import { PostTools } from './tools/post-tools';
import { RunTools } from './tools/run-tools';

export const MCP_SERVER_INFO = { name: 'dmflow', version: '0.1.0' };

/**
 * The MCP server at /mcp, Streamable HTTP without sessions: each request gets a server bound to the workspace and key
 * that authenticated it, so nothing lives in process memory between requests and any instance can answer any call.
 */
@Injectable()
export class McpService {
  constructor(
    private readonly flowTools: FlowTools,
    private readonly contactTools: ContactTools,
    private readonly runTools: RunTools,
    private readonly actionTools: ActionTools,
    private readonly postTools: PostTools,
    private readonly resources: McpResources,
  ) {}

  serverFor(caller: McpCaller): McpServer {
    const server = new McpServer(MCP_SERVER_INFO, {
      instructions:
        'dmflow automates Instagram DMs with flows. Read dmflow://catalogue/blocks before writing a flow; create_flow saves a draft, validate_flow lists what to fix, publish_flow makes it live.',
    });
    for (const tools of [this.flowTools, this.contactTools, this.runTools, this.actionTools, this.postTools])
      tools.register(server, caller);
    this.resources.register(server);
    return server;
  }

  async handle(request: Request, response: Response, caller: McpCaller): Promise<void> {
    const server = this.serverFor(caller);
    // JSON answers rather than an event stream: no tool streams progress, and proxies pass JSON untouched.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  }
}
