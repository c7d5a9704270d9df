import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { SEND_LIMITS } from '../../messaging/send-limits';
import type { BroadcastCounts } from '../broadcasts.store';
import type { Broadcast, BroadcastStatus } from '../entities/broadcast.entity';

export class BroadcastMessageDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  text: string;
}

export class CreateBroadcastDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty()
  @IsUUID()
  segment_id: string;

  @ApiProperty({ description: 'the connected Instagram account that sends; only its contacts in the segment get it' })
  @IsUUID()
  instagram_account_id: string;

  @ApiPropertyOptional({ type: BroadcastMessageDto, description: 'a text message; give this or flow_id' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BroadcastMessageDto)
  message?: BroadcastMessageDto;

  @ApiPropertyOptional({ description: 'a published flow started for each contact; give this or message' })
  @IsOptional()
  @IsUUID()
  flow_id?: string;

  @ApiPropertyOptional({ description: 'sending rate; never above the account’s Instagram send limit', maximum: SEND_LIMITS.text.limit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SEND_LIMITS.text.limit)
  sends_per_second?: number;

  @ApiPropertyOptional({ description: 'ISO-8601 time to start; now when omitted' })
  @IsOptional()
  @IsISO8601()
  scheduled_at?: string;
}

export class BroadcastStatsView {
  @ApiProperty({ description: 'contacts of the segment (known once sending starts)' }) total: number;
  @ApiProperty() pending: number;
  @ApiProperty() sent: number;
  @ApiProperty() failed: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'skipped contacts by reason: unsubscribed, never_messaged, outside_24h_window, cancelled, run_in_progress, already_ran',
  })
  skipped: Record<string, number>;
}

export class BroadcastView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() segment_id: string;
  @ApiProperty() instagram_account_id: string;
  @ApiProperty({ type: BroadcastMessageDto, nullable: true }) message: { text: string } | null;
  @ApiProperty({ nullable: true, type: String }) flow_id: string | null;
  @ApiProperty() sends_per_second: number;
  @ApiProperty({ enum: ['scheduled', 'sending', 'paused', 'cancelled', 'completed'] }) status: BroadcastStatus;
  @ApiProperty() scheduled_at: string;
  @ApiProperty({ nullable: true, type: String }) started_at: string | null;
  @ApiProperty({ nullable: true, type: String }) finished_at: string | null;
  @ApiProperty({ type: BroadcastStatsView }) stats: BroadcastStatsView;
  @ApiProperty() created_at: string;

  static of(broadcast: Broadcast, stats: BroadcastCounts): BroadcastView {
    return {
      id: broadcast.id,
      name: broadcast.name,
      segment_id: broadcast.segmentId,
      instagram_account_id: broadcast.instagramAccountId,
      message: broadcast.message,
      flow_id: broadcast.flowId,
      sends_per_second: broadcast.sendsPerSecond,
      status: broadcast.status,
      scheduled_at: broadcast.scheduledAt.toISOString(),
      started_at: broadcast.startedAt?.toISOString() ?? null,
      finished_at: broadcast.finishedAt?.toISOString() ?? null,
      stats,
      created_at: broadcast.createdAt.toISOString(),
    };
  }
}
