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
  /** Whether the trigger starts new runs (a paused flow lets open runs finish). */
  enabled: boolean;
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

export interface NodeAnalytics {
  node_id: string;
  type: string;
  label?: string;
  entered: number;
  exited: number;
  dropped: number;
  waiting: number;
  answers?: { answered: number; skipped: number; invalid: number; timed_out: number; answer_rate: number | null };
}

/** GET /v1/flows/:id/analytics: the live version's funnel over runs started in [from, to). */
export interface FlowAnalytics {
  flow_id: string;
  flow_version_id: string;
  from: string;
  to: string;
  runs: { entered: number; completed: number; dropped: number; in_progress: number };
  conversion_rate: number | null;
  nodes: NodeAnalytics[];
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

  analytics(id: string, range: { from: Date; to: Date }): Promise<FlowAnalytics> {
    return this.client.request('GET', `/v1/flows/${id}/analytics?from=${encodeURIComponent(range.from.toISOString())}&to=${encodeURIComponent(range.to.toISOString())}`);
  }

  setEnabled(id: string, enabled: boolean): Promise<FlowDetail> {
    return this.client.request('POST', `/v1/flows/${id}/${enabled ? 'enable' : 'disable'}`, {});
  }

  restore(id: string, versionId: string): Promise<FlowDetail> {
    return this.client.request('POST', `/v1/flows/${id}/versions/${versionId}/restore`, {});
  }
}
