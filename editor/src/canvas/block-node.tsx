import { blockDefinition, isBlockType } from '@dmflow/shared';
import { Handle, type NodeProps, Position, useStore } from '@xyflow/react';
import { memo } from 'react';
import { formatRate } from '../analytics/node-stats';
import { BLOCK_EDITORS } from '../blocks/block-editors';
import { BlockPreview } from '../blocks/block-preview';
import { blockPorts } from './block-ports';
import type { BlockFlowNode } from './to-react-flow';

/** Below this zoom the blocks’ 13 px text would be drawn under 11 px: the overview shows big titles instead. */
export const OVERVIEW_ZOOM = 0.85;

function BlockNodeView({ data, selected }: NodeProps<BlockFlowNode>) {
  const { node, problems, warnings, active, stats } = data;
  // A boolean selector: blocks re-render only when the zoom crosses the threshold, not on every zoom step.
  const overview = useStore((state) => state.transform[2] < OVERVIEW_ZOOM);
  if (!isBlockType(node.type)) {
    return <div className="block-node block-node-invalid">Unknown block “{node.type}”</div>;
  }
  const definition = blockDefinition(node.type);
  const editor = BLOCK_EDITORS[node.type];
  const ports = blockPorts(node);
  const terminal = new Set(node.data.terminalPorts ?? []);
  const classes = [
    'block-node',
    selected && 'is-selected',
    problems.length > 0 && 'has-problems',
    warnings.length > 0 && 'has-warnings',
    active && 'is-active',
    overview && 'is-overview',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      data-testid={`node-${node.type}`}
      data-node-id={node.id}
      title={[...problems, ...warnings].join('\n') || definition.description}
    >
      {node.type !== 'trigger' && <Handle type="target" position={Position.Left} className="block-handle-in" />}
      <div className="block-node-header" style={{ background: editor.accent }}>
        <span aria-hidden="true">{editor.glyph}</span>
        <span className="block-node-title">{node.data.title || definition.label}</span>
        {problems.length > 0 && (
          <span className="block-node-problems" aria-label={`${problems.length} problems`}>
            {problems.length}
          </span>
        )}
        {warnings.length > 0 && problems.length === 0 && (
          <span className="block-node-warnings" aria-label={`${warnings.length} warning${warnings.length === 1 ? '' : 's'}`}>
            ⚠ {warnings.length}
          </span>
        )}
      </div>
      {stats && (
        <div className="block-node-stats" data-testid="node-stats">
          {stats.entered} in · {stats.exited} out{stats.dropped > 0 && ` · ${stats.dropped} dropped`}
          {stats.answerRate !== null && ` · ${formatRate(stats.answerRate)} answered`}
        </div>
      )}
      {!overview && (
        <div className="block-node-body">
          <BlockPreview type={node.type} config={node.data.config} />
        </div>
      )}
      {ports.length > 0 && (
        <ul className="block-node-ports">
          {ports.map((port) => (
            <li key={port.id} className="block-node-port">
              <span>{port.label}</span>
              {terminal.has(port.id) && <span className="port-ends">ends</span>}
              <Handle type="source" position={Position.Right} id={port.id} className="block-handle-out" data-port={port.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
