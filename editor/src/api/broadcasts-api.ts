import type { PageView } from '@dmflow/shared';
import type { ApiClient } from './api-client';

export interface SegmentView {
  id: string;
  name: string;
  filter: { tags?: string[]; exclude_tags?: string[] };
  contact_count?: number;
  created_at: string;
}

export type BroadcastStatus = 'scheduled' | 'sending' | 'paused' | 'cancelled' | 'completed';

export interface BroadcastView {
  id: string;
  name: string;
  segment_id: string;
  instagram_account_id: string;
  message: { text: string } | null;
  flow_id: string | null;
  sends_per_second: number;
  status: BroadcastStatus;
  scheduled_at: string;
  started_at: string | null;
  finished_at: string | null;
  stats: { total: number; pending: number; sent: number; failed: number; skipped: Record<string, number> };
}

export interface NewBroadcast {
  name: string;
  segment_id: string;
  instagram_account_id: string;
  message: { text: string };
  sends_per_second?: number;
  scheduled_at?: string;
}

/** The /v1/segments and /v1/broadcasts endpoints: the Broadcasts page. */
export class BroadcastsApi {
  constructor(private readonly client: ApiClient) {}

  async segments(): Promise<SegmentView[]> {
    return (await this.client.request<PageView<SegmentView>>('GET', '/v1/segments?limit=100')).data;
  }

  createSegment(name: string, tags: string[]): Promise<SegmentView> {
    return this.client.request('POST', '/v1/segments', { name, filter: { tags } });
  }

  async broadcasts(): Promise<BroadcastView[]> {
    return (await this.client.request<PageView<BroadcastView>>('GET', '/v1/broadcasts?limit=50')).data;
  }

  createBroadcast(broadcast: NewBroadcast): Promise<BroadcastView> {
    return this.client.request('POST', '/v1/broadcasts', broadcast);
  }

  change(id: string, change: 'pause' | 'resume' | 'cancel'): Promise<BroadcastView> {
    return this.client.request('POST', `/v1/broadcasts/${encodeURIComponent(id)}/${change}`, {});
  }
}
