import { compileFlow, flowTrigger, migrateFlow, nodeAwaitsContactInput, type FlowMachine } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { EngineErrors } from './engine.errors';

export interface LoadedFlowVersion {
  flowVersionId: string;
  flowId: string;
  accountId: string;
  machine: FlowMachine;
  /** The trigger node's config, for its per-user rule. */
  oncePerUser: boolean;
  /** Nodes where a parked run takes the contact's next message or tap as input (questions, branching buttons). */
  inputNodeIds: ReadonlySet<string>;
}

/**
 * A compiled machine holds the graph's nodes and configs again in XState's shape, plus closures: its memory is
 * estimated as this many times the graph's JSON size (measured roughly on the templates; it errs on the large side).
 */
const COMPILED_BYTES_PER_GRAPH_BYTE = 8;

type SizedFlowVersion = LoadedFlowVersion & { estimatedBytes: number };

/**
 * Compiled machines per published version, least recently used evicted first once their estimated size passes
 * FLOW_CACHE_MAX_BYTES, so many large versions can't grow the process without bound. Versions are immutable, so
 * an entry never goes stale; a version larger than the whole budget is compiled per use and not kept.
 */
@Injectable()
export class FlowMachines {
  private readonly cache: LRUCache<string, SizedFlowVersion>;

  constructor(
    private readonly versions: FlowVersionsService,
    @InjectAppConfig() config: Pick<AppConfig, 'flowCacheMaxBytes'>,
  ) {
    this.cache = new LRUCache({ maxSize: config.flowCacheMaxBytes, sizeCalculation: (entry) => Math.max(1, entry.estimatedBytes) });
  }

  async load(flowVersionId: string): Promise<LoadedFlowVersion> {
    const cached = this.cache.get(flowVersionId);
    if (cached) return cached;
    const found = await this.versions.load(flowVersionId);
    if (!found) throw EngineErrors.flowVersionNotFound(flowVersionId);
    const { version, flow } = found;
    const graph = migrateFlow(version.graph);
    const loaded: SizedFlowVersion = {
      flowVersionId,
      flowId: flow.id,
      accountId: flow.accountId,
      machine: compileFlow(graph),
      oncePerUser: flowTrigger(graph)?.oncePerUser === true,
      inputNodeIds: new Set(graph.nodes.filter((node) => nodeAwaitsContactInput(node)).map((node) => node.id)),
      estimatedBytes: Buffer.byteLength(JSON.stringify(version.graph)) * COMPILED_BYTES_PER_GRAPH_BYTE,
    };
    if (loaded.estimatedBytes <= this.cache.maxSize) this.cache.set(flowVersionId, loaded);
    return loaded;
  }
}
