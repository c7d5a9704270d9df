import { blockDefinition, type FlowAnalyticsView, type FlowGraph, isBlockType } from '@dmflow/shared';
import { useEffect, useState } from 'react';
import { apiErrorMessage, isApiError } from '../api/api-errors';
import type { FlowsApi } from '../api/flows-api';
import { formatRate, nodeStatsById, type NodeStats, RANGES, rangeEndingNow } from './node-stats';

interface AnalyticsPanelProps {
  flowsApi: FlowsApi;
  flowId: string;
  /** The draft on the canvas: names the blocks the figures are about. */
  graph: FlowGraph;
  /** Shows the figures on the canvas's blocks while the panel is open. */
  onStats: (stats: Map<string, NodeStats> | null) => void;
  onSelectNode: (nodeId: string) => void;
}

/** How the live version performs: runs entered, completed and dropped, conversion, and each block's figures. */
export function AnalyticsPanel({ flowsApi, flowId, graph, onStats, onSelectNode }: AnalyticsPanelProps) {
  const [days, setDays] = useState<number>(30);
  const [analytics, setAnalytics] = useState<FlowAnalyticsView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    flowsApi
      .analytics(flowId, rangeEndingNow(days))
      .then((result) => {
        if (!current) return;
        setAnalytics(result);
        onStats(nodeStatsById(result));
      })
      .catch((caught: unknown) => {
        if (!current) return;
        setAnalytics(null);
        onStats(null);
        setMessage(
          isApiError(caught, 'flow_not_published')
            ? 'Publish the flow to see how it performs.'
            : apiErrorMessage(caught, 'Could not load the figures.'),
        );
      });
    return () => {
      current = false;
    };
  }, [flowsApi, flowId, days, onStats]);
  useEffect(() => () => onStats(null), [onStats]);

  // The period is the one thing that changes while the panel is open (the editor is keyed by flow): a new period
  // starts without the last one's message.
  const choosePeriod = (next: number) => {
    setDays(next);
    setMessage(null);
  };

  const titleOf = (nodeId: string, type: string, label?: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    return label || node?.data.title || (isBlockType(type) ? blockDefinition(type).label : type);
  };

  return (
    <section className="analytics" aria-label="Flow statistics" data-testid="analytics">
      <header className="analytics-header">
        <h2>Statistics</h2>
        <select aria-label="Period" value={days} onChange={(event) => choosePeriod(Number(event.target.value))}>
          {RANGES.map((range) => (
            <option key={range.days} value={range.days}>
              {range.label}
            </option>
          ))}
        </select>
      </header>
      {message && <p className="analytics-message">{message}</p>}
      {analytics && (
        <>
          <dl className="analytics-totals">
            <div>
              <dt>Started</dt>
              <dd data-testid="runs-entered">{analytics.runs.entered}</dd>
            </div>
            <div>
              <dt>Completed</dt>
              <dd data-testid="runs-completed">{analytics.runs.completed}</dd>
            </div>
            <div>
              <dt>In progress</dt>
              <dd>{analytics.runs.in_progress}</dd>
            </div>
            <div>
              <dt>Dropped</dt>
              <dd>{analytics.runs.dropped}</dd>
            </div>
            <div>
              <dt>Conversion</dt>
              <dd data-testid="conversion">{formatRate(analytics.conversion_rate)}</dd>
            </div>
          </dl>
          <table className="analytics-nodes">
            <thead>
              <tr>
                <th>Block</th>
                <th title="times runs reached the block">In</th>
                <th title="times runs moved on">Out</th>
                <th title="runs that failed or were cancelled here">Dropped</th>
              </tr>
            </thead>
            <tbody>
              {analytics.nodes.map((node) => (
                <tr key={node.node_id} data-node-row={node.node_id}>
                  <td>
                    <button type="button" className="link-button" onClick={() => onSelectNode(node.node_id)}>
                      {titleOf(node.node_id, node.type, node.label)}
                    </button>
                    {node.answers && <span className="analytics-answer-rate"> · {formatRate(node.answers.answer_rate)} answered</span>}
                  </td>
                  <td>{node.entered}</td>
                  <td>{node.exited}</td>
                  <td>{node.dropped}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="analytics-note">Figures are for the live version, counting runs started in the period.</p>
        </>
      )}
    </section>
  );
}
