import type { ApiClient } from './api-client';

export type AiProviderKind = 'local' | 'openai_compatible';

/** GET /v1/ai/provider: the API key is never sent back, only whether one is stored and its last characters. */
export interface AiProviderView {
  provider: AiProviderKind;
  base_url: string | null;
  model: string | null;
  api_key_set: boolean;
  api_key_hint: string | null;
  monthly_token_budget: number | null;
  updated_at: string | null;
}

export interface AiProviderChange {
  provider: AiProviderKind;
  base_url?: string;
  model?: string;
  /** Omitted: keep the stored key. */
  api_key?: string | null;
  monthly_token_budget: number | null;
}

/** The workspace's AI provider settings (admins change them). */
export class AiApi {
  constructor(private readonly client: ApiClient) {}

  provider(): Promise<AiProviderView> {
    return this.client.request('GET', '/v1/ai/provider');
  }

  saveProvider(change: AiProviderChange): Promise<AiProviderView> {
    return this.client.request('PUT', '/v1/ai/provider', change);
  }
}
