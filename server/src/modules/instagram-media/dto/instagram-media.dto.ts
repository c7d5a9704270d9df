import type { InstagramMediaItemView } from '@dmflow/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { InstagramMedia } from '../../messaging/graph-api.client';

export const MAX_MEDIA_PAGE = 50;

export class MediaPageQueryDto {
  @ApiPropertyOptional({ description: 'next_cursor of the previous page (Meta\'s "after" cursor)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_=-]{1,500}$/, { message: 'cursor must be the next_cursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MEDIA_PAGE, default: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_MEDIA_PAGE)
  limit?: number;
}

export class InstagramMediaView implements InstagramMediaItemView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) caption: string | null;
  @ApiProperty({ description: 'IMAGE, VIDEO (reels too) or CAROUSEL_ALBUM' }) media_type: string;
  @ApiProperty({ nullable: true, type: String }) media_url: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'a still for videos' }) thumbnail_url: string | null;
  @ApiProperty({ nullable: true, type: String }) permalink: string | null;
  @ApiProperty({ nullable: true, type: String }) timestamp: string | null;

  static of(media: InstagramMedia): InstagramMediaView {
    return {
      id: media.id,
      caption: media.caption,
      media_type: media.mediaType,
      media_url: media.mediaUrl,
      thumbnail_url: media.thumbnailUrl,
      permalink: media.permalink,
      timestamp: media.timestamp,
    };
  }
}
