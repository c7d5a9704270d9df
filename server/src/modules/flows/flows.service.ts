import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  createEmptyFlow,
  FlowGraph,
  FlowValidation,
  migrateFlow,
  startFlowTargets,
  validateFlow,
  withStartFlowTargetProblems,
} from '@dmflow/shared';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { TokenCipher } from '../../core/crypto/token-cipher';
import { Page, PageKey, PageQueryDto, paginate } from '../../core/http/pagination';
import { CreateFlowDto, DuplicateFlowDto, FlowSummaryView, FlowVersionView, FlowView, UpdateFlowDto } from './dto/flow.dto';
import { Flow } from './entities/flow.entity';
import { FlowVersion } from './entities/flow-version.entity';
import { readFlowDocument } from './flow-document';
import { FlowErrors } from './flows.errors';
import { FlowRunCountsQuery, NO_RUNS } from './flow-run-counts.query';
import { pruneVersions } from './flow-version-retention';
import { HeaderCredentials } from './header-credentials';
import { KeywordClashesQuery } from './keyword-clashes.query';
import { FlowVersionsService } from './flow-versions.service';

// Versions are published one at a time under a row lock, so publish time orders them like their numbers.
const PUBLISHED_AT: PageKey<FlowVersion> = { column: 'published_at', timestampOf: (version) => version.publishedAt };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const flowNotFound = FlowErrors.notFound;

/** Every column but the draft, which the list never reads whole. */
const SUMMARY_COLUMNS = ['id', 'accountId', 'name', 'enabled', 'revision', 'publishedVersionId', 'createdAt', 'updatedAt'] as const;

