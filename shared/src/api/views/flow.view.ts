import type { FlowGraph } from '../../flow/flow-graph';

export type FlowStatus = 'draft' | 'published';

/** A flow in GET /v1/flows: what the list shows, without the graph. */
export interface FlowSummaryView {
  id: string;
  name: string;
  status: FlowStatus;
  /** What starts the flow, in words. */
  trigger_summary: string;
  /** Whether the trigger starts new runs (a paused flow lets open runs finish). */
  enabled: boolean;
  /** Sent back on PATCH; a stale revision is refused with 409 revision_conflict. */
  revision: number;
  published_version_id: string | null;
  /** Runs started, all versions. */
  run_count: number;
  /** Runs started in the last 7 days. */
  runs_7d: number;
  /** Of the runs started in the last 7 days, the share completed; null without runs. */
  conversion_7d: number | null;
  created_at: string;
  updated_at: string;
}

/** One flow with its draft: GET /v1/flows/:id and every call that changes a flow. */
export interface FlowView extends FlowSummaryView {
  draft: FlowGraph;
  /** The draft differs from the published version. */
  has_unpublished_changes: boolean;
}

/** A published version: GET /v1/flows/:id/versions, POST /v1/flows/:id/publish. */
export interface FlowVersionView {
  id: string;
  flow_id: string;
  version: number;
  published_at: string;
  /** The version runs of new triggers use. */
  is_live: boolean;
  graph: FlowGraph;
  /** Only when publishing: what to check but does not stop the flow, e.g. another live flow answers the same keyword on the same post. */
  warnings?: string[];
}
