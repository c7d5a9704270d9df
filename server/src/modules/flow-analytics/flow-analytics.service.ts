import { answerOutcomes, migrateFlow, type AnswerOutcome, type FlowNode } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { FlowAnalyticsErrors } from './flow-analytics.errors';
import { FlowsService } from '../flows/flows.service';
import { AiService } from '../ai/ai.service';
import { analyticsRange } from './analytics-range';
import { FlowAnalyticsQuery, type PortGroup, type RunGroup } from './flow-analytics.query';
import type { AnswerCountsView, FlowAnalyticsQueryDto, FlowAnalyticsView, NodeAnalyticsView } from './dto/flow-analytics.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ENDED_EARLY = new Set(['failed', 'cancelled', 'in_doubt']);
const OPEN = new Set(['active', 'waiting']);

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * Funnel figures of one flow version over the runs started in a date range: from run rows (where each run is
 * or stopped) and step rows (visits and exit ports per node). Two aggregate queries, both by version.
 */
@Injectable()
export class FlowAnalyticsService {
  constructor(
    private readonly flows: FlowsService,
    private readonly versions: FlowVersionsService,
    private readonly funnel: FlowAnalyticsQuery,
    private readonly ai: AiService,
  ) {}

  async analytics(accountId: string, flowId: string, query: FlowAnalyticsQueryDto): Promise<FlowAnalyticsView> {
    const flow = await this.flows.getOwned(accountId, flowId);
    const range = analyticsRange(query.from, query.to);
    const versionId = query.version_id ?? flow.publishedVersionId;
    if (!versionId) throw FlowAnalyticsErrors.notPublished(flowId);
    const version = UUID.test(versionId) ? await this.versions.versionOf(flow.id, versionId) : null;
    if (!version) throw FlowAnalyticsErrors.versionNotFound(flowId, versionId);

    const [runGroups, portGroups, aiUsage] = await Promise.all([
      this.funnel.runGroups(version.id, range),
      this.funnel.portGroups(version.id, range),
      this.ai.flowTotals(accountId, flow.id, range.from, range.to),
    ]);
    const count = (groups: RunGroup[], statuses: Set<string>) =>
      groups.filter((group) => statuses.has(group.status)).reduce((sum, group) => sum + group.runs, 0);
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
      ai_usage: { calls: aiUsage.calls, tokens_in: aiUsage.tokensIn, tokens_out: aiUsage.tokensOut },
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
}
