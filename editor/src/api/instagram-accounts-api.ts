import type { InstagramAccountView, InstagramLoginStartView, PageView } from '@dmflow/shared';
import type { ApiClient } from './api-client';

/** The /v1/instagram-accounts endpoints the Connect page uses. */
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

  disconnect(id: string): Promise<void> {
    return this.client.request('DELETE', `/v1/instagram-accounts/${id}`);
  }
}
