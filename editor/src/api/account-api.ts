import type { ApiClient } from './api-client';

export interface AccountSummary {
  /** The dmflow account the editor is signed in to. */
  name: string;
  /** @usernames of the connected Instagram accounts. */
  instagramUsernames: string[];
}

interface WhoamiResponse {
  account: { name: string };
}
interface InstagramAccountsPage {
  data: { username: string }[];
}

/** Which account (and which Instagram accounts) the editor works on: named on the flow list. */
export async function loadAccountSummary(client: ApiClient): Promise<AccountSummary> {
  const [whoami, instagram] = await Promise.all([
    client.request<WhoamiResponse>('GET', '/v1/whoami'),
    client.request<InstagramAccountsPage>('GET', '/v1/instagram-accounts?limit=100').catch(() => ({ data: [] })),
  ]);
  return { name: whoami.account.name, instagramUsernames: instagram.data.map((account) => account.username).filter(Boolean) };
}
