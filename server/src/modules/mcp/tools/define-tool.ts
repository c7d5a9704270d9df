import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { checkToolAccess, type ToolAccess } from '../mcp-access';
import type { McpCaller } from '../mcp-caller';
import { actionError, toolError, toolResult } from '../tool-result';

export interface ToolSpec<Shape extends z.ZodRawShape> {
  title: string;
  description: string;
  access: ToolAccess;
  input: Shape;
  /** Whether calling it twice with the same arguments changes nothing more (reads, pause, resume, publish…). */
  idempotent?: boolean;
}

/**
 * Registers one tool on a request's MCP server: its JSON schema (from `input`), the key's access checked first as the
 * REST route would, and any failure answered as that route answers it (toolError; /api-webhook's body for actions).
 */
export function defineTool<Shape extends z.ZodRawShape>(
  server: McpServer,
  caller: McpCaller,
  name: string,
  spec: ToolSpec<Shape>,
  run: (args: z.infer<z.ZodObject<Shape>>) => Promise<unknown>,
): void {
  const handler = async (args: z.infer<z.ZodObject<Shape>>): Promise<CallToolResult> => {
    try {
      checkToolAccess(caller.auth, spec.access);
      return toolResult(await run(args));
    } catch (error) {
      return spec.access === 'act' ? actionError(error, caller.requestId) : toolError(error, caller.requestId);
    }
  };
  server.registerTool(
    name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.input,
      annotations: {
        readOnlyHint: spec.access === 'read',
        destructiveHint: false,
        idempotentHint: spec.idempotent ?? spec.access === 'read',
        openWorldHint: spec.access === 'act',
      },
    },
    // The SDK types a callback by a conditional type over its schema, which TypeScript leaves unresolved for a
    // generic Shape; the arguments it passes are the shape parsed by zod, i.e. z.infer of it, as `handler` takes.
    handler as unknown as ToolCallback<Shape>,
  );
}
