import { blockDefinition, type FieldDescriptor, type FlowGraph, type FlowNode, type FlowProblem, isBlockType } from '@dmflow/shared';
import { BLOCK_EDITORS } from '../blocks/block-editors';
import { problemDetail } from '../flow-editor/problem-text';
import type { FlowDispatch } from '../store/flow-actions';
import { FieldInput } from './field-input';
import { flowVariables } from './flow-variables';
import { PortConnections } from './port-connections';

interface InspectorProps {
  graph: FlowGraph;
  node: FlowNode | null;
  problems: FlowProblem[];
  /** Instagram-rule warnings; shown even before the author asks for the check. */
  warnings?: FlowProblem[];
  dispatch: FlowDispatch;
}

function isVisible(field: FieldDescriptor, config: Record<string, unknown>): boolean {
  return !field.visibleWhen || field.visibleWhen.equals.includes(config[field.visibleWhen.field] as string | boolean | number);
}

function fieldOf(problem: FlowProblem): string {
  return (problem.field ?? '').split('.')[0];
}

/** The selected block's settings: a form generated from its catalogue entry, with validateFlow's problems inline. */
export function Inspector({ graph, node, problems, warnings = [], dispatch }: InspectorProps) {
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="inspector-empty">Select a block to edit it, or add one from the palette.</p>
      </aside>
    );
  }
  if (!isBlockType(node.type)) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="problem">Unknown block type “{node.type}”. Delete it.</p>
      </aside>
    );
  }
  const definition = blockDefinition(node.type);
  const config = node.data.config;
  const nodeProblems = problems.filter((problem) => problem.nodeId === node.id);
  const fieldNames = new Set(definition.fields.map((field) => field.name));
  const general = nodeProblems.filter((problem) => !fieldNames.has(fieldOf(problem)));
  const nodeWarnings = warnings.filter((problem) => problem.nodeId === node.id);
  const variables = flowVariables(graph);

  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <header className="inspector-header">
        <span aria-hidden="true">{BLOCK_EDITORS[node.type].glyph}</span>
        <div>
          <h2>{definition.label}</h2>
          <p className="inspector-description">{definition.description}</p>
        </div>
      </header>
      <div className="field">
        <label htmlFor="block-title">Block name</label>
        <input
          id="block-title"
          type="text"
          value={node.data.title ?? ''}
          placeholder={definition.label}
          maxLength={60}
          onChange={(event) => dispatch({ type: 'rename_node', nodeId: node.id, title: event.target.value }, `${node.id}:title`)}
        />
      </div>
      {general.length > 0 && (
        <ul className="field-problems" role="alert" data-testid="node-problems">
          {general.map((problem) => (
            <li key={problem.message}>{problemDetail(graph, problem)}</li>
          ))}
        </ul>
      )}
      {nodeWarnings.length > 0 && (
        <ul className="field-warnings" data-testid="node-warnings">
          {nodeWarnings.map((problem) => (
            <li key={problem.message}>{problemDetail(graph, problem)}</li>
          ))}
        </ul>
      )}
      {definition.fields
        .filter((field) => isVisible(field, config))
        .map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={config[field.name]}
            variables={variables}
            problems={nodeProblems.filter((problem) => fieldOf(problem) === field.name).map((problem) => problemDetail(graph, problem))}
            onChange={(value) =>
              dispatch({ type: 'update_config', nodeId: node.id, config: { ...config, [field.name]: value } }, `${node.id}:${field.name}`)
            }
          />
        ))}
      <PortConnections graph={graph} node={node} dispatch={dispatch} />
      <button
        type="button"
        className="secondary danger-button"
        onClick={() => dispatch({ type: 'remove_elements', nodeIds: [node.id], edgeIds: [] })}
      >
        Delete block
      </button>
    </aside>
  );
}
