import { initialTransition, transition } from 'xstate';
import type { FlowMachine } from './compile-flow';
import type { Effect } from '../kernel/effects';
import type { NodeEntry } from '../kernel/node-entry';
import type { RunContext, RunInput } from '../kernel/run-context';
import type { RunEvent } from '../kernel/run-events';

/** The JSON form a run is stored in (XState's getPersistedSnapshot). */
export interface PersistedRunSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: string;
  context: RunContext;
  historyValue?: Record<string, string[]>;
  children?: Record<string, never>;
}

export interface RunStep {
  snapshot: PersistedRunSnapshot;
  effects: Effect[];
  /** The run reached an end: no further events apply. */
  done: boolean;
  /** The node the run now waits at (or ended at). */
  nodeId: string;
  /** Nodes entered during this step, in order; empty when the run stayed where it was. */
  entered: NodeEntry[];
}

function toStep(
  machine: FlowMachine,
  snapshot: ReturnType<typeof initialTransition<FlowMachine>>[0],
  actions: { type: string; params?: unknown }[],
): RunStep {
  const persisted = machine.getPersistedSnapshot(snapshot) as unknown as PersistedRunSnapshot;
  return {
    // A JSON round-trip drops `undefined` fields, so the stored form and the returned form are identical.
    snapshot: JSON.parse(JSON.stringify(persisted)) as PersistedRunSnapshot,
    effects: actions.filter((action) => action.type === 'effect').map((action) => action.params as Effect),
    done: snapshot.status === 'done',
    nodeId: snapshot.context.node.nodeId,
    entered: actions.filter((action) => action.type === 'node.entered').map((action) => action.params as NodeEntry),
  };
}

/** Starts a run: the trigger and every block up to the first wait, as [snapshot, effects]. Pure. */
export function startRun(machine: FlowMachine, input: RunInput): RunStep {
  const [snapshot, actions] = initialTransition(machine, input);
  return toStep(machine, snapshot, actions);
}

/** Applies one event to a stored run. Pure: a stale or irrelevant event returns the same snapshot and no effects. */
export function applyEvent(machine: FlowMachine, stored: PersistedRunSnapshot, event: RunEvent): RunStep {
  if (stored.status === 'done') throw new Error('the run has ended; no event applies to it');
  const restored = machine.resolveState({ value: stored.value, context: stored.context });
  const [snapshot, actions] = transition(machine, restored, event);
  return toStep(machine, snapshot, actions);
}
