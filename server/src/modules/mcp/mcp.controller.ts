import { Controller, Delete, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { LazyModuleLoader } from '@nestjs/core';
import { ApiBearerAuth, ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { McpAuthGuard } from '../accounts/auth/mcp-auth.guard';
import type { AuthenticatedRequest } from '../accounts/auth/request-auth';
import { currentRequestId, newRequestId } from '../../core/logging/request-context';
import type { McpService } from './mcp.service';

/** The Model Context Protocol endpoint (Streamable HTTP): assistants call dmflow's tools here with an API key. */
@ApiExcludeController()
@ApiBearerAuth()
@Controller('mcp')
@UseGuards(McpAuthGuard)
export class McpController {
  private mcp?: Promise<McpService>;

  constructor(private readonly lazyModules: LazyModuleLoader) {}

  @Post()
  async handle(@Req() request: AuthenticatedRequest & { requestId?: string }, @Res() response: Response): Promise<void> {
    const requestId = request.requestId ?? currentRequestId() ?? newRequestId();
    const mcp = await this.service();
    return mcp.handle(request, response, { account: request.account, auth: request.auth, requestId });
  }

  /** No server-sent stream to open: every answer comes with its request. */
  @Get()
  refuseStream(@Res() response: Response): void {
    methodNotAllowed(response);
  }

  /** No session to end: the server keeps none. */
  @Delete()
  refuseSessionEnd(@Res() response: Response): void {
    methodNotAllowed(response);
  }

  private service(): Promise<McpService> {
    this.mcp ??= this.loadService().catch((error: unknown) => {
      this.mcp = undefined;
      throw error;
    });
    return this.mcp;
  }

  private async loadService(): Promise<McpService> {
    const [{ McpToolsModule }, { McpService }] = await Promise.all([import('./mcp-tools.module'), import('./mcp.service')]);
    const tools = await this.lazyModules.load(() => McpToolsModule);
    return tools.get(McpService);
  }
}

/** What the SDK answers a stateless server's GET: 405, so clients go on without a stream. */
function methodNotAllowed(response: Response): void {
  response
    .status(405)
    .set('Allow', 'POST')
    .json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server answers POST only.' }, id: null });
}
