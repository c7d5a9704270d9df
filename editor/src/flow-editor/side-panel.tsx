import type { AiTask, FlowNode, FlowValidation, FlowVersionView } from '@dmflow/shared';
import { useCallback } from 'react';
import { AnalyticsPanel } from '../analytics/analytics-panel';
import type { NodeStats } from '../analytics/node-stats';
import type { FlowsApi } from '../api/flows-api';
import { Inspector } from '../inspector/inspector';
import { SimulatorPanel } from '../simulator/simulator-panel';
import { ProblemsList } from './panels/problems-list';
import { VersionsPanel } from './panels/versions-panel';
import type { FlowDocument } from './use-flow-document';

export type SidePanelKind = 'inspector' | 'simulator' | 'versions' | 'analytics';

export interface SidePanelProps {
  panel: SidePanelKind;
  flowsApi: FlowsApi;
  flow: FlowDocument;
  selectedNode: FlowNode | null;
  validation: FlowValidation;
  /** Whether the author asked for the check: errors show only then, warnings always. */
  problemsShown: boolean;
  onClose: () => void;
  onSelectNode: (nodeId: string) => void;
  onRevealNode: (nodeId: string) => void;
  onActiveNodeChange: (nodeId: string | null) => void;
  onStats: (stats: Map<string, NodeStats> | null) => void;
  onRestore: (version: FlowVersionView) => void;
}

/** The right-hand panel: the selected block's settings (with the problems), the preview, the history or the figures. */
export function SidePanel({
  panel,
  flowsApi,
  flow,
  selectedNode,
  validation,
  problemsShown,
  onClose,
  onSelectNode,
  onRevealNode,
  onActiveNodeChange,
  onStats,
  onRestore,
}: SidePanelProps) {
  const { graph } = flow;
  const previewAi = useCallback((task: AiTask) => flowsApi.previewAi(task), [flowsApi]);
  return (
    <div className="side-panel">
      {panel === 'inspector' && (
        <>
          {(problemsShown || validation.warnings.length > 0) && (
            <ProblemsList
              graph={graph}
              errors={problemsShown ? validation.errors : []}
              warnings={validation.warnings}
              onSelectNode={onSelectNode}
            />
          )}
          <Inspector
            graph={graph}
            node={selectedNode}
            problems={problemsShown ? validation.errors : []}
            warnings={validation.warnings}
            dispatch={flow.dispatch}
          />
        </>
      )}
      {panel === 'simulator' && (
        <SimulatorPanel
          graph={graph}
          flowsApi={flowsApi}
          flowId={flow.id}
          previewAi={previewAi}
          onActiveNodeChange={onActiveNodeChange}
          onClose={onClose}
        />
      )}
      {panel === 'analytics' && (
        <AnalyticsPanel flowsApi={flowsApi} flowId={flow.id} graph={graph} onStats={onStats} onSelectNode={onRevealNode} />
      )}
      {panel === 'versions' && <VersionsPanel flowsApi={flowsApi} flowId={flow.id} refreshKey={flow.versionsKey} onRestore={onRestore} />}
    </div>
  );
}
