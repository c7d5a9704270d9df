import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The flow list's figures for one flow. */
export interface FlowRunCounts {
  /** Runs started, all versions, ever. */
  total: number;
  /** Runs started in the last seven days. */
  lastWeek: number;
  /** Of those, the ones that reached the end. */
  completedLastWeek: number;
}

export const NO_RUNS: FlowRunCounts = { total: 0, lastWeek: 0, completedLastWeek: 0 };

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A read model: how many runs each flow has had, for the flow list. It reads the engine's `flow_runs` by SQL (as
 * flow-analytics does) so that flows, which the runtime depends on, does not depend on runs in turn.
 */
@Injectable()
export class FlowRunCountsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countByFlow(flowIds: string[], now = new Date()): Promise<Map<string, FlowRunCounts>> {
    if (flowIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ flow_id: string; runs: number; last_week: number; completed_last_week: number }>>(
      `SELECT flow_id, count(*)::int AS runs,
              count(*) FILTER (WHERE started_at >= $2)::int AS last_week,
              count(*) FILTER (WHERE started_at >= $2 AND status = 'completed')::int AS completed_last_week
         FROM flow_runs WHERE flow_id = ANY($1::uuid[]) GROUP BY flow_id`,
      [flowIds, new Date(now.getTime() - WEEK_MS)],
    );
    return new Map(
      rows.map((row) => [row.flow_id, { total: row.runs, lastWeek: row.last_week, completedLastWeek: row.completed_last_week }]),
    );
  }
}
