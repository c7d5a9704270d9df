import { answerOutcomes, migrateFlow, type AnswerOutcome, type FlowNode } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FlowAnalyticsErrors } from './flow-analytics.errors';
import { FlowVersion } from '../flows/entities/flow-version.entity';
import { FlowsService } from '../flows/flows.service';
import { analyticsRange, type DateRange } from './analytics-range';
import type { AnswerCountsView, FlowAnalyticsQueryDto, FlowAnalyticsView, NodeAnalyticsView } from './dto/flow-analytics.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RunGroup {
  at_node: string;
  status: string;
  runs: number;
}

interface PortGroup {
  node_id: string;
  exit_port: string | null;
  visits: number;
  exited: number;
}

const ENDED_EARLY = new Set(['failed', 'cancelled']);
const OPEN = new Set(['active', 'waiting']);

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * Funnel figures of one flow version over the runs started in a date range: from run rows (where each run is
 * or stopped) and step rows (visits and exit ports per node). Two aggregate queries, both by version.
 */
@Injectable()
export class FlowAnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly flows: FlowsService,
  ) {}

  async analytics(accountId: string, flowId: string, query: FlowAnalyticsQueryDto): Promise<FlowAnalyticsView> {
    const flow = await this.flows.getOwned(accountId, flowId);
    const range = analyticsRange(query.from, query.to);
    const versionId = query.version_id ?? flow.publishedVersionId;
    if (!versionId) throw FlowAnalyticsErrors.notPublished(flowId);
    const version = UUID.test(versionId) ? await this.dataSource.manager.findOneBy(FlowVersion, { id: versionId, flowId: flow.id }) : null;
    if (!version) throw FlowAnalyticsErrors.versionNotFound(flowId, versionId);

    const [runGroups, portGroups] = await Promise.all([this.runGroups(version.id, range), this.portGroups(version.id, range)]);
    const count = (groups: RunGroup[], statuses: Set<string>) => groups.filter((group) => statuses.has(group.status)).reduce((sum, group) => sum + group.runs, 0);
    const entered = runGroups.reduce((sum, group) => sum + group.runs, 0);
    const completed = count(runGroups, new Set(['completed']));
    return {
      flow_id: flow.id,
      flow_version_id: version.id,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      runs: { entered, completed, dropped: count(runGroups, ENDED_EARLY), in_progress: count(runGroups, OPEN) },
      conversion_rate: rate(completed, entered),
      nodes: migrateFlow(version.graph).nodes.map((node) => {
        const atNode = runGroups.filter((group) => group.at_node === node.id);
        return this.nodeView(
          node,
          portGroups.filter((group) => group.node_id === node.id),
          count(atNode, ENDED_EARLY),
          count(atNode, OPEN),
        );
      }),
    };
  }

  private nodeView(node: FlowNode, ports: PortGroup[], dropped: number, waiting: number): NodeAnalyticsView {
    const entered = ports.reduce((sum, group) => sum + group.visits, 0);
    const view: NodeAnalyticsView = {
      node_id: node.id,
      type: node.type,
      ...(node.data?.title ? { label: node.data.title } : {}),
      entered,
      exited: ports.reduce((sum, group) => sum + group.exited, 0),
      dropped,
      waiting,
    };
    const outcomes = answerOutcomes(node);
    if (!outcomes) return view;
    const tally: Record<AnswerOutcome, number> = { answered: 0, skipped: 0, invalid: 0, timed_out: 0 };
    for (const group of ports) {
      const outcome = group.exit_port === null ? undefined : outcomes.get(group.exit_port);
      if (outcome) tally[outcome] += group.exited;
    }
    const answers: AnswerCountsView = { ...tally, answer_rate: rate(tally.answered, entered) };
    return { ...view, answers };
  }

  /** Runs of the version started in the range, by the node they are at (or, failed, stopped at) and status. */
  private runGroups(versionId: string, range: DateRange): Promise<RunGroup[]> {
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
  private portGroups(versionId: string, range: DateRange): Promise<PortGroup[]> {
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
