import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { McpController } from './mcp.controller';

/** The MCP endpoint; its tools (McpToolsModule) are loaded at the first request. */
@Module({
  imports: [AccountsModule],
  controllers: [McpController],
})
export class McpModule {}
