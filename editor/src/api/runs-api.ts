import type { PageView } from '@dmflow/shared';
import type { ApiClient } from './api-client';

export type RunStatus = 'active' | 'waiting' | 'completed' | 'failed' | 'cancelled' | 'in_doubt';

/** A run as GET /v1/runs sends it. */
export interface RunView {
  id: string;
  flow_id: string;
  flow_version_id: string;
  contact_id: string;
  status: RunStatus;
  current_node_id: string;
  variables: Record<string, unknown>;
  tags: string[];
  started_at: string;
  updated_at: string;
  ended_at: string | null;
  /** Why a failed run failed. */
  error: string | null;
  failed_node_id: string | null;
}

export interface StartRunView {
  started: boolean;
  run_id: string;
  /** Why no run started: run_in_progress or already_ran. */
  reason?: string;
}

export interface RunFilters {
  status?: RunStatus;
  contactId?: string;
  flowId?: string;
}

export class RunsApi {
  constructor(private readonly client: ApiClient) {}

  list(filters: RunFilters, cursor?: string): Promise<PageView<RunView>> {
    const query = new URLSearchParams({ limit: '100' });
    if (filters.status) query.set('status', filters.status);
    if (filters.contactId) query.set('contact_id', filters.contactId);
    if (filters.flowId) query.set('flow_id', filters.flowId);
    if (cursor) query.set('cursor', cursor);
    return this.client.request('GET', `/v1/runs?${query.toString()}`);
  }

  retry(id: string, from: 'failed_step' | 'start'): Promise<RunView> {
    return this.client.request('POST', `/v1/runs/${id}/retry`, { from });
  }

  /** Runs a published version for a real contact: the messages go out through Instagram. */
  start(flowVersionId: string, contactId: string, text?: string): Promise<StartRunView> {
    return this.client.request('POST', '/v1/runs', { flow_version_id: flowVersionId, contact_id: contactId, ...(text ? { text } : {}) });
  }
}
