import type { InstagramAccountSummaryView, InstagramMediaItemView, PageView } from '@dmflow/shared';
import type { ApiClient } from './api-client';

/** The connected Instagram accounts and their posts (the post picker). */
export class InstagramApi {
  constructor(private readonly client: ApiClient) {}

  accounts(): Promise<PageView<InstagramAccountSummaryView>> {
    return this.client.request('GET', '/v1/instagram-accounts?limit=100');
  }

  media(instagramAccountId: string, cursor?: string): Promise<PageView<InstagramMediaItemView>> {
    const query = new URLSearchParams({ limit: '12', ...(cursor ? { cursor } : {}) });
    return this.client.request('GET', `/v1/instagram-accounts/${encodeURIComponent(instagramAccountId)}/media?${query.toString()}`);
  }
}
