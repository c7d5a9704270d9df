import type { FlowGraph } from '@dmflow/shared';
import { useEffect, useReducer } from 'react';
import { Inspector } from '../inspector/inspector';
import { createHistory, flowHistoryReducer } from '../store/flow-history';

/**
 * The inspector over an editable copy of `start`, as the editor wires it (edits go through the flow history): render
 * `<Harness nodeId=… />`, then read the graph the edits made with `latest()`.
 */
export function inspectorHarness(start: FlowGraph): { Harness: (props: { nodeId: string }) => React.JSX.Element; latest: () => FlowGraph } {
  let latest = start;
  function Harness({ nodeId }: { nodeId: string }) {
    const [history, dispatch] = useReducer(flowHistoryReducer, start, createHistory);
    useEffect(() => {
      latest = history.present;
    }, [history.present]);
    const node = history.present.nodes.find((candidate) => candidate.id === nodeId) ?? null;
    return (
      <Inspector
        graph={history.present}
        node={node}
        problems={[]}
        dispatch={(action, mergeKey) => dispatch({ type: 'edit', action, mergeKey })}
      />
    );
  }
  return { Harness, latest: () => latest };
}
