import type { FlowGraph } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FlowVersionsStore, type LiveFlowRow, type PublishedFlowRow, type VersionOfFlow } from './flow-versions.store';
import type { FlowVersion } from './entities/flow-version.entity';
import type { Flow } from './entities/flow.entity';

export type { LiveFlowRow, PublishedFlowRow, VersionOfFlow } from './flow-versions.store';
export type PublishedFlowVersion = Pick<FlowVersion, 'id' | 'flowId' | 'graph'>;

/**
 * What the runtime asks of flows (the engine loads versions, routing reads live triggers and binds next-post
 * triggers, runs restart a flow): a module apart from the flows REST API, so the engine can depend on it while
 * the REST API shows run counts from the runs module.
 */
@Injectable()
export class FlowVersionsService {
  constructor(private readonly store: FlowVersionsStore) {}

  /** The version with its flow, or null when there is no such version. */
  load(flowVersionId: string): Promise<VersionOfFlow | null> {
    return this.store.load(flowVersionId);
  }

  /** Read when a run starts, not cached: flows can be renamed, and flow_completed reports the current name. */
  flowName(flowId: string, manager?: EntityManager): Promise<string> {
    return this.store.flowName(flowId, manager);
  }

  /** A version of this flow, or null. */
  versionOf(flowId: string, versionId: string): Promise<PublishedFlowVersion | null> {
    return this.store.versionOf(flowId, versionId);
  }

  /** Of these flows of the account, the ones another flow may hand over to: published and not deleted. Ids need not be UUIDs. */
  publishedFlows(accountId: string, flowIds: string[], manager?: EntityManager): Promise<PublishedFlowRow[]> {
    const uuids = flowIds.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    return this.store.publishedFlows(accountId, [...new Set(uuids)], manager);
  }

  /** The account's flow (also a deleted one), for deciding whether a run of it may start again. */
  findFlow(accountId: string, flowId: string): Promise<Pick<Flow, 'id' | 'deletedAt' | 'publishedVersionId'> | null> {
    return this.store.findFlow(accountId, flowId);
  }

  liveFlows(accountId: string, instagramAccountId: string): Promise<LiveFlowRow[]> {
    return this.store.liveFlows(accountId, instagramAccountId);
  }

  graphOf(flowVersionId: string): Promise<FlowGraph | null> {
    return this.store.graphOf(flowVersionId);
  }

  bindToPost(flowId: string, mediaId: string, publishedAt: Date): Promise<string> {
    return this.store.bindToPost(flowId, mediaId, publishedAt);
  }
}
