import type { FlowGraph } from '@dmflow/shared';
import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { toReactFlow } from './to-react-flow';

export function FlowCanvas({ flow }: { flow: FlowGraph }) {
  const { nodes, edges } = useMemo(() => toReactFlow(flow), [flow]);
  return (
    <div data-testid="flow-canvas" style={{ width: '100%', height: '100%' }}>
      <ReactFlow nodes={nodes} edges={edges} fitView>
        <Background />
        <MiniMap />
        <Controls />
      </ReactFlow>
    </div>
  );
}
