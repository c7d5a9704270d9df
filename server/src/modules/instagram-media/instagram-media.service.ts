import { Injectable } from '@nestjs/common';
import { Page } from '../../core/http/pagination';
import { AccountErrors } from '../accounts/accounts.errors';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { GraphApiClient } from '../messaging/graph-api.client';
import { GraphApiError } from '../messaging/graph-api.error';
import { InstagramMediaView } from './dto/instagram-media.dto';
import { InstagramMediaErrors } from './instagram-media.errors';

export const DEFAULT_MEDIA_PAGE = 24;

/** The posts and reels of a connected Instagram account, asked of the Graph API for the editor's post picker. */
@Injectable()
export class InstagramMediaService {
  constructor(
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly graph: GraphApiClient,
  ) {}

  async listMedia(
    accountId: string,
    instagramAccountId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<InstagramMediaView>> {
    const connected = await this.instagramAccounts.listInstagramAccounts(accountId);
    const instagramAccount = connected.find((candidate) => candidate.id === instagramAccountId);
    if (!instagramAccount) throw AccountErrors.instagramAccountNotFound();
    const token = this.instagramAccounts.accessToken(instagramAccount);
    if (!token) throw InstagramMediaErrors.noAccessToken();
    try {
      const listed = await this.graph.listMedia(token, instagramAccount.igUserId, {
        after: page.cursor,
        limit: page.limit ?? DEFAULT_MEDIA_PAGE,
      });
      return { data: listed.media.map(InstagramMediaView.of), has_more: listed.after !== null, next_cursor: listed.after };
    } catch (error) {
      if (!(error instanceof GraphApiError)) throw error;
      if (error.kind === 'invalid_token') throw InstagramMediaErrors.tokenRefused();
      throw InstagramMediaErrors.unavailable(error.message);
    }
  }
}
