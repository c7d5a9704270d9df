import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../core/http/pagination';
import type { InboxRow } from '../../conversations/conversations.service';
import type { ConversationNote } from '../../conversations/conversations.service';

const FILTERS = ['all', 'open', 'mine', 'unassigned', 'paused', 'done'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ListConversationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FILTERS, default: 'all', description: 'mine: assigned to the signed-in member' })
  @IsOptional()
  @IsIn(FILTERS)
  filter?: (typeof FILTERS)[number];

  @ApiPropertyOptional({ description: 'only contacts carrying this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tag?: string;

  @ApiPropertyOptional({
    description:
      "contains it, any case: the contact's username or the newest texts people wrote (the contact, members, the API; not flows)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ReplyDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  text: string;
}

export class UpdateConversationDto {
  @ApiPropertyOptional({ enum: ['open', 'done'] })
  @IsOptional()
  @IsIn(['open', 'done'])
  status?: 'open' | 'done';

  @ApiPropertyOptional({ nullable: true, type: String, description: "a member's user id, `round_robin`, or null to unassign" })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @Matches(new RegExp(`^(round_robin|${UUID.source.slice(1, -1)})$`, 'i'), { message: 'assignee_user_id must be a user id or round_robin' })
  assignee_user_id?: string | null;
}

export class PauseDto {
  @ApiPropertyOptional({ description: 'pause for this many minutes; omitted: until resumed', minimum: 1, maximum: 43_200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(43_200)
  minutes?: number;
}

export class ResumeDto {
  @ApiPropertyOptional({ description: 'continue the flow a hand-over paused (default false: it ends)' })
  @IsOptional()
  @IsBoolean()
  continue_flow?: boolean;
}

export class NoteDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text: string;
}

export class LiveChatSettingsDto {
  @ApiProperty({ description: "Meta approved the app's Human Agent feature: replies up to 7 days carry HUMAN_AGENT" })
  @IsBoolean()
  human_agent_enabled: boolean;
}

export class ConversationView {
  @ApiProperty({ description: "the conversation's id: its contact's id" }) id: string;
  @ApiProperty() contact_id: string;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty() ig_user_id: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() last_message_at: string;
  @ApiProperty({ nullable: true, type: String }) last_message_text: string | null;
  @ApiProperty({ enum: ['inbound', 'outbound', 'none'] }) last_direction: string;
  @ApiProperty({ nullable: true, type: String }) last_inbound_at: string | null;
  @ApiProperty() unread_count: number;
  @ApiProperty({ enum: ['open', 'done'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) assignee_user_id: string | null;
  @ApiProperty() automation_paused: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'null while paused: until resumed' }) automation_paused_until: string | null;
  @ApiProperty({ description: 'a "Hand over to a human" block paused a run, which resuming may continue (`continue_flow`)' })
  handover_pending: boolean;

  static of(row: InboxRow, now = new Date()): ConversationView {
    const until = row.automation_paused_until ? new Date(row.automation_paused_until) : null;
    return {
      id: row.contact_id,
      contact_id: row.contact_id,
      username: row.username,
      ig_user_id: row.ig_user_id,
      tags: row.tags,
      last_message_at: new Date(row.last_message_at).toISOString(),
      last_message_text: row.last_message_text,
      last_direction: row.last_direction,
      last_inbound_at: row.last_inbound_at ? new Date(row.last_inbound_at).toISOString() : null,
      unread_count: row.unread_count,
      status: row.status,
      assignee_user_id: row.assignee_user_id,
      automation_paused: row.automation_paused_at !== null && (until === null || until > now),
      automation_paused_until: until?.toISOString() ?? null,
      handover_pending: row.handover_run_id !== null,
    };
  }
}

export class NoteView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) author_user_id: string | null;
  @ApiProperty() text: string;
  @ApiProperty() created_at: string;

  static of(note: ConversationNote): NoteView {
    return { id: note.id, author_user_id: note.authorUserId, text: note.text, created_at: note.createdAt.toISOString() };
  }
}

export class HumanReplyView {
  @ApiProperty({ nullable: true, type: String, description: "Meta's message id" }) message_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: '`HUMAN_AGENT` when sent between 24 hours and 7 days' }) tag: string | null;
}

export class AssigneeCountView {
  @ApiProperty({ nullable: true, type: String, description: 'null: unassigned' }) assignee_user_id: string | null;
  @ApiProperty({ description: 'open conversations' }) open: number;
  @ApiProperty({ description: 'unread messages in the open conversations' }) unread: number;
}

export class AssigneeView {
  @ApiProperty() user_id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['editor', 'admin', 'owner'] }) role: string;
}
