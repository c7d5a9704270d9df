import { BLOCKS } from '../blocks';
import type { BlockDefinition, PortDefinition } from '../kernel/block-definition';
import { isBlockType } from '../kernel/block-type';
import { toConfig } from '../kernel/config-validation';
import type { FlowEdge, FlowGraph, FlowNode } from './flow-graph';

export interface IndexedNode {
  node: FlowNode;
  definition: BlockDefinition;
  config: object;
  ports: PortDefinition[];
}

/** Lookups over a graph shared by the validator and the compiler. Unknown block types are left out. */
export class GraphIndex {
  readonly nodes = new Map<string, IndexedNode>();
  /** `nodeId` → `portId` → edge. */
  readonly outgoing = new Map<string, Map<string, FlowEdge>>();

  constructor(readonly graph: FlowGraph) {
    for (const node of graph.nodes) {
      if (!isBlockType(node.type) || this.nodes.has(node.id)) continue;
      const definition: BlockDefinition = BLOCKS[node.type];
      const config = toConfig(definition, node.data?.config);
      let ports: PortDefinition[];
      try {
        ports = definition.ports(config);
      } catch {
        ports = [];
      }
      this.nodes.set(node.id, { node, definition, config, ports });
    }
    for (const edge of graph.edges) {
      if (!this.nodes.has(edge.source)) continue;
      const byPort = this.outgoing.get(edge.source) ?? new Map<string, FlowEdge>();
      if (!byPort.has(edge.sourceHandle)) byPort.set(edge.sourceHandle, edge);
      this.outgoing.set(edge.source, byPort);
    }
  }

  /** The node a port leads to, or undefined when the port is unconnected (or its edge dangles). */
  target(nodeId: string, portId: string): IndexedNode | undefined {
    const edge = this.outgoing.get(nodeId)?.get(portId);
    return edge ? this.nodes.get(edge.target) : undefined;
  }

  successors(nodeId: string): { port: string; target: IndexedNode }[] {
    const indexed = this.nodes.get(nodeId);
    if (!indexed) return [];
    return indexed.ports.flatMap((port) => {
      const target = this.target(nodeId, port.id);
      return target ? [{ port: port.id, target }] : [];
    });
  }

  triggers(): IndexedNode[] {
    return [...this.nodes.values()].filter((indexed) => indexed.node.type === 'trigger');
  }

  isTerminal(nodeId: string, portId: string): boolean {
    return this.nodes.get(nodeId)?.node.data?.terminalPorts?.includes(portId) ?? false;
  }
}
