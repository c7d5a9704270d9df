import { blockDefinition, type FlowGraph, type FlowNode, isBlockType } from '@dmflow/shared';
import { blockPorts } from '../canvas/block-ports';
import type { FlowDispatch } from '../store/flow-actions';
import { newId } from '../store/new-node';

const NOT_CONNECTED = '';
const ENDS_FLOW = '$end';

/** Each block by the name the author sees; blocks with the same name are numbered in canvas order (left to right). */
export function targetLabels(nodes: readonly FlowNode[]): Map<string, string> {
  const nameOf = (node: FlowNode) => node.data.title || (isBlockType(node.type) ? blockDefinition(node.type).label : node.type);
  const ordered = [...nodes].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  const totals = new Map<string, number>();
  for (const node of ordered) totals.set(nameOf(node), (totals.get(nameOf(node)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const node of ordered) {
    const name = nameOf(node);
    const index = (seen.get(name) ?? 0) + 1;
    seen.set(name, index);
    labels.set(node.id, (totals.get(name) ?? 0) > 1 ? `${name} ${index}` : name);
  }
  return labels;
}

/** Where each exit of the block leads: the keyboard way to connect blocks, and to mark an exit as ending the flow. */
export function PortConnections({ graph, node, dispatch }: { graph: FlowGraph; node: FlowNode; dispatch: FlowDispatch }) {
  const ports = blockPorts(node);
  if (ports.length === 0) return null;
  const targets = graph.nodes.filter((candidate) => candidate.id !== node.id && candidate.type !== 'trigger');
  const terminal = new Set(node.data.terminalPorts ?? []);
  const labels = targetLabels(targets);

  const choose = (portId: string, choice: string) => {
    const existing = graph.edges.find((edge) => edge.source === node.id && edge.sourceHandle === portId);
    if (choice === ENDS_FLOW || choice === NOT_CONNECTED) {
      if (existing) dispatch({ type: 'remove_elements', nodeIds: [], edgeIds: [existing.id] });
      dispatch({ type: 'set_terminal_port', nodeId: node.id, portId, terminal: choice === ENDS_FLOW });
      return;
    }
    dispatch({ type: 'connect', edge: { id: newId('edge'), source: node.id, sourceHandle: portId, target: choice } });
  };

  return (
    <fieldset className="port-connections">
      <legend>Exits</legend>
      {ports.map((port) => {
        const edge = graph.edges.find((candidate) => candidate.source === node.id && candidate.sourceHandle === port.id);
        const value = edge ? edge.target : terminal.has(port.id) ? ENDS_FLOW : NOT_CONNECTED;
        return (
          <div className="field" key={port.id}>
            <label htmlFor={`port-${port.id}`}>{port.label} →</label>
            <select id={`port-${port.id}`} data-port={port.id} value={value} onChange={(event) => choose(port.id, event.target.value)}>
              <option value={NOT_CONNECTED}>Not connected</option>
              <option value={ENDS_FLOW}>Ends the flow</option>
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {labels.get(target.id)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
