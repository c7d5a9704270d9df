import { Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { blockCatalogueDocument, FLOW_TEMPLATES, flowJsonSchema } from '@dmflow/shared';
import * as z from 'zod';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';

export const RESOURCE_URIS = {
  catalogue: 'dmflow://catalogue/blocks',
  flowSchema: 'dmflow://schema/flow',
  templates: 'dmflow://templates',
} as const;

const json = (uri: string, value: unknown) => ({ contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] });

/** What an assistant reads to write a valid flow (the catalogue, the schema, the templates), and the prompts. */
@Injectable()
export class McpResources {
  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'limits'>) {}

  register(server: McpServer): void {
    const { flowsPerAccount, nodesPerFlow, edgesPerFlow } = this.config.limits;
    server.registerResource(
      'block-catalogue',
      RESOURCE_URIS.catalogue,
      {
        title: 'Block catalogue',
        description: 'Every block type: its settings with defaults and limits, and its exits; Instagram message limits; flow size limits.',
        mimeType: 'application/json',
      },
      (uri) => json(uri.href, { ...blockCatalogueDocument(), flowLimits: { flowsPerAccount, nodesPerFlow, edgesPerFlow } }),
    );
    server.registerResource(
      'flow-schema',
      RESOURCE_URIS.flowSchema,
      {
        title: 'Flow JSON schema',
        description: 'The JSON Schema of a flow graph (create_flow / update_flow `draft`).',
        mimeType: 'application/json',
      },
      (uri) => json(uri.href, flowJsonSchema()),
    );
    server.registerResource(
      'flow-templates',
      RESOURCE_URIS.templates,
      {
        title: 'Flow templates',
        description: "create_flow's templates: id, what it does, and the texts its parameters may set.",
        mimeType: 'application/json',
      },
      (uri) =>
        json(
          uri.href,
          FLOW_TEMPLATES.map(({ id, name, description, caveat, questions }) => ({ id, name, description, caveat, questions })),
        ),
    );
    server.registerPrompt(
      'comment_to_dm_lead_magnet',
      {
        title: 'Build a comment-to-DM lead magnet',
        description: 'People who comment a keyword on a post get a public reply and a DM with a button, then leave their email.',
        argsSchema: {
          post_id: z.string().describe('the Instagram media id of the post (list_posts)'),
          keyword: z.string().optional().describe('the word people comment (default "guide")'),
          link: z.string().optional().describe("what the thank-you message sends, e.g. the guide's URL"),
        },
      },
      ({ post_id, keyword, link }) => ({
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: [
                `Build a comment-to-DM lead magnet for Instagram post ${post_id} in dmflow.`,
                `1. Call create_flow with template "lead-magnet" and parameters {"post": {"scope": "specific", "media_id": "${post_id}"}, "keywords": ["${keyword ?? 'guide'}"]}` +
                  (link ? `, and texts.thanks saying the guide is at ${link}` : '') +
                  '. (Or write the graph yourself from the resources dmflow://catalogue/blocks and dmflow://schema/flow.)',
                '2. Call validate_flow with its flow_id. Fix each error (update_flow with the draft and the revision get_flow returns) until there is none.',
                '3. Call publish_flow. Tell me the flow id, its trigger and any warnings publishing returned.',
              ].join('\n'),
            },
          },
        ],
      }),
    );
  }
}
