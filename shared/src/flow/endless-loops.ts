import { BLOCKS } from '../blocks';
import type { FlowProblem } from './flow-problem';
import type { GraphIndex } from './graph-index';

function listed(names: string[], last: string): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}

/** The loops (strongly connected sets of nodes, Tarjan's algorithm) among the nodes `keep` accepts. */
function loopsAmong(index: GraphIndex, keep: (nodeId: string) => boolean): string[][] {
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (nodeId: string): void => {
    order.set(nodeId, order.size);
    lowest.set(nodeId, order.get(nodeId) as number);
    stack.push(nodeId);
    onStack.add(nodeId);
    let selfLoop = false;
    for (const { target } of index.successors(nodeId)) {
      const id = target.node.id;
      if (!keep(id)) continue;
      if (id === nodeId) selfLoop = true;
      if (!order.has(id)) {
        visit(id);
        lowest.set(nodeId, Math.min(lowest.get(nodeId) as number, lowest.get(id) as number));
      } else if (onStack.has(id)) {
        lowest.set(nodeId, Math.min(lowest.get(nodeId) as number, order.get(id) as number));
      }
    }
    if (lowest.get(nodeId) !== order.get(nodeId)) return;
    const members: string[] = [];
    let member: string | undefined;
    do {
      // The component's root is on the stack, so the loop ends at it at the latest.
      member = stack.pop() ?? nodeId;
      onStack.delete(member);
      members.push(member);
    } while (member !== nodeId);
    if (members.length > 1 || selfLoop) loops.push(members);
  };
  for (const nodeId of index.nodes.keys()) if (keep(nodeId) && !order.has(nodeId)) visit(nodeId);
  return loops;
}

/**
 * A loop must park the run somewhere (wait for time or for the contact): a loop through blocks that never wait
 * would spin inside one transition, and one through effects alone (HTTP requests, profile fetches) would run
 * for ever at full speed, one step after another.
 */
export function endlessLoops(index: GraphIndex): FlowProblem[] {
  const graphOrder = [...index.nodes.keys()];
  const parking = listed(
    Object.values(BLOCKS)
      .filter((definition) => definition.parksRun)
      .map((definition) => definition.label.toLowerCase()),
    'or',
  );
  const doesNotPark = (nodeId: string) => !index.nodes.get(nodeId)?.definition.parksRun;
  return loopsAmong(index, doesNotPark)
    .map((members) => members.sort((a, b) => graphOrder.indexOf(a) - graphOrder.indexOf(b)))
    .sort((a, b) => graphOrder.indexOf(a[0]) - graphOrder.indexOf(b[0]))
    .map((members) => ({
      nodeId: members[0],
      message:
        members.length === 1
          ? `block ${members[0]} leads back to itself without a ${parking} to wait at; a run would go round it for ever`
          : `blocks ${listed(members, 'and')} form a loop without a ${parking} to wait at; a run would go round it for ever`,
    }));
}
