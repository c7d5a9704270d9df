import { flowTrigger, migrateFlow, type TriggerConfig } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccountChanges } from '../../core/database/account-changes';
import { AccountScopedCache } from '../../core/database/account-scoped-cache';
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
  private readonly live: AccountScopedCache<string, TriggerCandidate[]>;
  private readonly optOut: AccountScopedCache<string, OptOutKeywords>;

  constructor(
    private readonly versions: FlowVersionsService,
    private readonly optOutKeywordsStore: OptOutService,
    changes: AccountChanges,
  ) {
    const perAccount = { max: ACCOUNT_CACHE_LIMIT, ttlMs: LIVE_TRIGGERS_TTL_MS };
    this.live = new AccountScopedCache(changes, { ...perAccount, accountOf: (key) => key.slice(0, key.indexOf('|')) });
    this.optOut = new AccountScopedCache(changes, { ...perAccount, accountOf: (accountId) => accountId });
  }

  candidates(accountId: string, instagramAccountId: string): Promise<TriggerCandidate[]> {
    return this.live.through(`${accountId}|${instagramAccountId}`, () => this.load(accountId, instagramAccountId));
  }

  /** The account's stop and re-subscribe keywords (the defaults when it set none). */
  optOutKeywords(accountId: string): Promise<OptOutKeywords> {
    return this.optOut.through(accountId, () => this.optOutKeywordsStore.keywordsOf(accountId));
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
