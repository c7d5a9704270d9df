import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Segment } from '../entities/segment.entity';
import type { SegmentFilter } from '../segment-filter';

const TAG = /^[\w\- .:]{1,64}$/;

export class SegmentFilterDto implements SegmentFilter {
  @ApiPropertyOptional({ type: [String], description: 'contacts carrying every one of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag must be 1-64 letters, digits, spaces or - _ . :' })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'contacts carrying none of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag must be 1-64 letters, digits, spaces or - _ . :' })
  exclude_tags?: string[];

  @ApiPropertyOptional({ description: 'contacts with this variable set' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  variable?: string;

  @ApiPropertyOptional({ description: 'with `variable`: only contacts whose variable equals this text' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  variable_value?: string;

  @ApiPropertyOptional({ description: 'contacts last seen at or after this ISO-8601 time' })
  @IsOptional()
  @IsISO8601()
  last_seen_after?: string;

  @ApiPropertyOptional({ description: 'contacts last seen before this ISO-8601 time' })
  @IsOptional()
  @IsISO8601()
  last_seen_before?: string;

  @ApiPropertyOptional({ description: 'contacts who have run this flow' })
  @IsOptional()
  @IsUUID()
  source_flow_id?: string;
}

export class CreateSegmentDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ type: SegmentFilterDto })
  @ValidateNested()
  @Type(() => SegmentFilterDto)
  filter: SegmentFilterDto;
}

export class SegmentView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: SegmentFilterDto }) filter: SegmentFilter;
  @ApiPropertyOptional({ description: 'how many contacts the segment holds now (single reads only)' }) contact_count?: number;
  @ApiProperty() created_at: string;

  static of(segment: Segment, contactCount?: number): SegmentView {
    return {
      id: segment.id,
      name: segment.name,
      filter: segment.filter,
      ...(contactCount === undefined ? {} : { contact_count: contactCount }),
      created_at: segment.createdAt.toISOString(),
    };
  }
}
