import { blockDefinition, type FlowGraph, type FlowNode, isBlockType } from '@dmflow/shared';
import { blockPorts } from '../canvas/block-ports';
import type { FlowDispatch } from '../store/flow-actions';
import { newId } from '../store/new-node';

const NOT_CONNECTED = '';
const ENDS_FLOW = '$end';

function nodeLabel(node: FlowNode): string {
  const label = node.data.title || (isBlockType(node.type) ? blockDefinition(node.type).label : node.type);
  return `${label} (${node.id})`;
}

/** Where each exit of the block leads: the keyboard way to connect blocks, and to mark an exit as ending the flow. */
export function PortConnections({ graph, node, dispatch }: { graph: FlowGraph; node: FlowNode; dispatch: FlowDispatch }) {
  const ports = blockPorts(node);
  if (ports.length === 0) return null;
  const targets = graph.nodes.filter((candidate) => candidate.id !== node.id && candidate.type !== 'trigger');
  const terminal = new Set(node.data.terminalPorts ?? []);

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
                  {nodeLabel(target)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
