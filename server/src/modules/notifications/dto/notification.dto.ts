import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../core/http/pagination';
import type { TeamNotification } from '../entities/team-notification.entity';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only the ones not read yet' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String, description: 'The conversation it is about (its contact id); null once deleted' })
  contact_id: string | null;
  @ApiProperty({ nullable: true, type: String }) flow_id: string | null;
  @ApiProperty({ nullable: true, type: String }) run_id: string | null;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) read_at: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was emailed to you; null: not emailed' }) emailed_at: string | null;

  static of(row: TeamNotification): NotificationView {
    return {
      id: row.id,
      text: row.text,
      contact_id: row.contactId,
      flow_id: row.flowId,
      run_id: row.runId,
      created_at: row.createdAt.toISOString(),
      read_at: row.readAt?.toISOString() ?? null,
      emailed_at: row.emailedAt?.toISOString() ?? null,
    };
  }
}
