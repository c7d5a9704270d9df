import { flowTrigger, migrateFlow, type FlowGraph, type TriggerConfig } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TriggerCandidate } from './choose-trigger';

const CACHE_LIMIT = 1000;

/** The triggers of an Instagram account's live flows (published, enabled, not deleted), with bound next-post triggers filled in. */
@Injectable()
export class FlowTriggersService {
  /** Trigger configs by published version id; versions never change, so entries never go stale. */
  private readonly configs = new Map<string, TriggerConfig | null>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async candidates(accountId: string, instagramAccountId: string): Promise<TriggerCandidate[]> {
    const flows: Array<{ flow_id: string; version_id: string; created_at: Date; published_at: Date; bound_media_id: string | null }> = await this.dataSource.query(
      `SELECT f.id AS flow_id, f.published_version_id AS version_id, f.created_at, v.published_at, b.media_id AS bound_media_id
         FROM flows f
         JOIN flow_versions v ON v.id = f.published_version_id
         LEFT JOIN flow_post_bindings b ON b.flow_id = f.id
        WHERE f.account_id = $1 AND (f.instagram_account_id = $2 OR f.instagram_account_id IS NULL)
          AND f.enabled AND f.deleted_at IS NULL AND f.published_version_id IS NOT NULL`,
      [accountId, instagramAccountId],
    );
    const candidates: TriggerCandidate[] = [];
    for (const flow of flows) {
      const config = await this.triggerConfig(flow.version_id);
      if (!config) continue;
      const boundConfig = config.source === 'comment' && config.postScope === 'next' && flow.bound_media_id ? { ...config, mediaId: flow.bound_media_id } : config;
      candidates.push({ flowId: flow.flow_id, flowVersionId: flow.version_id, config: boundConfig, createdAt: new Date(flow.created_at), liveSince: new Date(flow.published_at) });
    }
    return candidates;
  }

  private async triggerConfig(flowVersionId: string): Promise<TriggerConfig | null> {
    if (this.configs.has(flowVersionId)) return this.configs.get(flowVersionId) ?? null;
    const [version]: Array<{ graph: FlowGraph }> = await this.dataSource.query('SELECT graph FROM flow_versions WHERE id = $1', [flowVersionId]);
    const config = version ? flowTrigger(migrateFlow(version.graph)) : null;
    if (this.configs.size >= CACHE_LIMIT) this.configs.delete(this.configs.keys().next().value as string);
    this.configs.set(flowVersionId, config);
    return config;
  }
}
