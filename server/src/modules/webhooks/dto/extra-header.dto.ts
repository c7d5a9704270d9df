import { HTTP_HEADER_NAME, IsHttpHeaderValue } from '@dmflow/shared';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class ExtraHeaderDto {
  @ApiProperty({ example: 'Authorization' })
  @IsString()
  @Matches(HTTP_HEADER_NAME, { message: 'name must be a valid HTTP header name' })
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'Bearer receiver-token', description: 'visible ASCII or Latin-1 text, spaces and tabs (RFC 9110 field value)' })
  @IsString()
  @IsHttpHeaderValue()
  @MaxLength(2000)
  value: string;
}
