import { Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { AccountErrors } from '../../accounts/accounts.errors';
import { InstagramAccountsService } from '../../accounts/instagram-accounts.service';
import { MediaPageQueryDto } from '../../instagram-media/dto/instagram-media.dto';
import { InstagramMediaService } from '../../instagram-media/instagram-media.service';
import { asDto } from '../dto-input';
import type { McpCaller } from '../mcp-caller';
import { defineTool } from './define-tool';

/** The connected account's posts and reels, for a comment trigger's post (create_flow's parameters.post.media_id). */
@Injectable()
export class PostTools {
  constructor(
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly media: InstagramMediaService,
  ) {}

  register(server: McpServer, caller: McpCaller): void {
    const accountId = caller.account.id;
    defineTool(
      server,
      caller,
      'list_posts',
      {
        title: 'List posts',
        description:
          "The connected Instagram account's posts and reels, newest first: id (the media id a comment trigger takes), caption, permalink.",
        access: 'read',
        input: {
          instagram_account_id: z.string().optional().describe('a connected Instagram account (default: the first)'),
          cursor: z.string().optional(),
          limit: z.number().int().optional().describe('1-50 (default 24)'),
        },
      },
      async ({ instagram_account_id, ...page }) => {
        const instagramAccountId = instagram_account_id ?? (await this.instagramAccounts.listInstagramAccounts(accountId))[0]?.id;
        if (!instagramAccountId) throw AccountErrors.instagramAccountNotFound();
        return this.media.listMedia(accountId, instagramAccountId, await asDto(MediaPageQueryDto, page));
      },
    );
  }
}
