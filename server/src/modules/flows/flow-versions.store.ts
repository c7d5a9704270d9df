import type { FlowGraph } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FlowVersion } from './entities/flow-version.entity';
import { Flow } from './entities/flow.entity';

/** A published version with the flow it belongs to: what a run executes. */
export interface VersionOfFlow {
  version: FlowVersion;
  flow: Pick<Flow, 'id' | 'accountId'>;
}

/** A published, enabled, live flow of an Instagram account, with the post a "next post" trigger is bound to. */
export interface LiveFlowRow {
  flow_id: string;
  version_id: string;
  created_at: Date;
  published_at: Date;
  bound_media_id: string | null;
}

/** A flow of the account that has a published version and is not deleted: one another flow may hand over to. */
export interface PublishedFlowRow {
  id: string;
  name: string;
  publishedVersionId: string;
}

/** Reads of published versions (immutable) and of the flow rows the runtime needs: loading, triggers, bindings. */
@Injectable()
export class FlowVersionsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(flowVersionId: string): Promise<VersionOfFlow | null> {
    const version = await this.dataSource.manager.findOneBy(FlowVersion, { id: flowVersionId });
    if (!version) return null;
    const flow = await this.dataSource.manager.findOneByOrFail(Flow, { id: version.flowId });
    return { version, flow };
  }

  /** A version of this flow, or null. */
  versionOf(flowId: string, versionId: string, manager: EntityManager = this.dataSource.manager): Promise<FlowVersion | null> {
    return manager.findOneBy(FlowVersion, { id: versionId, flowId });
  }

  findVersion(versionId: string): Promise<FlowVersion | null> {
    return this.dataSource.manager.findOneBy(FlowVersion, { id: versionId });
  }

  async flowName(flowId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    return (await manager.findOneOrFail(Flow, { where: { id: flowId }, select: { name: true } })).name;
  }

  /** Of these flows of the account, the published, not deleted ones. */
  async publishedFlows(
    accountId: string,
    flowIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PublishedFlowRow[]> {
    if (!flowIds.length) return [];
    return manager.query(
      `SELECT id, name, published_version_id AS "publishedVersionId" FROM flows
        WHERE account_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL AND published_version_id IS NOT NULL`,
      [accountId, flowIds],
    );
  }

  /** The account's flow, deleted or not, or null. */
  findFlow(accountId: string, flowId: string): Promise<Pick<Flow, 'id' | 'deletedAt' | 'publishedVersionId'> | null> {
    return this.dataSource.manager.findOneBy(Flow, { id: flowId, accountId });
  }

  liveFlows(accountId: string, instagramAccountId: string): Promise<LiveFlowRow[]> {
    return this.dataSource.query(
      `SELECT f.id AS flow_id, f.published_version_id AS version_id, f.created_at, v.published_at, b.media_id AS bound_media_id
         FROM flows f
         JOIN flow_versions v ON v.id = f.published_version_id
         LEFT JOIN flow_post_bindings b ON b.flow_id = f.id
        WHERE f.account_id = $1 AND (f.instagram_account_id = $2 OR f.instagram_account_id IS NULL)
          AND f.enabled AND f.deleted_at IS NULL AND f.published_version_id IS NOT NULL`,
      [accountId, instagramAccountId],
    );
  }

  async graphOf(flowVersionId: string): Promise<FlowGraph | null> {
    const [version]: Array<{ graph: FlowGraph }> = await this.dataSource.query('SELECT graph FROM flow_versions WHERE id = $1', [
      flowVersionId,
    ]);
    return version?.graph ?? null;
  }

  /** Binds the flow to the post unless a concurrent comment bound it first; returns the post it is bound to. */
  async bindToPost(flowId: string, mediaId: string, publishedAt: Date): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO flow_post_bindings (flow_id, media_id, media_published_at) VALUES ($1, $2, $3) ON CONFLICT (flow_id) DO NOTHING`,
      [flowId, mediaId, publishedAt],
    );
    const [binding]: Array<{ media_id: string }> = await this.dataSource.query(
      'SELECT media_id FROM flow_post_bindings WHERE flow_id = $1',
      [flowId],
    );
    return binding.media_id;
  }
}
