import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DateRange } from './analytics-range';

// A read model: it reads the engine's run tables (flow_runs, run_steps, run_effects) by SQL and never writes them.

export interface RunGroup {
  at_node: string;
  status: string;
  runs: number;
}

export interface PortGroup {
  node_id: string;
  exit_port: string | null;
  visits: number;
  exited: number;
}

/** The two aggregate queries behind a flow version's funnel, both by version over the runs started in a range. */
@Injectable()
export class FlowAnalyticsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs of the version started in the range, by the node they are at (or, failed, stopped at) and status. */
  runGroups(versionId: string, range: DateRange): Promise<RunGroup[]> {
    return this.dataSource.query(
      `SELECT CASE WHEN status = 'failed' THEN COALESCE(failed_node_id, current_node_id) ELSE current_node_id END AS at_node, status, count(*)::int AS runs
         FROM flow_runs
        WHERE flow_version_id = $1 AND started_at >= $2 AND started_at < $3
        GROUP BY 1, 2`,
      [versionId, range.from, range.to],
    );
  }

  /**
   * Step visits of those runs by node and exit port. A run failed at an effect stopped at that effect's step:
   * the machine may have moved past it, but what followed did not happen, so later steps are not counted and
   * the failed step counts as not left.
   */
  portGroups(versionId: string, range: DateRange): Promise<PortGroup[]> {
    return this.dataSource.query(
      `SELECT s.node_id,
              CASE WHEN s.ordinal = failed.step_ordinal THEN NULL ELSE s.exit_port END AS exit_port,
              count(*)::int AS visits,
              count(*) FILTER (WHERE s.exited_at IS NOT NULL AND s.ordinal IS DISTINCT FROM failed.step_ordinal)::int AS exited
         FROM run_steps s
         JOIN flow_runs r ON r.id = s.run_id
         LEFT JOIN run_effects failed ON failed.id = r.failed_effect_id AND r.status = 'failed'
        WHERE s.flow_version_id = $1 AND r.flow_version_id = $1 AND r.started_at >= $2 AND r.started_at < $3
          AND (failed.step_ordinal IS NULL OR s.ordinal <= failed.step_ordinal)
        GROUP BY 1, 2`,
      [versionId, range.from, range.to],
    );
  }
}
