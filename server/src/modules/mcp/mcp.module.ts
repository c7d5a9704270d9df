import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ActionApiModule } from '../action-api/action-api.module';
import { ContactsModule } from '../contacts/contacts.module';
import { FlowAnalyticsModule } from '../flow-analytics/flow-analytics.module';
import { FlowsModule } from '../flows/flows.module';
import { InstagramMediaModule } from '../instagram-media/instagram-media.module';
import { RunsModule } from '../runs/runs.module';
import { McpController } from './mcp.controller';
import { McpResources } from './mcp-resources';
import { McpService } from './mcp.service';
import { ActionTools } from './tools/action-tools';
import { ContactTools } from './tools/contact-tools';
import { FlowTools } from './tools/flow-tools';
import { PostTools } from './tools/post-tools';
import { RunTools } from './tools/run-tools';

/** The MCP server: tools over the other modules' services (no logic of its own), resources and prompts. */
@Module({
  imports: [AccountsModule, FlowsModule, FlowAnalyticsModule, ContactsModule, RunsModule, ActionApiModule, InstagramMediaModule],
  controllers: [McpController],
  providers: [McpService, McpResources, FlowTools, ContactTools, RunTools, ActionTools, PostTools],
})
export class McpModule {}
