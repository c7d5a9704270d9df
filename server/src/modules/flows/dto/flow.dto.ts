import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FlowGraph } from '@dmflow/shared';
import { migrateFlow, triggerSummary } from '@dmflow/shared';
import { Type } from 'class-transformer';
import { isDeepStrictEqual } from 'node:util';
import { IsInt, IsObject, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import type { Flow } from '../entities/flow.entity';
import type { FlowVersion } from '../entities/flow-version.entity';
import type { FlowRunCounts } from '../flow-run-counts.query';

export type FlowStatus = 'draft' | 'published';

export class CreateFlowDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'the flow graph; an empty graph when omitted', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  draft?: Record<string, unknown>;
}

export class UpdateFlowDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'the new draft graph', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  draft?: Record<string, unknown>;

  @ApiProperty({ description: 'the revision this edit was based on; a stale revision is refused with 409 revision_conflict' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  revision: number;
}

export class DuplicateFlowDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'defaults to "<name> (copy)"' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

export class FlowSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: FlowStatus;
  @ApiProperty({ description: 'what starts the flow, in words' }) trigger_summary: string;
  @ApiProperty({ description: 'whether the trigger starts new runs (POST /v1/flows/:id/enable, /disable)' }) enabled: boolean;
  @ApiProperty() revision: number;
  @ApiProperty({ nullable: true, type: String }) published_version_id: string | null;
  @ApiProperty({ description: 'runs started, all versions' }) run_count: number;
  @ApiProperty({ description: 'runs started in the last 7 days' }) runs_7d: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'of the runs started in the last 7 days, the share completed; null without runs',
  })
  conversion_7d: number | null;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;

  static of(flow: Flow, runs: FlowRunCounts): FlowSummaryView {
    return {
      id: flow.id,
      name: flow.name,
      status: flow.publishedVersionId ? 'published' : 'draft',
      trigger_summary: triggerSummary(flow.draft),
      enabled: flow.enabled,
      revision: flow.revision,
      published_version_id: flow.publishedVersionId,
      run_count: runs.total,
      runs_7d: runs.lastWeek,
      conversion_7d: runs.lastWeek > 0 ? runs.completedLastWeek / runs.lastWeek : null,
      created_at: flow.createdAt.toISOString(),
      updated_at: flow.updatedAt.toISOString(),
    };
  }
}

export class FlowView extends FlowSummaryView {
  @ApiProperty({ type: 'object', additionalProperties: true }) draft: FlowGraph;
  @ApiProperty({ description: 'the draft differs from the published version' }) has_unpublished_changes: boolean;

  static withDraft(flow: Flow, runs: FlowRunCounts, published: FlowVersion | null): FlowView {
    return {
      ...FlowSummaryView.of(flow, runs),
      draft: flow.draft,
      // A restored version brings back the published graph under a new revision: compare content, not just revisions.
      has_unpublished_changes:
        published === null || (published.draftRevision !== flow.revision && !isDeepStrictEqual(flow.draft, migrateFlow(published.graph))),
    };
  }
}

export class FlowProblemView {
  @ApiProperty({ type: String, nullable: true, description: 'the block the problem is about; null for the whole flow' }) nodeId:
    string | null;
  @ApiPropertyOptional() edgeId?: string;
  @ApiPropertyOptional({ description: 'config field path' }) field?: string;
  @ApiPropertyOptional({ description: "the block's name as the author sees it (its title, else its type's label)" }) block?: string;
  @ApiProperty() message: string;
}

export class FlowValidationView {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [FlowProblemView], description: 'block publishing' }) errors: FlowProblemView[];
  @ApiProperty({ type: [FlowProblemView], description: 'Instagram may refuse a message at run time; publishing is allowed' })
  warnings: FlowProblemView[];
}

export class FlowVersionView {
  @ApiProperty() id: string;
  @ApiProperty() flow_id: string;
  @ApiProperty() version: number;
  @ApiProperty() published_at: string;
  @ApiProperty({ description: 'the version runs of new triggers use' }) is_live: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) graph: FlowGraph;
  @ApiPropertyOptional({
    type: [String],
    description:
      'Only when publishing: what to check but does not stop the flow (another live flow answers the same keyword on the same post)',
  })
  warnings?: string[];

  static of(version: FlowVersion, liveVersionId: string | null): FlowVersionView {
    return {
      id: version.id,
      flow_id: version.flowId,
      version: version.version,
      published_at: version.publishedAt.toISOString(),
      is_live: version.id === liveVersionId,
      graph: version.graph,
    };
  }
}
