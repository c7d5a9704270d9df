import { compileFlow, flowTrigger, migrateFlow, nodeAwaitsContactInput, type FlowMachine } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
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

const CACHE_LIMIT = 500;

/** Compiled machines per published version. Versions are immutable, so the cache never goes stale. */
@Injectable()
export class FlowMachines {
  private readonly cache = new Map<string, LoadedFlowVersion>();

  constructor(private readonly versions: FlowVersionsService) {}

  async load(flowVersionId: string): Promise<LoadedFlowVersion> {
    const cached = this.cache.get(flowVersionId);
    if (cached) return cached;
    const found = await this.versions.load(flowVersionId);
    if (!found) throw EngineErrors.flowVersionNotFound(flowVersionId);
    const { version, flow } = found;
    const graph = migrateFlow(version.graph);
    const loaded: LoadedFlowVersion = {
      flowVersionId,
      flowId: flow.id,
      accountId: flow.accountId,
      machine: compileFlow(graph),
      oncePerUser: flowTrigger(graph)?.oncePerUser === true,
      inputNodeIds: new Set(graph.nodes.filter((node) => nodeAwaitsContactInput(node)).map((node) => node.id)),
    };
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(flowVersionId, loaded);
    return loaded;
  }
}
