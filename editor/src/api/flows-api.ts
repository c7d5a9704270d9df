import type {
  AiAnswer,
  AiTask,
  FlowAnalyticsView,
  FlowGraph,
  FlowSummaryView,
  FlowValidation,
  FlowVersionView,
  FlowView,
  PageView,
} from '@dmflow/shared';
import type { ApiClient } from './api-client';

/** The /v1/flows endpoints the editor uses. */
export class FlowsApi {
  constructor(private readonly client: ApiClient) {}

  list(cursor?: string): Promise<PageView<FlowSummaryView>> {
    return this.client.request('GET', `/v1/flows?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  }

  /** Every flow of the account: `list` page after page. */
  async listAll(): Promise<FlowSummaryView[]> {
    const all: FlowSummaryView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(cursor);
      all.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return all;
  }

  create(name: string, draft?: FlowGraph): Promise<FlowView> {
    return this.client.request('POST', '/v1/flows', { name, ...(draft ? { draft } : {}) });
  }

  get(id: string): Promise<FlowView> {
    return this.client.request('GET', `/v1/flows/${id}`);
  }

  save(id: string, revision: number, changes: { name?: string; draft?: FlowGraph }): Promise<FlowView> {
    return this.client.request('PATCH', `/v1/flows/${id}`, { ...changes, revision });
  }

  duplicate(id: string): Promise<FlowView> {
    return this.client.request('POST', `/v1/flows/${id}/duplicate`, {});
  }

  remove(id: string): Promise<void> {
    return this.client.request('DELETE', `/v1/flows/${id}`);
  }

  validate(id: string): Promise<FlowValidation> {
    return this.client.request('POST', `/v1/flows/${id}/validate`, {});
  }

  publish(id: string): Promise<FlowVersionView> {
    return this.client.request('POST', `/v1/flows/${id}/publish`, {});
  }

  versions(id: string): Promise<PageView<FlowVersionView>> {
    return this.client.request('GET', `/v1/flows/${id}/versions?limit=100`);
  }

  analytics(id: string, range: { from: Date; to: Date }): Promise<FlowAnalyticsView> {
    return this.client.request(
      'GET',
      `/v1/flows/${id}/analytics?from=${encodeURIComponent(range.from.toISOString())}&to=${encodeURIComponent(range.to.toISOString())}`,
    );
  }

  setEnabled(id: string, enabled: boolean): Promise<FlowView> {
    return this.client.request('POST', `/v1/flows/${id}/${enabled ? 'enable' : 'disable'}`, {});
  }

  restore(id: string, versionId: string): Promise<FlowView> {
    return this.client.request('POST', `/v1/flows/${id}/versions/${versionId}/restore`, {});
  }

  /** The preview's AI blocks ask the workspace's provider (or the local one when none is set) through the server. */
  async previewAi(task: AiTask): Promise<{ answer: AiAnswer } | { error: string }> {
    const view = await this.client.request<{ answer: AiAnswer | null; error: string | null }>('POST', '/v1/ai/preview', { task });
    return view.answer ? { answer: view.answer } : { error: view.error ?? 'no answer' };
  }
}
