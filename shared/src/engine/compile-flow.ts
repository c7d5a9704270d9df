import { setup } from 'xstate';
import { endBlock } from '../blocks/end/end.block';
import type { BlockDefinition, StepResult } from '../kernel/block-definition';
import type { FlowGraph } from '../flow/flow-graph';
import type { FlowProblem } from '../flow/flow-problem';
import { GraphIndex, type IndexedNode } from '../flow/graph-index';
import { validateFlow } from '../flow/validate-flow';
import { applyStep } from './apply-step';
import type { Effect } from '../kernel/effects';
import type { NodeEntry } from '../kernel/node-entry';
import { initialRunContext, type RunContext, type RunInput } from '../kernel/run-context';
import { isContactEvent, type RunEvent } from '../kernel/run-events';

/** The state a terminal port leads to: completes the run like an `end` block. */
export const IMPLICIT_END = '$end';

export class FlowCompileError extends Error {
  constructor(readonly errors: FlowProblem[]) {
    super(`flow is not valid: ${errors.map((error) => (error.nodeId ? `${error.nodeId}: ${error.message}` : error.message)).join('; ')}`);
  }
}

type Step = (context: RunContext) => StepResult;

// XState takes the machine's types from `setup({ types })`: only the property types matter, never the values.
const flowTypes: { context?: RunContext; events?: RunEvent; input?: RunInput } = {};

const flowSetup = setup({
  types: flowTypes,
  actions: {
    // Effects are data: the pure `transition` returns them; the server or simulator executes them.
    effect: (_args, _effect: Effect) => undefined,
    // Step history as data too: which node the run entered, and from which node and port.
    'node.entered': (_args, _entry: NodeEntry) => undefined,
  },
});

type Enqueue = Parameters<Parameters<typeof flowSetup.enqueueActions>[0]>[0]['enqueue'];

/** `context.node` still describes the node being left (and the port it left by) when the next node's entry runs. */
function entryOf(context: RunContext, nodeId: string, nodeType: string): NodeEntry {
  const previous = context.node;
  return previous.port === undefined ? { nodeId, nodeType } : { nodeId, nodeType, from: { nodeId: previous.nodeId, port: previous.port } };
}

function emitStep(enqueue: Enqueue, context: RunContext, nodeId: string, result: StepResult): void {
  const applied = applyStep(context, nodeId, result);
  enqueue.assign(() => applied.context);
  for (const effect of applied.effects) enqueue({ type: 'effect', params: effect });
}

function stateKeys(graph: FlowGraph): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>([IMPLICIT_END]);
  graph.nodes.forEach((node, position) => {
    // XState reads "." and "#" in state keys as paths; keep readable ids, escape the rest.
    let key = node.id.replace(/[^\w:-]/g, '_');
    if (used.has(key)) key = `${key}~${position}`;
    used.add(key);
    keys.set(node.id, key);
  });
  return keys;
}

function nodeState(indexed: IndexedNode, index: GraphIndex, keys: Map<string, string>) {
  const nodeId = indexed.node.id;
  const definition: BlockDefinition = indexed.definition;
  const config = indexed.config;
  const enter: Step = (context) => definition.enter({ config, context, nodeId });
  const isFinal = definition.endsRun === true;

  const entry = flowSetup.enqueueActions(({ context, enqueue }) => {
    enqueue({ type: 'node.entered', params: entryOf(context, nodeId, indexed.node.type) });
    const fresh: RunContext = { ...context, node: { nodeId, attempts: 0 } };
    if (definition.sendsMessage && fresh.conversation.mode === 'awaiting_contact') {
      // Instagram forbids a second message after a private reply until the person answers: park the send.
      enqueue.assign(() => ({ ...fresh, node: { ...fresh.node, deferred: true } }));
      return;
    }
    emitStep(enqueue, fresh, nodeId, enter(fresh));
  });

  const onAnyEvent = flowSetup.enqueueActions(({ context, event, enqueue }) => {
    let current: RunContext = { ...context, now: event.at };
    if (isContactEvent(event)) {
      const text = event.type === 'contact.message' ? event.text : (event.title ?? event.payload);
      current = { ...current, conversation: { mode: 'open' }, lastMessage: text };
    }
    if (current.node.deferred) {
      if (!isContactEvent(event)) return void enqueue.assign(() => current);
      const resumed: RunContext = { ...current, node: { nodeId, attempts: 0 } };
      return emitStep(enqueue, resumed, nodeId, enter(resumed));
    }
    if (!definition.onEvent) return void enqueue.assign(() => current);
    emitStep(enqueue, current, nodeId, definition.onEvent({ config, context: current, nodeId, event }));
  });

  const always = indexed.ports.map((port) => {
    const target = index.target(nodeId, port.id);
    return {
      guard: ({ context }: { context: RunContext }) => context.node.nodeId === nodeId && context.node.port === port.id,
      target: target ? (keys.get(target.node.id) as string) : IMPLICIT_END,
      reenter: true,
    };
  });

  return isFinal ? { type: 'final' as const, entry } : { entry, on: { '*': { actions: onAnyEvent } }, always };
}

function implicitEndState() {
  return {
    type: 'final' as const,
    entry: flowSetup.enqueueActions(({ context, enqueue }) => {
      enqueue({ type: 'node.entered', params: entryOf(context, IMPLICIT_END, 'end') });
      const fresh: RunContext = { ...context, node: { nodeId: IMPLICIT_END, attempts: 0 } };
      emitStep(enqueue, fresh, IMPLICIT_END, endBlock.enter({ config: {}, context: fresh, nodeId: IMPLICIT_END }));
    }),
  };
}

/** Turns a valid flow graph into its XState v5 machine. The machine does no I/O: effects come back as actions. */
export function compileFlow(graph: FlowGraph) {
  const validation = validateFlow(graph);
  if (!validation.valid) throw new FlowCompileError(validation.errors);
  const index = new GraphIndex(graph);
  const keys = stateKeys(graph);
  const trigger = index.triggers()[0];
  const states: Record<string, ReturnType<typeof nodeState> | ReturnType<typeof implicitEndState>> = { [IMPLICIT_END]: implicitEndState() };
  for (const indexed of index.nodes.values()) states[keys.get(indexed.node.id) as string] = nodeState(indexed, index, keys);

  return flowSetup.createMachine({
    id: 'flow',
    context: ({ input }) => initialRunContext(input, trigger.node.id),
    initial: keys.get(trigger.node.id) as string,
    states,
  });
}

export type FlowMachine = ReturnType<typeof compileFlow>;