@Injectable()
export class FlowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runCounts: FlowRunCountsQuery,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'limits' | 'encryptionKey'>,
    private readonly keywordClashes: KeywordClashesQuery,
    private readonly flowVersions: FlowVersionsService,
  ) {}

  private readonly credentials = new HeaderCredentials(new TokenCipher(this.config.encryptionKey));

  /** Summaries only: drafts can be large, so the list reads each flow's trigger blocks, never its whole draft. */
  async list(accountId: string, query: PageQueryDto): Promise<Page<FlowSummaryView>> {
    const builder = this.dataSource
      .getRepository(Flow)
      .createQueryBuilder('flow')
      .select(SUMMARY_COLUMNS.map((column) => `flow.${column}`))
      .where('flow.account_id = :accountId AND flow.deleted_at IS NULL', { accountId });
    const page = await paginate(builder, query, (flow) => flow);
    const ids = page.data.map((flow) => flow.id);
    const [counts, triggers] = await Promise.all([this.runCounts.countByFlow(ids), this.triggerGraphs(ids)]);
    return {
      ...page,
      data: page.data.map((flow) =>
        FlowSummaryView.of({ ...flow, draft: triggers.get(flow.id) ?? createEmptyFlow() }, counts.get(flow.id) ?? NO_RUNS),
      ),
    };
  }

  /** Each flow's draft cut down to its trigger blocks: what the list's trigger summary reads. */
  private async triggerGraphs(flowIds: string[]): Promise<Map<string, FlowGraph>> {
    if (!flowIds.length) return new Map();
    const rows = await this.dataSource.query<Array<{ id: string; schema_version: unknown; nodes: unknown }>>(
      `SELECT id, draft->'schemaVersion' AS schema_version,
              COALESCE(jsonb_path_query_array(draft->'nodes', '$[*] ? (@.type == "trigger")'), '[]'::jsonb) AS nodes
         FROM flows WHERE id = ANY($1::uuid[])`,
      [flowIds],
    );
    return new Map(rows.map((row) => [row.id, migrateFlow({ schemaVersion: row.schema_version, nodes: row.nodes, edges: [] })]));
  }

  async create(accountId: string, input: CreateFlowDto): Promise<FlowView> {
    const draft = input.draft ? this.credentials.seal(readFlowDocument(input.draft, this.config.limits), null) : createEmptyFlow();
    const flow = await this.dataSource.transaction(async (manager) => {
      // One create at a time per account, so two at once can't both pass the count.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`flows-of:${accountId}`]);
      const [{ flows }] = await manager.query<Array<{ flows: number }>>(
        'SELECT count(*)::int AS flows FROM flows WHERE account_id = $1 AND deleted_at IS NULL',
        [accountId],
      );
      if (flows >= this.config.limits.flowsPerAccount) throw FlowErrors.limitReached(this.config.limits.flowsPerAccount);
      return manager.save(Flow, manager.create(Flow, { accountId, name: input.name, draft, enabled: true, revision: 1 }));
    });
    return this.shown(FlowView.withDraft(flow, NO_RUNS, null));
  }

  async get(accountId: string, id: string): Promise<FlowView> {
    return this.view(await this.getOwned(accountId, id));
  }

  /** A draft save or rename names the revision it started from; if someone saved since, nothing is written (409). */
  async update(accountId: string, id: string, changes: UpdateFlowDto): Promise<FlowView> {
    const current = await this.getOwned(accountId, id);
    const draft = changes.draft ? this.credentials.seal(readFlowDocument(changes.draft, this.config.limits), current.draft) : undefined;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Flow)
      .set({ ...(changes.name !== undefined ? { name: changes.name } : {}), ...(draft ? { draft } : {}), revision: () => 'revision + 1' })
      .where('id = :id AND account_id = :accountId AND deleted_at IS NULL AND revision = :revision', {
        id,
        accountId,
        revision: changes.revision,
      })
      .execute();
    if (!result.affected) {
      throw FlowErrors.revisionConflict(changes.revision, current.revision);
    }
    return this.get(accountId, id);
  }

  async duplicate(accountId: string, id: string, input: DuplicateFlowDto): Promise<FlowView> {
    const source = await this.getOwned(accountId, id);
    return this.create(accountId, { name: input.name ?? `${source.name} (copy)`.slice(0, 200), draft: { ...source.draft } });
  }

  /** Soft delete: the flow disappears from the API and stops triggering; its runs and versions stay for history. */
  async remove(accountId: string, id: string): Promise<void> {
    await this.getOwned(accountId, id);
    await this.dataSource.manager.update(Flow, { id, accountId }, { deletedAt: new Date(), enabled: false });
  }

  /** Enabled flows start runs from their triggers; disabling stops new runs only (open runs go on). Idempotent. */
  async setEnabled(accountId: string, id: string, enabled: boolean): Promise<FlowView> {
    await this.getOwned(accountId, id);
    await this.dataSource.manager.update(Flow, { id, accountId }, { enabled });
    return this.get(accountId, id);
  }

  async validate(accountId: string, id: string): Promise<FlowValidation> {
    return this.validateForAccount(accountId, (await this.getOwned(accountId, id)).draft);
  }

  /** validateFlow, plus what only the account's other flows tell: the flows its "Start another flow" blocks start. */
  private async validateForAccount(accountId: string, graph: FlowGraph, manager?: EntityManager): Promise<FlowValidation> {
    const targets = startFlowTargets(graph).map((target) => target.flowId);
    const published = await this.flowVersions.publishedFlows(accountId, targets, manager);
    return withStartFlowTargetProblems(graph, validateFlow(graph), new Set(published.map((flow) => flow.id)));
  }

  /** The problems a document would have as a draft (read as a save reads it, defaults filled), without saving it. */
  validateDocument(accountId: string, document: Record<string, unknown>): Promise<FlowValidation> {
    return this.validateForAccount(accountId, readFlowDocument(document, this.config.limits));
  }

  /**
   * Freezes the draft into the next immutable version and makes it live; an invalid draft is refused with its problems.
   * Warnings (another live flow answers the same keyword on the same post) never stop it: they come back with the version.
   */
  async publish(accountId: string, id: string): Promise<FlowVersionView> {
    const published = await this.publishVersion(accountId, id);
    const warnings = await this.keywordClashes.warningsFor(accountId, published.flow, published.version.graph);
    return { ...published.version, warnings };
  }

  private async publishVersion(
    accountId: string,
    id: string,
  ): Promise<{ version: FlowVersionView; flow: { id: string; instagramAccountId: string | null } }> {
    return this.dataSource.transaction(async (manager) => {
      const flow = await this.getOwned(accountId, id, manager, true);
      const validation = await this.validateForAccount(accountId, flow.draft, manager);
      if (!validation.valid) {
        throw FlowErrors.invalid(
          validation.errors.length,
          validation.errors.map((problem) => ({
            field: problem.nodeId ? `nodes.${problem.nodeId}${problem.field ? `.config.${problem.field}` : ''}` : 'flow',
            message: problem.message,
          })),
        );
      }
      const [{ next }] = await manager.query<Array<{ next: number }>>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM flow_versions WHERE flow_id = $1',
        [flow.id],
      );
      const version = await manager.save(
        FlowVersion,
        manager.create(FlowVersion, {
          flowId: flow.id,
          version: Number(next),
          graph: flow.draft,
          draftRevision: flow.revision,
          publishedAt: new Date(),
        }),
      );
      await manager.update(Flow, { id: flow.id }, { publishedVersionId: version.id });
      await pruneVersions(manager, flow.id, this.config.limits.versionsPerFlow);
      return {
        version: this.shownVersion(FlowVersionView.of(version, version.id)),
        flow: { id: flow.id, instagramAccountId: flow.instagramAccountId },
      };
    });
  }

  async versions(accountId: string, id: string, query: PageQueryDto): Promise<Page<FlowVersionView>> {
    const flow = await this.getOwned(accountId, id);
    const builder = this.dataSource
      .getRepository(FlowVersion)
      .createQueryBuilder('version')
      .where('version.flow_id = :flowId', { flowId: flow.id });
    return paginate(builder, query, (version) => this.shownVersion(FlowVersionView.of(version, flow.publishedVersionId)), PUBLISHED_AT);
  }

  /** Copies a version's graph into the draft (a new revision); publishing it again is a separate, deliberate step. */
  async restore(accountId: string, id: string, versionId: string): Promise<FlowView> {
    const flow = await this.getOwned(accountId, id);
    const version = UUID.test(versionId) ? await this.dataSource.manager.findOneBy(FlowVersion, { id: versionId, flowId: flow.id }) : null;
    if (!version) throw FlowErrors.versionNotFound(id, versionId);
    await this.dataSource.query('UPDATE flows SET draft = $2::jsonb, revision = revision + 1, updated_at = now() WHERE id = $1', [
      flow.id,
      JSON.stringify(version.graph),
    ]);
    return this.get(accountId, id);
  }

  /** A live flow of this account; another account's flow is reported as not found, never revealed. Also used by routes under a flow in other modules. */
  async getOwned(accountId: string, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Flow> {
    if (!UUID.test(id)) throw flowNotFound(id);
    const flow = await manager.findOne(Flow, {
      where: { id, accountId, deletedAt: IsNull() },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!flow) throw flowNotFound(id);
    return { ...flow, draft: migrateFlow(flow.draft) };
  }

  private async view(flow: Flow): Promise<FlowView> {
    const counts = await this.runCounts.countByFlow([flow.id]);
    const published = flow.publishedVersionId
      ? await this.dataSource.manager.findOneBy(FlowVersion, { id: flow.publishedVersionId })
      : null;
    return this.shown(FlowView.withDraft(flow, counts.get(flow.id) ?? NO_RUNS, published));
  }

  /** Credentials in HTTP request headers leave the API masked (compared sealed, for has_unpublished_changes, before). */
  private shown(view: FlowView): FlowView {
    return { ...view, draft: this.credentials.mask(view.draft) };
  }

  private shownVersion(view: FlowVersionView): FlowVersionView {
    return { ...view, graph: this.credentials.mask(view.graph) };
  }
}
