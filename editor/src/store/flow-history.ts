import { assertNever, type FlowGraph } from '@dmflow/shared';
import { applyFlowAction } from './apply-flow-action';
import type { FlowAction } from './flow-actions';

const HISTORY_LIMIT = 200;

export interface FlowHistory {
  past: FlowGraph[];
  present: FlowGraph;
  future: FlowGraph[];
  /** The merge key of the last edit: typing in one field is one undo step, not one per keystroke. */
  lastMergeKey: string | null;
}

export type HistoryAction =
  { type: 'edit'; action: FlowAction; mergeKey?: string } | { type: 'undo' } | { type: 'redo' } | { type: 'load'; graph: FlowGraph };

export function createHistory(graph: FlowGraph): FlowHistory {
  return { past: [], present: graph, future: [], lastMergeKey: null };
}

/** Undo/redo is a walk through the documents the edits produced; a new edit forgets the redo branch. */
export function flowHistoryReducer(history: FlowHistory, action: HistoryAction): FlowHistory {
  switch (action.type) {
    case 'edit': {
      const next = applyFlowAction(history.present, action.action);
      if (next === history.present) return history;
      const mergeKey = action.mergeKey ?? null;
      if (mergeKey !== null && mergeKey === history.lastMergeKey) return { ...history, present: next, future: [] };
      return { past: [...history.past, history.present].slice(-HISTORY_LIMIT), present: next, future: [], lastMergeKey: mergeKey };
    }
    case 'undo': {
      const previous = history.past[history.past.length - 1];
      if (!previous) return history;
      return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastMergeKey: null };
    }
    case 'redo': {
      const [next, ...rest] = history.future;
      if (!next) return history;
      return { past: [...history.past, history.present], present: next, future: rest, lastMergeKey: null };
    }
    case 'load':
      return createHistory(action.graph);
    default:
      return assertNever(action, 'history action');
  }
}
