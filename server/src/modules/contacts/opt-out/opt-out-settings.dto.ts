import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import type { OptOutKeywords } from './opt-out-keywords';

const KEYWORD = /\S/;

export class OptOutSettingsDto {
  @ApiProperty({ type: [String], description: 'whole messages that opt the contact out (any case), e.g. STOP' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(KEYWORD, { each: true, message: 'each keyword must contain a letter or digit' })
  stop_keywords: string[];

  @ApiProperty({ type: [String], description: 'whole messages that opt the contact back in, e.g. START' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(KEYWORD, { each: true, message: 'each keyword must contain a letter or digit' })
  resubscribe_keywords: string[];

  static of(keywords: OptOutKeywords): OptOutSettingsDto {
    return { stop_keywords: keywords.stop, resubscribe_keywords: keywords.resubscribe };
  }
}
