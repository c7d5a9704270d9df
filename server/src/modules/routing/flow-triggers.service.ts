import { flowTrigger, migrateFlow, type TriggerConfig } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { FlowVersionsService } from '../flows/flow-versions.service';
import type { TriggerCandidate } from './choose-trigger';

const CACHE_LIMIT = 1000;

/** The triggers of an Instagram account's live flows (published, enabled, not deleted), with bound next-post triggers filled in. */
@Injectable()
export class FlowTriggersService {
  /** Trigger configs by published version id; versions never change, so entries never go stale. */
  private readonly configs = new Map<string, TriggerConfig | null>();

  constructor(private readonly versions: FlowVersionsService) {}

  async candidates(accountId: string, instagramAccountId: string): Promise<TriggerCandidate[]> {
    const flows = await this.versions.liveFlows(accountId, instagramAccountId);
    const candidates: TriggerCandidate[] = [];
    for (const flow of flows) {
      const config = await this.triggerConfig(flow.version_id);
      if (!config) continue;
      const boundConfig =
        config.source === 'comment' && config.postScope === 'next' && flow.bound_media_id
          ? { ...config, mediaId: flow.bound_media_id }
          : config;
      candidates.push({
        flowId: flow.flow_id,
        flowVersionId: flow.version_id,
        config: boundConfig,
        createdAt: new Date(flow.created_at),
        liveSince: new Date(flow.published_at),
      });
    }
    return candidates;
  }

  private async triggerConfig(flowVersionId: string): Promise<TriggerConfig | null> {
    if (this.configs.has(flowVersionId)) return this.configs.get(flowVersionId) ?? null;
    const graph = await this.versions.graphOf(flowVersionId);
    const config = graph ? flowTrigger(migrateFlow(graph)) : null;
    if (this.configs.size >= CACHE_LIMIT) this.configs.delete(this.configs.keys().next().value as string);
    this.configs.set(flowVersionId, config);
    return config;
  }
}
