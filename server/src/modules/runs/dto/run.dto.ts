import type { PersistedRunSnapshot, TriggerContext } from '@dmflow/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../core/http/pagination';
import type { RunRecord } from '../../engine/run-records.service';
import { RUN_STATUSES, type RunEffectStatus, type RunStatus } from '../../engine/run-status';

export const RETRY_FROM = ['failed_step', 'start'] as const;
export type RetryFrom = (typeof RETRY_FROM)[number];

export class RetryRunDto {
  @ApiPropertyOptional({
    enum: RETRY_FROM,
    default: 'failed_step',
    description:
      "failed_step: resume the same run at the effect that failed; start: a new run of the flow's current published version for the same contact and trigger",
  })
  @IsOptional()
  @IsIn(RETRY_FROM)
  from?: RetryFrom;
}

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

export class ListRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  flow_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  contact_id?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;
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

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'why a failed run failed, e.g. "send_message at node n3 failed: invalid_token: …"',
  })
  error: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'the node a failed run stopped at' })
  failed_node_id: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'the failed run this run retries from the start' })
  retry_of_run_id: string | null;

  static of(run: RunRecord): RunView {
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
      error: run.error,
      failed_node_id: run.failedNodeId,
      retry_of_run_id: run.retryOfRunId,
    };
  }
}

export class StepEffectView {
  @ApiProperty({ description: 'idempotency key of the effect' })
  key: string;

  @ApiProperty({
    enum: [
      'send_message',
      'reply_comment',
      'http_request',
      'emit_event',
      'schedule_timer',
      'fetch_profile',
      'set_subscription',
      'moderate_comment',
      'hand_over',
      'ai_complete',
      'start_flow',
      'notify_team',
    ],
  })
  type: string;

  @ApiProperty({ enum: ['pending', 'done', 'failed', 'skipped'] })
  status: RunEffectStatus;

  @ApiProperty()
  attempts: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  last_error: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  executed_at: string | null;
}

export class HandedOverView {
  @ApiProperty({ format: 'uuid' })
  flow_id: string;

  @ApiProperty({ description: "the flow's name at the hand-over" })
  flow_name: string;

  @ApiProperty({ format: 'uuid', description: 'the run started, or the open run of that flow the contact was already in' })
  run_id: string;

  @ApiProperty({ description: 'false when the contact already had an open run of that flow (it went on) or it runs once per person' })
  started: boolean;
}

export class RunStepView {
  @ApiProperty()
  node_id: string;

  @ApiProperty({ description: 'block type of the node' })
  node_type: string;

  @ApiProperty()
  entered_at: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null while the run is at this node, or stopped here' })
  exited_at: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'the port the run left by' })
  exit_port: string | null;

  @ApiProperty({ type: [StepEffectView], description: 'effects produced at this node, in order' })
  effects: StepEffectView[];

  @ApiPropertyOptional({
    nullable: true,
    type: () => HandedOverView,
    description: 'at a "Start another flow" block that has handed over: the flow and the run the contact continued in',
  })
  handed_over_to?: HandedOverView | null;
}

export class RunDetailView extends RunView {
  @ApiProperty({ type: [RunStepView], description: 'the nodes the run went through, in order' })
  steps: RunStepView[];
}
