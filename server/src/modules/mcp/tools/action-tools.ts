import { Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { INSTAGRAM_LIMITS } from '@dmflow/shared';
import * as z from 'zod';
import { ActionApiService } from '../../action-api/action-api.service';
import type { McpCaller } from '../mcp-caller';
import { defineTool } from './define-tool';

const common = {
  instagram_account_id: z.string().optional().describe('which connected Instagram account acts (default: the first)'),
  idempotency_key: z
    .string()
    .optional()
    .describe("as /api-webhook's Idempotency-Key: within 24 h the same key replays the first answer; another body with it is refused"),
};

/**
 * send_message and post_comment: POST /api-webhook itself (ActionApiService), so the plan, hourly limit, credits,
 * Idempotency-Key and Meta's answers are exactly that endpoint's, and so are its errors' bodies.
 */
@Injectable()
export class ActionTools {
  constructor(private readonly actions: ActionApiService) {}

  register(server: McpServer, caller: McpCaller): void {
    defineTool(
      server,
      caller,
      'send_message',
      {
        title: 'Send a message',
        description:
          "Sends a DM (type dm, to recipient_id: the person's Instagram-scoped id) or a comment's private reply (type comment_reply, to comment_id). " +
          'message: {text} or {attachment: image | video | audio | button template} or {text, quick_replies}. Same rules as POST /api-webhook.',
        access: 'act',
        input: {
          type: z.enum(['dm', 'comment_reply']).optional().describe('default dm'),
          recipient_id: z.string().optional().describe('for type dm'),
          comment_id: z.string().optional().describe('for type comment_reply'),
          message: z.record(z.string(), z.unknown()).describe("Instagram's Send API message object"),
          ...common,
        },
      },
      ({ idempotency_key, ...fields }) => this.act({ action: 'send_message', ...fields }, idempotency_key, caller),
    );
    defineTool(
      server,
      caller,
      'post_comment',
      {
        title: 'Reply to a comment',
        description: `Posts a public reply under a comment (at most ${INSTAGRAM_LIMITS.commentTextChars} characters). Same rules as POST /api-webhook.`,
        access: 'act',
        input: { comment_id: z.string(), comment_text: z.string(), ...common },
      },
      ({ idempotency_key, ...fields }) => this.act({ action: 'post_comment', ...fields }, idempotency_key, caller),
    );
  }

  private async act(body: Record<string, unknown>, idempotencyKey: string | undefined, caller: McpCaller): Promise<unknown> {
    const result = await this.actions.handle({
      account: caller.account,
      apiKeyId: caller.auth.kind === 'api_key' ? caller.auth.apiKeyId : null,
      body: Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
      isJson: true,
      idempotencyKey: idempotencyKey ?? null,
      requestId: caller.requestId,
    });
    const replayed = result.headers['Idempotent-Replayed'] === 'true';
    return { ...(result.body as Record<string, unknown>), ...(replayed ? { idempotent_replayed: true } : {}) };
  }
}
