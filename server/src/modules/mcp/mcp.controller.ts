import { Controller, Delete, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { McpAuthGuard } from '../accounts/auth/mcp-auth.guard';
import type { AuthenticatedRequest } from '../accounts/auth/request-auth';
import { currentRequestId, newRequestId } from '../../core/logging/request-context';
import { McpService } from './mcp.service';

/** The Model Context Protocol endpoint (Streamable HTTP): assistants call dmflow's tools here with an API key. */
@ApiExcludeController()
@ApiBearerAuth()
@Controller('mcp')
@UseGuards(McpAuthGuard)
export class McpController {
  constructor(private readonly mcp: McpService) {}

  @Post()
  handle(@Req() request: AuthenticatedRequest & { requestId?: string }, @Res() response: Response): Promise<void> {
    const requestId = request.requestId ?? currentRequestId() ?? newRequestId();
    return this.mcp.handle(request, response, { account: request.account, auth: request.auth, requestId });
  }

  /** No server-sent stream to open: every answer comes with its request. */
  @Get()
  refuseStream(@Res() response: Response): void {
    this.mcp.methodNotAllowed(response);
  }

  /** No session to end: the server keeps none. */
  @Delete()
  refuseSessionEnd(@Res() response: Response): void {
    this.mcp.methodNotAllowed(response);
  }
}
