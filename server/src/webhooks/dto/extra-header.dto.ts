import { IsString, Matches, MaxLength } from 'class-validator';

export class ExtraHeaderDto {
  @IsString()
  @Matches(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { message: 'name must be a valid HTTP header name' })
  @MaxLength(100)
  name: string;

  @IsString()
  @Matches(/^[^\r\n\0]*$/, { message: 'value must not contain line breaks' })
  @MaxLength(2000)
  value: string;
}
