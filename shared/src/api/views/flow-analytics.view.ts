export interface RunCountsView {
  /** Runs started in the range. */
  entered: number;
  completed: number;
  /** Failed or cancelled. */
  dropped: number;
  /** Still active or waiting. */
  in_progress: number;
}

export interface AnswerCountsView {
  answered: number;
  skipped: number;
  invalid: number;
  timed_out: number;
  /** answered / entered; null when nobody was asked. */
  answer_rate: number | null;
}

export interface NodeAnalyticsView {
  node_id: string;
  /** Block type. */
  type: string;
  /** The title the author gave the node. */
  label?: string;
  /** Visits: a run that loops back counts again. */
  entered: number;
  exited: number;
  dropped: number;
  /** Open runs at this node now. */
  waiting: number;
  /** For questions. */
  answers?: AnswerCountsView;
}

/** GET /v1/flows/:id/analytics: the live version's funnel over runs started in [from, to). */
export interface FlowAnalyticsView {
  flow_id: string;
  flow_version_id: string;
  from: string;
  to: string;
  runs: RunCountsView;
  /** completed / entered; null when no run entered. */
  conversion_rate: number | null;
  /** One per node of the version's graph, in graph order. */
  nodes: NodeAnalyticsView[];
}
