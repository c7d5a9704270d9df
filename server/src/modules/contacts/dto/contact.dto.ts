import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../core/http/pagination';
import type { Contact } from '../entities/contact.entity';

const TAG = /^[\w\- .:]{1,64}$/;

/** Which contacts a list or an export covers. */
export class ContactFiltersDto {
  @ApiPropertyOptional({ description: 'only contacts whose username contains this text, or whose Instagram user id is this text' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'only contacts carrying this tag' })
  @IsOptional()
  @IsString()
  @Matches(TAG, { message: 'tag must be 1-64 letters, digits, spaces or - _ . :' })
  tag?: string;

  @ApiPropertyOptional({ description: 'only contacts that have this variable set' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  variable?: string;

  @ApiPropertyOptional({ description: 'with `variable`: only contacts whose variable equals this text' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  value?: string;

  @ApiPropertyOptional({ description: 'only contacts seen at or after this ISO-8601 time' })
  @IsOptional()
  @IsISO8601()
  seen_after?: string;

  @ApiPropertyOptional({ description: 'only contacts seen before this ISO-8601 time' })
  @IsOptional()
  @IsISO8601()
  seen_before?: string;

  @ApiPropertyOptional({ description: 'only contacts of this connected Instagram account' })
  @IsOptional()
  @IsString()
  instagram_account_id?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only subscribed (true) or opted-out (false) contacts' })
  @IsOptional()
  @IsIn(['true', 'false'])
  subscribed?: 'true' | 'false';
}

export class ListContactsQueryDto extends IntersectionType(PageQueryDto, ContactFiltersDto) {}

export class UpdateContactDto {
  @ApiPropertyOptional({ type: [String], description: 'tags to add' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TAG, { each: true, message: 'each tag must be 1-64 letters, digits, spaces or - _ . :' })
  add_tags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'tags to remove' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  remove_tags?: string[];

  @ApiPropertyOptional({ description: 'variables to set (null removes one)', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  @Type(() => Object)
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'false opts the contact out of broadcasts and flow starts; true opts them back in' })
  @IsOptional()
  @IsBoolean()
  subscribed?: boolean;
}

export class ContactView {
  @ApiProperty() id: string;
  @ApiProperty() instagram_account_id: string;
  @ApiProperty() ig_user_id: string;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) variables: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) last_inbound_at: string | null;
  @ApiProperty({ description: 'false once the contact opted out (stop keyword, a block, or by hand)' }) subscribed: boolean;
  @ApiProperty({ nullable: true, type: String }) unsubscribed_at: string | null;
  @ApiProperty() first_seen_at: string;
  @ApiProperty() last_seen_at: string;
  @ApiProperty() created_at: string;

  static of(contact: Contact): ContactView {
    return {
      id: contact.id,
      instagram_account_id: contact.instagramAccountId,
      ig_user_id: contact.igUserId,
      username: contact.username,
      tags: contact.tags,
      variables: contact.variables,
      last_inbound_at: contact.lastInboundAt?.toISOString() ?? null,
      subscribed: contact.unsubscribedAt === null,
      unsubscribed_at: contact.unsubscribedAt?.toISOString() ?? null,
      first_seen_at: contact.firstSeenAt.toISOString(),
      last_seen_at: contact.lastSeenAt.toISOString(),
      created_at: contact.createdAt.toISOString(),
    };
  }
}
