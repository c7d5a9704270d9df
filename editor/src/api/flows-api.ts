import type { FlowGraph, FlowValidation } from '@dmflow/shared';
import type { ApiClient } from './api-client';

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface FlowSummary {
  id: string;
  name: string;
  status: 'draft' | 'published';
  trigger_summary: string;
  revision: number;
  published_version_id: string | null;
  run_count: number;
  created_at: string;
  updated_at: string;
}

export interface FlowDetail extends FlowSummary {
  draft: FlowGraph;
  has_unpublished_changes: boolean;
}

export interface FlowVersionSummary {
  id: string;
  version: number;
  published_at: string;
  is_live: boolean;
  graph: FlowGraph;
}

/** The /v1/flows endpoints the editor uses. */
export class FlowsApi {
  constructor(private readonly client: ApiClient) {}

  list(cursor?: string): Promise<Page<FlowSummary>> {
    return this.client.request('GET', `/v1/flows?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  }

  create(name: string, draft?: FlowGraph): Promise<FlowDetail> {
    return this.client.request('POST', '/v1/flows', { name, ...(draft ? { draft } : {}) });
  }

  get(id: string): Promise<FlowDetail> {
    return this.client.request('GET', `/v1/flows/${id}`);
  }

  save(id: string, revision: number, changes: { name?: string; draft?: FlowGraph }): Promise<FlowDetail> {
    return this.client.request('PATCH', `/v1/flows/${id}`, { ...changes, revision });
  }

  duplicate(id: string): Promise<FlowDetail> {
    return this.client.request('POST', `/v1/flows/${id}/duplicate`, {});
  }

  remove(id: string): Promise<void> {
    return this.client.request('DELETE', `/v1/flows/${id}`);
  }

  validate(id: string): Promise<FlowValidation> {
    return this.client.request('POST', `/v1/flows/${id}/validate`, {});
  }

  publish(id: string): Promise<FlowVersionSummary> {
    return this.client.request('POST', `/v1/flows/${id}/publish`, {});
  }

  versions(id: string): Promise<Page<FlowVersionSummary>> {
    return this.client.request('GET', `/v1/flows/${id}/versions?limit=100`);
  }

  restore(id: string, versionId: string): Promise<FlowDetail> {
    return this.client.request('POST', `/v1/flows/${id}/versions/${versionId}/restore`, {});
  }
}
