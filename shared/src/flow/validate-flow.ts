import { BLOCKS } from '../blocks';
import { isBlockType } from '../kernel/block-type';
import { validateConfig } from '../kernel/config-validation';
import { endlessLoops } from './endless-loops';
import type { FlowGraph } from './flow-graph';
import type { FlowProblem, FlowValidation } from './flow-problem';
import { GraphIndex } from './graph-index';
import { messagingWindowWarnings } from './messaging-window-warnings';

function structureProblems(graph: FlowGraph, index: GraphIndex): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const seenNodeIds = new Set<string>();
  for (const node of graph.nodes) {
    if (seenNodeIds.has(node.id)) problems.push({ nodeId: node.id, message: `two nodes share the id "${node.id}"` });
    seenNodeIds.add(node.id);
    if (!isBlockType(node.type)) problems.push({ nodeId: node.id, message: `unknown block type "${node.type}"` });
  }

  const triggers = index.triggers();
  if (triggers.length === 0) problems.push({ nodeId: null, message: 'the flow has no trigger' });
  for (const extra of triggers.slice(1))
    problems.push({ nodeId: extra.node.id, message: 'a flow has exactly one trigger; remove this one' });

  const seenEdgeIds = new Set<string>();
  const seenPorts = new Set<string>();
  for (const edge of graph.edges) {
    if (seenEdgeIds.has(edge.id)) problems.push({ nodeId: edge.source, edgeId: edge.id, message: `two edges share the id "${edge.id}"` });
    seenEdgeIds.add(edge.id);
    const source = index.nodes.get(edge.source);
    if (!source) {
      problems.push({ nodeId: null, edgeId: edge.id, message: `edge ${edge.id} starts at missing node "${edge.source}"` });
      continue;
    }
    if (!index.nodes.has(edge.target)) {
      problems.push({ nodeId: edge.source, edgeId: edge.id, message: `edge ${edge.id} leads to missing node "${edge.target}"` });
    }
    if (!source.ports.some((port) => port.id === edge.sourceHandle)) {
      problems.push({
        nodeId: edge.source,
        edgeId: edge.id,
        message: `edge ${edge.id} leaves from port "${edge.sourceHandle}", which this block does not have`,
      });
    }
    const portKey = `${edge.source}\u0000${edge.sourceHandle}`;
    if (seenPorts.has(portKey))
      problems.push({ nodeId: edge.source, edgeId: edge.id, message: `port "${edge.sourceHandle}" is connected twice` });
    seenPorts.add(portKey);
    if (index.nodes.get(edge.target)?.node.type === 'trigger')
      problems.push({ nodeId: edge.target, edgeId: edge.id, message: 'nothing may lead into the trigger' });
  }

  for (const [nodeId, indexed] of index.nodes) {
    for (const port of indexed.ports) {
      if (!index.outgoing.get(nodeId)?.has(port.id) && !index.isTerminal(nodeId, port.id)) {
        problems.push({ nodeId, message: `port "${port.label}" is not connected; connect it or mark it as ending the flow` });
      }
    }
  }
  return problems;
}

function reachability(index: GraphIndex): FlowProblem[] {
  const trigger = index.triggers()[0];
  if (!trigger) return [];
  const reached = new Set([trigger.node.id]);
  const queue = [trigger.node.id];
  while (queue.length) {
    for (const { target } of index.successors(queue.shift() as string)) {
      if (!reached.has(target.node.id)) {
        reached.add(target.node.id);
        queue.push(target.node.id);
      }
    }
  }
  // Extra triggers are already reported as such.
  return [...index.nodes.values()]
    .filter((indexed) => !reached.has(indexed.node.id) && indexed.node.type !== 'trigger')
    .map((indexed) => indexed.node.id)
    .map((nodeId) => ({ nodeId, message: 'this block can never be reached from the trigger' }));
}

function uniqueVariables(index: GraphIndex): FlowProblem[] {
  const owners = new Map<string, string>();
  const problems: FlowProblem[] = [];
  for (const [nodeId, indexed] of index.nodes) {
    if (indexed.node.type !== 'question') continue;
    const variable = (indexed.config as { variable?: unknown }).variable;
    if (typeof variable !== 'string') continue;
    const owner = owners.get(variable);
    if (owner) problems.push({ nodeId, field: 'variable', message: `variable "${variable}" is already saved by question ${owner}` });
    else owners.set(variable, nodeId);
  }
  return problems;
}

function configProblems(index: GraphIndex): FlowProblem[] {
  return [...index.nodes.values()].flatMap(({ node, definition }) =>
    validateConfig(definition, node.data?.config).map((problem) => ({
      nodeId: node.id,
      field: problem.field || undefined,
      message: problem.missing ? `${problem.field} is required` : problem.field ? `${problem.field}: ${problem.message}` : problem.message,
    })),
  );
}

/** The name the author gives a block on the canvas: its title, else its type's label. */
export function blockName(graph: FlowGraph, nodeId: string | null): string | undefined {
  const node = nodeId === null ? undefined : graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return undefined;
  return node.data?.title || (isBlockType(node.type) ? BLOCKS[node.type].label : node.type);
}

function named(graph: FlowGraph, problems: FlowProblem[]): FlowProblem[] {
  return problems.map((problem) => {
    const block = blockName(graph, problem.nodeId);
    return block ? { ...problem, block } : problem;
  });
}

/** Every problem of a flow, each with its node id and block name: errors block publishing, warnings do not. */
export function validateFlow(graph: FlowGraph): FlowValidation {
  const index = new GraphIndex(graph);
  const errors = named(graph, [
    ...structureProblems(graph, index),
    ...reachability(index),
    ...endlessLoops(index),
    ...uniqueVariables(index),
    ...configProblems(index),
  ]);
  const warnings = errors.length ? [] : named(graph, messagingWindowWarnings(index));
  return { valid: errors.length === 0, errors, warnings };
}
