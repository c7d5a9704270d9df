import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * A read model: how many runs each flow has had, for the flow list. It reads the engine's `flow_runs` by SQL (as
 * flow-analytics does) so that flows, which the runtime depends on, does not depend on runs in turn.
 */
@Injectable()
export class FlowRunCountsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countByFlow(flowIds: string[]): Promise<Map<string, number>> {
    if (flowIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ flow_id: string; runs: number }>>(
      'SELECT flow_id, count(*)::int AS runs FROM flow_runs WHERE flow_id = ANY($1::uuid[]) GROUP BY flow_id',
      [flowIds],
    );
    return new Map(rows.map((row) => [row.flow_id, row.runs]));
  }
}
