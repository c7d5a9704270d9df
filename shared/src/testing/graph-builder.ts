import { BLOCKS } from '../blocks';
import type { BlockType } from '../kernel/block-type';
import { FLOW_SCHEMA_VERSION, type FlowEdge, type FlowGraph, type FlowNode } from '../flow/flow-graph';

/** Small graphs for specs: nodes start from their block defaults. */
export class GraphBuilder {
  private readonly nodes: FlowNode[] = [];
  private readonly edges: FlowEdge[] = [];

  node(id: string, type: string, config: Record<string, unknown> = {}, terminalPorts?: string[]): this {
    const defaults = type in BLOCKS ? { ...BLOCKS[type as BlockType].defaults() } : {};
    this.nodes.push({
      id,
      type,
      position: { x: this.nodes.length * 200, y: 0 },
      data: { config: { ...defaults, ...config }, ...(terminalPorts ? { terminalPorts } : {}) },
    });
    return this;
  }

  edge(source: string, sourceHandle: string, target: string, id = `${source}.${sourceHandle}->${target}`): this {
    this.edges.push({ id, source, sourceHandle, target });
    return this;
  }

  /** trigger → a → b → … chained through each node's `next` port. */
  chain(...ids: string[]): this {
    for (let i = 0; i < ids.length - 1; i++) this.edge(ids[i], 'next', ids[i + 1]);
    return this;
  }

  build(): FlowGraph {
    return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: [...this.nodes], edges: [...this.edges] };
  }
}

export const flow = () => new GraphBuilder();
