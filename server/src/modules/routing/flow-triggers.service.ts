import { flowTrigger, migrateFlow, type TriggerConfig } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccountChanges } from '../../core/database/account-changes';
import type { OptOutKeywords } from '../contacts/opt-out/opt-out-keywords';
import { OptOutService } from '../contacts/opt-out/opt-out.service';
import { FlowVersionsService } from '../flows/flow-versions.service';
import type { TriggerCandidate } from './choose-trigger';

const CONFIG_CACHE_LIMIT = 1000;
const ACCOUNT_CACHE_LIMIT = 10_000;
/**
 * A safety net only: changes drop an account's entry at once (AccountChanges; Postgres triggers on flows and
 * flow_post_bindings, migration 1765500000100, and opt_out_settings, 1766840000000).
 */
const LIVE_TRIGGERS_TTL_MS = 60_000;

/**
 * The triggers of an Instagram account's live flows (published, enabled, not deleted), with bound next-post triggers
 * filled in, and the account's opt-out keywords; kept in memory per account, so routing an event reads neither from
 * Postgres. Any change to an account's flows or keywords, by any writer, NOTIFYs its id at commit and every process
 * drops that account's entries; after a lost LISTEN connection everything is dropped, and entries expire after a
 * minute regardless.
 */
@Injectable()
export class FlowTriggersService {
  /** Trigger configs by published version id; versions never change, so entries never go stale. */
  private readonly configs = new LRUCache<string, { config: TriggerConfig | null }>({ max: CONFIG_CACHE_LIMIT });
  private readonly live = new LRUCache<string, TriggerCandidate[]>({ max: ACCOUNT_CACHE_LIMIT, ttl: LIVE_TRIGGERS_TTL_MS });
  private readonly optOut = new LRUCache<string, OptOutKeywords>({ max: ACCOUNT_CACHE_LIMIT, ttl: LIVE_TRIGGERS_TTL_MS });
  /** Bumped by every invalidation: a read that started before one does not fill the cache with what it read. */
  private generation = 0;
  /**
   * Subscribed at each use rather than at construction, so a process that never uses this cache holds no LISTEN
   * connection for it; one callback, so subscribing again changes nothing.
   */
  private readonly onAccountChanged = (accountId: string | null) => this.forget(accountId);

  constructor(
    private readonly versions: FlowVersionsService,
    private readonly optOutKeywordsStore: OptOutService,
    private readonly changes: AccountChanges,
  ) {}

  async candidates(accountId: string, instagramAccountId: string): Promise<TriggerCandidate[]> {
    this.changes.subscribe(this.onAccountChanged);
    const key = `${accountId}|${instagramAccountId}`;
    const cached = this.live.get(key);
    if (cached) return cached;
    const generation = this.generation;
    const candidates = await this.load(accountId, instagramAccountId);
    if (generation === this.generation) this.live.set(key, candidates);
    return candidates;
  }

  /** The account's stop and re-subscribe keywords (the defaults when it set none). */
  async optOutKeywords(accountId: string): Promise<OptOutKeywords> {
    this.changes.subscribe(this.onAccountChanged);
    const cached = this.optOut.get(accountId);
    if (cached) return cached;
    const generation = this.generation;
    const keywords = await this.optOutKeywordsStore.keywordsOf(accountId);
    if (generation === this.generation) this.optOut.set(accountId, keywords);
    return keywords;
  }

  /** Drops one account's entries, or all of them (null: a lost connection may have missed notifications). */
  private forget(accountId: string | null): void {
    this.generation++;
    if (accountId === null) {
      this.optOut.clear();
      return this.live.clear();
    }
    this.optOut.delete(accountId);
    for (const key of [...this.live.keys()]) if (key.startsWith(`${accountId}|`)) this.live.delete(key);
  }

  private async load(accountId: string, instagramAccountId: string): Promise<TriggerCandidate[]> {
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
    const cached = this.configs.get(flowVersionId);
    if (cached) return cached.config;
    const graph = await this.versions.graphOf(flowVersionId);
    const config = graph ? flowTrigger(migrateFlow(graph)) : null;
    this.configs.set(flowVersionId, { config });
    return config;
  }
}
