import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ActionApiModule } from '../action-api/action-api.module';
import { ContactsModule } from '../contacts/contacts.module';
import { FlowAnalyticsModule } from '../flow-analytics/flow-analytics.module';
import { FlowsModule } from '../flows/flows.module';
import { InstagramMediaModule } from '../instagram-media/instagram-media.module';
import { RunsModule } from '../runs/runs.module';
import { McpResources } from './mcp-resources';
import { McpService } from './mcp.service';
import { ActionTools } from './tools/action-tools';
import { ContactTools } from './tools/contact-tools';
import { FlowTools } from './tools/flow-tools';
import { PostTools } from './tools/post-tools';
import { RunTools } from './tools/run-tools';

/**
 * The MCP server's tools over the other modules' services (no logic of its own) and its resources. Loaded lazily at
 * the first /mcp request (the SDK and zod take a tenth of every process's start otherwise).
 */
@Module({
  imports: [AccountsModule, FlowsModule, FlowAnalyticsModule, ContactsModule, RunsModule, ActionApiModule, InstagramMediaModule],
  providers: [McpService, McpResources, FlowTools, ContactTools, RunTools, ActionTools, PostTools],
})
export class McpToolsModule {}
