import type { PersistedRunSnapshot, TriggerContext } from '@dmflow/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { FlowRun, RunStatus } from '../entities/flow-run.entity';
import { RUN_STATUSES } from '../entities/flow-run.entity';

export class StartRunDto {
  @ApiProperty({ description: 'published flow version to run' })
  @IsUUID()
  flow_version_id: string;

  @ApiProperty({ description: 'contact who goes through the flow' })
  @IsUUID()
  contact_id: string;

  @ApiPropertyOptional({ description: 'text handed to the flow as the triggering message' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  text?: string;
}

export class StartRunView {
  @ApiProperty()
  started: boolean;

  @ApiProperty()
  run_id: string;

  @ApiPropertyOptional({ enum: ['run_in_progress', 'already_ran'], description: 'why no run started' })
  reason?: string;
}

export class RunView {
  @ApiProperty()
  id: string;

  @ApiProperty()
  flow_id: string;

  @ApiProperty()
  flow_version_id: string;

  @ApiProperty()
  contact_id: string;

  @ApiProperty({ enum: RUN_STATUSES })
  status: RunStatus;

  @ApiProperty({ description: 'the block the run waits at (or ended at)' })
  current_node_id: string;

  @ApiProperty({ description: 'variables collected so far' })
  variables: Record<string, unknown>;

  @ApiProperty()
  tags: string[];

  @ApiProperty({ description: 'what started the run' })
  trigger: TriggerContext;

  @ApiProperty()
  version: number;

  @ApiProperty()
  started_at: string;

  @ApiProperty()
  updated_at: string;

  @ApiPropertyOptional({ nullable: true })
  ended_at: string | null;

  static of(run: FlowRun): RunView {
    const context: PersistedRunSnapshot['context'] = run.snapshot.context;
    return {
      id: run.id,
      flow_id: run.flowId,
      flow_version_id: run.flowVersionId,
      contact_id: run.contactId,
      status: run.status,
      current_node_id: run.currentNodeId,
      variables: context.variables,
      tags: context.tags,
      trigger: run.trigger,
      version: run.version,
      started_at: run.startedAt.toISOString(),
      updated_at: run.updatedAt.toISOString(),
      ended_at: run.endedAt?.toISOString() ?? null,
    };
  }
}
