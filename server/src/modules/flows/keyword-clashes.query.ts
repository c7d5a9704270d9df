import { describeClash, flowTrigger, type FlowGraph, keywordClashes, type LiveTrigger, migrateFlow } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// Publishing reads the other live flows' graphs; an account with more than this many live flows is checked against these.
const MAX_LIVE_FLOWS_CHECKED = 500;

/** Warnings for a flow about to go live: another live flow of the account already answers the same keyword in the same place. */
@Injectable()
export class KeywordClashesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async warningsFor(accountId: string, flow: { id: string; instagramAccountId: string | null }, graph: FlowGraph): Promise<string[]> {
    const mine = flowTrigger(graph);
    if (!mine) return [];
    const rows = await this.dataSource.query<Array<{ id: string; name: string; graph: FlowGraph }>>(
      `SELECT f.id, f.name, v.graph
         FROM flows f
         JOIN flow_versions v ON v.id = f.published_version_id
        WHERE f.account_id = $1 AND f.id <> $2 AND f.enabled AND f.deleted_at IS NULL
          AND ($3::uuid IS NULL OR f.instagram_account_id IS NULL OR f.instagram_account_id = $3)
        ORDER BY f.created_at
        LIMIT ${MAX_LIVE_FLOWS_CHECKED}`,
      [accountId, flow.id, flow.instagramAccountId],
    );
    const others: LiveTrigger[] = rows.flatMap((row) => {
      const config = flowTrigger(migrateFlow(row.graph));
      return config ? [{ flowId: row.id, flowName: row.name, config }] : [];
    });
    return keywordClashes(mine, others).map(describeClash);
  }
}
