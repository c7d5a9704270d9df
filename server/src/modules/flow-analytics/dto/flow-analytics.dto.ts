import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class FlowAnalyticsQueryDto {
  @ApiPropertyOptional({ description: 'a version of the flow; default: the published version' })
  @IsOptional()
  @IsUUID()
  version_id?: string;

  @ApiPropertyOptional({ description: 'ISO-8601; runs started at or after it count. Default: 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601; runs started before it count. Default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class RunCountsView {
  @ApiProperty({ description: 'runs started in the range' }) entered: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'failed or cancelled' }) dropped: number;
  @ApiProperty({ description: 'still active or waiting' }) in_progress: number;
}

export class AnswerCountsView {
  @ApiProperty({ description: 'left by a port that stands for an answer (a choice, a valid answer)' }) answered: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ description: 'no valid answer within the attempts' }) invalid: number;
  @ApiProperty({ description: 'no answer before the timeout' }) timed_out: number;
  @ApiProperty({ nullable: true, type: Number, description: 'answered / entered; null when nobody was asked' }) answer_rate: number | null;
}

export class NodeAnalyticsView {
  @ApiProperty() node_id: string;
  @ApiProperty({ description: 'block type' }) type: string;
  @ApiPropertyOptional({ description: 'the title the author gave the node' }) label?: string;
  @ApiProperty({ description: 'visits: times runs entered the node (a run that loops back counts again)' }) entered: number;
  @ApiProperty({ description: 'visits that left the node (an end node is left by completing)' }) exited: number;
  @ApiProperty({ description: 'runs that failed or were cancelled at this node' }) dropped: number;
  @ApiProperty({ description: 'open runs at this node now' }) waiting: number;
  @ApiPropertyOptional({ type: AnswerCountsView, description: 'for questions' }) answers?: AnswerCountsView;
}

export class FlowAiUsageView {
  @ApiProperty({ description: 'calls to the AI model made by this flow’s runs (all versions) in the range' }) calls: number;
  @ApiProperty() tokens_in: number;
  @ApiProperty() tokens_out: number;
}

export class FlowAnalyticsView {
  @ApiProperty() flow_id: string;
  @ApiProperty() flow_version_id: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: RunCountsView }) runs: RunCountsView;
  @ApiProperty({ nullable: true, type: Number, description: 'completed / entered; null when no run entered' }) conversion_rate:
    number | null;
  @ApiProperty({ type: [NodeAnalyticsView], description: "one per node of the version's graph, in graph order" })
  nodes: NodeAnalyticsView[];
  @ApiProperty({ type: FlowAiUsageView, description: 'tokens the AI blocks spent (zero with the local provider)' })
  ai_usage: FlowAiUsageView;
}
