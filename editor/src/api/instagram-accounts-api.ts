import type {
  InstagramAccountView,
  InstagramLoginStartView,
  InstagramMediaItemView,
  MessengerProfileView,
  PageView,
  UpdateInstagramAccountRequest,
} from '@dmflow/shared';
import type { ApiClient } from './api-client';

/** The /v1/instagram-accounts endpoints: the Connect page, and the post picker. */
export class InstagramAccountsApi {
  constructor(private readonly client: ApiClient) {}

  /** The workspace's connected accounts, and those waiting for a reconnect. */
  async list(): Promise<InstagramAccountView[]> {
    const page = await this.client.request<PageView<InstagramAccountView>>('GET', '/v1/instagram-accounts?limit=100');
    return page.data;
  }

  /** Starts Business Login: the server answers Instagram's authorize page for this workspace. */
  startLogin(): Promise<InstagramLoginStartView> {
    return this.client.request('POST', '/v1/instagram-accounts/oauth/start', {});
  }

  /** A page of the account's posts and reels, newest first. */
  media(instagramAccountId: string, cursor?: string): Promise<PageView<InstagramMediaItemView>> {
    const query = new URLSearchParams({ limit: '12', ...(cursor ? { cursor } : {}) });
    return this.client.request('GET', `/v1/instagram-accounts/${encodeURIComponent(instagramAccountId)}/media?${query.toString()}`);
  }

  /** The account's conversation starters (ice breakers) and persistent menu. */
  messengerProfile(instagramAccountId: string): Promise<MessengerProfileView> {
    return this.client.request('GET', `/v1/instagram-accounts/${encodeURIComponent(instagramAccountId)}/messenger-profile`);
  }

  /** Saves them and pushes them to Instagram. */
  saveMessengerProfile(
    instagramAccountId: string,
    profile: Pick<MessengerProfileView, 'ice_breakers' | 'menu'>,
  ): Promise<MessengerProfileView> {
    return this.client.request('PUT', `/v1/instagram-accounts/${encodeURIComponent(instagramAccountId)}/messenger-profile`, profile);
  }

  /** Saves the account's time zone (smart delays) and locale (date answers). */
  update(id: string, settings: UpdateInstagramAccountRequest): Promise<InstagramAccountView> {
    return this.client.request('PATCH', `/v1/instagram-accounts/${encodeURIComponent(id)}`, settings);
  }

  disconnect(id: string): Promise<void> {
    return this.client.request('DELETE', `/v1/instagram-accounts/${id}`);
  }
}
