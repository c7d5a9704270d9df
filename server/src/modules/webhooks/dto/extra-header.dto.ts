import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class ExtraHeaderDto {
  @ApiProperty({ example: 'Authorization' })
  @IsString()
  @Matches(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { message: 'name must be a valid HTTP header name' })
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'Bearer receiver-token' })
  @IsString()
  @Matches(/^[^\r\n\0]*$/, { message: 'value must not contain line breaks' })
  @MaxLength(2000)
  value: string;
}
