import type { FlowGraph, FlowNode } from '@dmflow/shared';
import { assertNever } from '@dmflow/shared';
import type { FlowAction } from './flow-actions';

function updateNode(graph: FlowGraph, nodeId: string, update: (node: FlowNode) => FlowNode): FlowGraph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === nodeId ? update(node) : node)) };
}

/** The one place a flow document changes. Pure: returns a new document, or the same one when nothing changed. */
export function applyFlowAction(graph: FlowGraph, action: FlowAction): FlowGraph {
  switch (action.type) {
    case 'add_node':
      return { ...graph, nodes: [...graph.nodes, action.node] };
    case 'add_connected_node': {
      const replaced = new Set(action.replacedEdgeIds);
      const added = { ...graph, nodes: [...graph.nodes, action.node], edges: graph.edges.filter((edge) => !replaced.has(edge.id)) };
      return action.edges.reduce((current, edge) => applyFlowAction(current, { type: 'connect', edge }), added);
    }
    case 'move_nodes': {
      const moved = graph.nodes.some((node) => {
        const position = action.positions[node.id];
        return position && (position.x !== node.position.x || position.y !== node.position.y);
      });
      if (!moved) return graph;
      return {
        ...graph,
        nodes: graph.nodes.map((node) => (action.positions[node.id] ? { ...node, position: action.positions[node.id] } : node)),
      };
    }
    case 'remove_elements': {
      const nodeIds = new Set(action.nodeIds);
      const edgeIds = new Set(action.edgeIds);
      if (nodeIds.size === 0 && edgeIds.size === 0) return graph;
      return {
        ...graph,
        nodes: graph.nodes.filter((node) => !nodeIds.has(node.id)),
        edges: graph.edges.filter((edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target)),
      };
    }
    case 'connect': {
      const { edge } = action;
      if (edge.source === edge.target) return graph;
      // A port leads to one block: connecting it again moves the connection.
      const others = graph.edges.filter((existing) => !(existing.source === edge.source && existing.sourceHandle === edge.sourceHandle));
      const withEdge = { ...graph, edges: [...others, edge] };
      return updateNode(withEdge, edge.source, (node) =>
        node.data.terminalPorts?.includes(edge.sourceHandle)
          ? { ...node, data: { ...node.data, terminalPorts: node.data.terminalPorts.filter((port) => port !== edge.sourceHandle) } }
          : node,
      );
    }
    case 'update_config':
      return updateNode(graph, action.nodeId, (node) => ({ ...node, data: { ...node.data, config: action.config } }));
    case 'rename_node':
      return updateNode(graph, action.nodeId, (node) => ({ ...node, data: { ...node.data, title: action.title || undefined } }));
    case 'set_terminal_port':
      return updateNode(graph, action.nodeId, (node) => {
        const ports = new Set(node.data.terminalPorts ?? []);
        if (action.terminal) ports.add(action.portId);
        else ports.delete(action.portId);
        return { ...node, data: { ...node.data, terminalPorts: [...ports] } };
      });
    case 'paste':
      return { ...graph, nodes: [...graph.nodes, ...action.nodes], edges: [...graph.edges, ...action.edges] };
    case 'replace_graph':
      return action.graph;
    default:
      return assertNever(action);
  }
}
